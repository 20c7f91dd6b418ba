#include <hasher/digest/multi/multi_buffer.hpp>

#include <hasher/digest/multi/kernels.hpp>

#include <algorithm>
#include <bit>
#include <cstring>

namespace hasher::digest::multi {
namespace {

// Initial values: RFC 1321 section 3.3; FIPS 180-4 sections 5.3.1 and 5.3.3.
constexpr std::uint32_t k_md5_init[4] = {0x67452301, 0xefcdab89, 0x98badcfe,
                                         0x10325476};
constexpr std::uint32_t k_sha1_init[5] = {0x67452301, 0xefcdab89, 0x98badcfe,
                                          0x10325476, 0xc3d2e1f0};
constexpr std::uint32_t k_sha256_init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                            0xa54ff53a, 0x510e527f, 0x9b05688c,
                                            0x1f83d9ab, 0x5be0cd19};

std::span<const std::uint32_t> initial(Kind kind) {
  switch (kind) {
  case Kind::md5:
    return k_md5_init;
  case Kind::sha1:
    return k_sha1_init;
  case Kind::sha256:
    return k_sha256_init;
  }
  return {};
}

} // namespace

bool has_avx512() {
#if defined(__x86_64__)
  static const bool yes =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
  return yes;
#else
  return false;
#endif
}

bool has_avx2() {
#if defined(__x86_64__)
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
#else
  return false;
#endif
}

bool has_sha_extensions() {
#if defined(__x86_64__)
  static const bool yes =
      __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
  return yes;
#else
  return false;
#endif
}

bool available(Kind kind) {
  if (has_avx512()) return true;
  switch (kind) {
  case Kind::md5:
    return has_avx2();
  case Kind::sha1:
  case Kind::sha256:
    return has_sha_extensions();
  }
  return false;
}

bool available_any() {
  return available(Kind::md5) || available(Kind::sha1) ||
         available(Kind::sha256);
}

std::size_t digest_size(Kind kind) { return initial(kind).size() * 4; }

void init_lane(Kind kind, State& state, std::size_t lane) {
  std::span<const std::uint32_t> words = initial(kind);
  for (std::size_t w = 0; w < words.size(); ++w) {
    state.word(w, lane) = words[w];
  }
}

void compress(Kind kind, State& state, const std::uint8_t* base,
              const std::uint32_t offsets[k_lanes], std::size_t blocks,
              LaneMask busy) {
  if (blocks == 0) return;
  if (has_avx512()) {
    switch (kind) {
    case Kind::md5:
      return md5_x16(state, base, offsets, blocks);
    case Kind::sha1:
      return sha1_x16(state, base, offsets, blocks);
    case Kind::sha256:
      return sha256_x16(state, base, offsets, blocks);
    }
  }
  switch (kind) {
  case Kind::md5:
    // AVX2 does all 16 lanes' work whatever is busy: one busy lane hashes
    // at a third of the scalar code's speed, three about even.
    if (std::popcount(busy) <= 2) {
      return md5_lanes_scalar(state, base, offsets, blocks, busy);
    }
    return md5_x16_avx2(state, base, offsets, blocks);
  case Kind::sha1:
    return sha1_x16_sha_ni(state, base, offsets, blocks, busy);
  case Kind::sha256:
    return sha256_x16_sha_ni(state, base, offsets, blocks, busy);
  }
}

void compress_together(std::span<const Kind> kinds, std::span<State> states,
                       const std::uint8_t* base,
                       const std::uint32_t offsets[k_lanes], std::size_t blocks,
                       LaneMask busy) {
  // The shared transpose is AVX-512's; the other kernels read the rows.
  if (kinds.size() < 2 || !has_avx512()) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      compress(kinds[i], states[i], base, offsets, blocks, busy);
    }
    return;
  }
  bool little = false;
  bool big = false;
  for (Kind kind : kinds) (kind == Kind::md5 ? little : big) = true;
  // A few blocks at a time, so the columns stay in the L1 cache while
  // every kernel reads them.
  constexpr std::size_t k_group = 8;
  constexpr std::size_t k_words = k_group * 16 * k_lanes;
  alignas(64) std::uint32_t little_words[k_words];
  alignas(64) std::uint32_t big_words[k_words];
  std::uint32_t at[k_lanes];
  std::copy(offsets, offsets + k_lanes, at);
  for (std::size_t done = 0; done < blocks;) {
    std::size_t group = std::min(k_group, blocks - done);
    columns_x16(base, at, group, little ? little_words : nullptr,
                big ? big_words : nullptr);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      switch (kinds[i]) {
      case Kind::md5:
        md5_x16_columns(states[i], little_words, group);
        break;
      case Kind::sha1:
        sha1_x16_columns(states[i], big_words, group);
        break;
      case Kind::sha256:
        sha256_x16_columns(states[i], big_words, group);
        break;
      }
    }
    done += group;
    for (std::uint32_t& offset : at) {
      offset += static_cast<std::uint32_t>(group * k_block);
    }
  }
}

void extract(Kind kind, const State& state, std::size_t lane,
             std::span<std::uint8_t> out) {
  std::size_t words = initial(kind).size();
  for (std::size_t w = 0; w < words; ++w) {
    std::uint32_t v = state.word(w, lane);
    for (std::size_t b = 0; b < 4; ++b) {
      // MD5 is little-endian throughout, SHA big-endian.
      std::size_t shift = kind == Kind::md5 ? 8 * b : 24 - 8 * b;
      out[4 * w + b] = static_cast<std::uint8_t>(v >> shift);
    }
  }
}

std::size_t pad(Kind kind, std::uint8_t* tail, std::uint64_t total) {
  std::size_t used = total % k_block;
  std::size_t blocks = used + 1 + 8 <= k_block ? 1 : 2;
  std::size_t end = blocks * k_block;
  tail[used] = 0x80;
  std::memset(tail + used + 1, 0, end - used - 1 - 8);
  std::uint64_t bits = total * 8;
  for (std::size_t b = 0; b < 8; ++b) {
    std::size_t shift = kind == Kind::md5 ? 8 * b : 56 - 8 * b;
    tail[end - 8 + b] = static_cast<std::uint8_t>(bits >> shift);
  }
  return blocks;
}

} // namespace hasher::digest::multi
