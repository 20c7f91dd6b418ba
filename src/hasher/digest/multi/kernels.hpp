#pragma once

// The kernels behind multi_buffer.hpp's compress(), one file each. Each is
// compiled for its instruction set only inside its own functions (target
// attributes), so the rest of the binary runs on any x86-64: call the _x16
// ones only when has_avx512(), the _avx2 ones only when has_avx2(), the
// _sha_ni ones only when has_sha_extensions().

#include <hasher/digest/multi/multi_buffer.hpp>

namespace hasher::digest::multi {

bool has_avx512(); // AVX-512 F and BW
bool has_avx2();
bool has_sha_extensions(); // SHA-NI and the SSE4.1 its kernels use

void md5_x16(State& state, const std::uint8_t* base,
             const std::uint32_t offsets[k_lanes], std::size_t blocks);
void sha1_x16(State& state, const std::uint8_t* base,
              const std::uint32_t offsets[k_lanes], std::size_t blocks);
void sha256_x16(State& state, const std::uint8_t* base,
                const std::uint32_t offsets[k_lanes], std::size_t blocks);

// The same from words already in columns (columns_x16): word j of block b
// of lane l at columns[(16 * b + j) * 16 + l], 64-byte aligned,
// little-endian for MD5, big-endian for SHA.
void md5_x16_columns(State& state, const std::uint32_t* columns,
                     std::size_t blocks);
void sha1_x16_columns(State& state, const std::uint32_t* columns,
                      std::size_t blocks);
void sha256_x16_columns(State& state, const std::uint32_t* columns,
                        std::size_t blocks);

// Transposes `blocks` blocks of every lane (as compress() reads them) into
// columns: as they are into `little`, byte-swapped into `big`; either may
// be null. Each needs blocks * 1 KiB, 64-byte aligned.
void columns_x16(const std::uint8_t* base, const std::uint32_t offsets[k_lanes],
                 std::size_t blocks, std::uint32_t* little, std::uint32_t* big);

// The same 16 lanes as two groups of 8 in AVX2 registers (avx2.hpp).
void md5_x16_avx2(State& state, const std::uint8_t* base,
                  const std::uint32_t offsets[k_lanes], std::size_t blocks);

// MD5 of the lanes in `busy` one after the other, without SIMD.
void md5_lanes_scalar(State& state, const std::uint8_t* base,
                      const std::uint32_t offsets[k_lanes], std::size_t blocks,
                      LaneMask busy);

// The lanes in `busy` through the SHA extensions, several streams
// interleaved (sha_ni.hpp: SHA-1 four, SHA-256 two).
void sha1_x16_sha_ni(State& state, const std::uint8_t* base,
                     const std::uint32_t offsets[k_lanes], std::size_t blocks,
                     LaneMask busy);
void sha256_x16_sha_ni(State& state, const std::uint8_t* base,
                       const std::uint32_t offsets[k_lanes], std::size_t blocks,
                       LaneMask busy);

} // namespace hasher::digest::multi
