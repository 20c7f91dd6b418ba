#pragma once

// What the AVX2 kernel (MD5) needs: the attribute that compiles a helper
// for AVX2 and inlines it into the kernel (the rest of the binary stays
// generic x86-64), and the load of one block of every lane as per-word
// columns.
// An AVX2 register holds 8 lanes, so the kernels keep multi_buffer.hpp's 16
// lanes as two groups of 8 (lanes 0-7 and 8-15) and run both through every
// step: the second group's work fills the cycles the first one's dependency
// chain leaves idle.

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#define HASHER_AVX2 __attribute__((target("avx2"), always_inline))

namespace hasher::digest::multi::avx2 {

constexpr std::size_t k_groups = 2;
constexpr std::size_t k_group_lanes = 8;

// Collects the 8 words at row[l] + at of the 8 lanes l, word j of every
// lane into w[j]: one 32-byte load per lane and an 8x8 transpose of 32-bit
// elements (interleave by 32 bits, by 64 bits, then swap 128-bit
// halves).
static inline HASHER_AVX2 void transpose8(const std::uint8_t* const row[8],
                                          std::size_t at, __m256i w[8]) {
  __m256i r[8];
#pragma GCC unroll 8
  for (std::size_t l = 0; l < 8; ++l) {
    r[l] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row[l] + at));
  }
  // t[2i] holds words 0, 1 | 4, 5 of rows 2i and 2i + 1 interleaved;
  // t[2i + 1] words 2, 3 | 6, 7.
  __m256i t[8];
#pragma GCC unroll 4
  for (std::size_t i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_epi32(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_epi32(r[i], r[i + 1]);
  }
  // u[4h + m] holds word m | m + 4 of rows 4h..4h+3.
  __m256i u[8];
#pragma GCC unroll 2
  for (std::size_t h = 0; h < 8; h += 4) {
    u[h] = _mm256_unpacklo_epi64(t[h], t[h + 2]);
    u[h + 1] = _mm256_unpackhi_epi64(t[h], t[h + 2]);
    u[h + 2] = _mm256_unpacklo_epi64(t[h + 1], t[h + 3]);
    u[h + 3] = _mm256_unpackhi_epi64(t[h + 1], t[h + 3]);
  }
#pragma GCC unroll 4
  for (std::size_t m = 0; m < 4; ++m) {
    w[m] = _mm256_permute2x128_si256(u[m], u[4 + m], 0x20);
    w[m + 4] = _mm256_permute2x128_si256(u[m], u[4 + m], 0x31);
  }
}

// x rotated left by S bits (AVX2 has no rotate instruction).
template <int S> static inline HASHER_AVX2 __m256i rotl(__m256i x) {
  return _mm256_or_si256(_mm256_slli_epi32(x, S), _mm256_srli_epi32(x, 32 - S));
}

// Where a kernel finds each block's 16 message words of group g, word j in
// w[g][j], transposed from the lanes' bytes block by block.
struct Rows {
  const std::uint8_t* row[k_groups * k_group_lanes];
  Rows(const std::uint8_t* base, const std::uint32_t offsets[16]) {
    for (std::size_t l = 0; l < 16; ++l) row[l] = base + offsets[l];
  }
  HASHER_AVX2 void load(std::size_t block, __m256i w[k_groups][16]) const {
#pragma GCC unroll 2
    for (std::size_t g = 0; g < k_groups; ++g) {
      transpose8(row + g * k_group_lanes, block * 64, w[g]);
      transpose8(row + g * k_group_lanes, block * 64 + 32, w[g] + 8);
    }
  }
};

} // namespace hasher::digest::multi::avx2
