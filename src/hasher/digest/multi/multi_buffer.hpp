#pragma once

// Multi-buffer kernels: one call advances 16 independent messages ("lanes")
// of one algorithm by the same number of 64-byte blocks, lane l in element l
// of each AVX-512 register (or of two AVX2 registers, lanes 0-7 and 8-15).
// A chained hash (MD5, SHA-1, SHA-256) cannot be split within one message,
// but 16 files can be hashed side by side: with AVX-512 that costs about
// what one scalar message costs per block, so 16 busy lanes hash faster per
// core than the libraries' single-stream code: MD5 12x, SHA-1 3.5x,
// SHA-256 1.9x (against SHA-NI) on a Zen 4 EPYC; with AVX2 on a Zen 3
// EPYC, MD5 5.5x (`bench/algorithms 3 multi`). Written from RFC 1321 (MD5)
// and FIPS 180-4 (SHA-1, SHA-256); the results are checked against OpenSSL.
//
// The caller owns the message bytes and the padding: a lane's last block(s)
// are made with pad() in the caller's buffer and compressed like any other.

#include <cstddef>
#include <cstdint>
#include <span>

namespace hasher::digest::multi {

constexpr std::size_t k_lanes = 16;
constexpr std::size_t k_block = 64;
// pad() writes at most this many bytes from the start of the tail.
constexpr std::size_t k_max_padding = 2 * k_block;

enum class Kind { md5, sha1, sha256 };

// Every lane's chaining value, structure of arrays: word w of lane l is
// words[w * k_lanes + l] (8 words for SHA-256, 5 for SHA-1, 4 for MD5).
struct alignas(64) State {
  std::uint32_t words[8 * k_lanes] = {};
  // Word w of lane `lane`'s chaining value.
  std::uint32_t& word(std::size_t w, std::size_t lane) {
    return words[w * k_lanes + lane];
  }
  [[nodiscard]] std::uint32_t word(std::size_t w, std::size_t lane) const {
    return words[w * k_lanes + lane];
  }
};

// Whether this CPU runs compress() of `kind`: every kind with AVX-512 F and
// BW (16 lanes a register); without it, MD5 with AVX2 (two registers of 8
// lanes, 5.5x the library's one stream on a Zen 3 EPYC; a call with one or
// two busy lanes runs them one by one instead), SHA-1 and SHA-256 with the
// SHA extensions (several busy lanes' streams interleaved, sha_ni.hpp).
// compress() and compress_together() take only kinds available here; the
// rest of this header works everywhere.
bool available(Kind kind);
// Whether any kind is available.
bool available_any();

// Bit l set: lane l carries a message this call. The SIMD kernels advance
// every lane whatever the mask; the SHA-extension ones only those set.
using LaneMask = std::uint32_t;
constexpr LaneMask k_all_lanes = 0xffff;

// The digest size of `kind`, in bytes: 16, 20 or 32.
std::size_t digest_size(Kind kind);

// Sets lane `lane` to the algorithm's initial value.
void init_lane(Kind kind, State& state, std::size_t lane);

// Advances the lanes in `busy` by `blocks` blocks: lane l reads `blocks`
// consecutive 64-byte blocks starting at base + offsets[l]. A lane not in
// `busy` may still be read (point it at any readable blocks) and its state
// is garbage after.
void compress(Kind kind, State& state, const std::uint8_t* base,
              const std::uint32_t offsets[k_lanes], std::size_t blocks,
              LaneMask busy);

// compress() for several kinds over the same blocks, state i advanced by
// kinds[i]: each block is transposed into words once for all of them, not
// once per kind (the transpose is 5-14% of a kernel's work).
void compress_together(std::span<const Kind> kinds, std::span<State> states,
                       const std::uint8_t* base,
                       const std::uint32_t offsets[k_lanes], std::size_t blocks,
                       LaneMask busy);

// Writes lane `lane`'s digest (digest_size(kind) bytes) into `out`; call
// after the padded final blocks were compressed.
void extract(Kind kind, const State& state, std::size_t lane,
             std::span<std::uint8_t> out);

// Ends a message of `total` bytes whose last total % 64 bytes sit at `tail`:
// appends the 0x80 byte, zeros and the bit length (little-endian for MD5,
// big-endian for SHA), writing up to k_max_padding bytes from `tail`, and
// returns the number of blocks (1 or 2) now to be compressed from `tail`.
std::size_t pad(Kind kind, std::uint8_t* tail, std::uint64_t total);

} // namespace hasher::digest::multi
