#pragma once

// What the three kernels share: the AVX-512 intrinsics, the attribute that
// compiles a helper for AVX-512 and inlines it into its kernel (the rest of
// the binary stays generic x86-64), the load of one block of every lane
// as per-word columns, and the two sources of those words.

// GCC 12.0-12.2's AVX-512 headers seed "undefined" operands with a
// self-initialised variable, which -W(maybe-)uninitialized reports at every
// inlined use (GCC bug 105593); the warnings are false, so they are
// silenced for the header only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstddef>
#include <cstdint>

#define HASHER_AVX512 __attribute__((target("avx512f,avx512bw"), always_inline))

namespace hasher::digest::multi::avx512 {

// Collects word j of the block at row[l] + at of every lane l into w[j]:
// one 64-byte load per lane and a 16x16 transpose of 32-bit elements. Rows
// and shuffles beat 16 gathers (15-30% slower here) and, unlike a gather's
// signed 32-bit indices, take any 32-bit offset. Unrolled so that
// everything stays in registers.
static inline HASHER_AVX512 void load_columns(const std::uint8_t* const row[16],
                                              std::size_t at, __m512i w[16]) {
  __m512i r[16];
#pragma GCC unroll 16
  for (std::size_t l = 0; l < 16; ++l) {
    r[l] = _mm512_loadu_si512(row[l] + at);
  }
  // Pairs of rows interleaved by 32 bits, then by 64 bits: b[4j + m] holds,
  // in 128-bit lane k, element 4k + m of rows 4j..4j+3.
  __m512i a[16];
#pragma GCC unroll 16
  for (std::size_t i = 0; i < 16; i += 2) {
    a[i] = _mm512_unpacklo_epi32(r[i], r[i + 1]);
    a[i + 1] = _mm512_unpackhi_epi32(r[i], r[i + 1]);
  }
  __m512i b[16];
#pragma GCC unroll 16
  for (std::size_t j = 0; j < 16; j += 4) {
    b[j] = _mm512_unpacklo_epi64(a[j], a[j + 2]);
    b[j + 1] = _mm512_unpackhi_epi64(a[j], a[j + 2]);
    b[j + 2] = _mm512_unpacklo_epi64(a[j + 1], a[j + 3]);
    b[j + 3] = _mm512_unpackhi_epi64(a[j + 1], a[j + 3]);
  }
  // A 4x4 transpose of 128-bit lanes among b[m], b[4 + m], b[8 + m],
  // b[12 + m] finishes word 4k + m.
#pragma GCC unroll 4
  for (std::size_t m = 0; m < 4; ++m) {
    __m512i c0 = _mm512_shuffle_i32x4(b[m], b[4 + m], 0x88);
    __m512i c1 = _mm512_shuffle_i32x4(b[m], b[4 + m], 0xdd);
    __m512i c2 = _mm512_shuffle_i32x4(b[8 + m], b[12 + m], 0x88);
    __m512i c3 = _mm512_shuffle_i32x4(b[8 + m], b[12 + m], 0xdd);
    w[m] = _mm512_shuffle_i32x4(c0, c2, 0x88);
    w[4 + m] = _mm512_shuffle_i32x4(c1, c3, 0x88);
    w[8 + m] = _mm512_shuffle_i32x4(c0, c2, 0xdd);
    w[12 + m] = _mm512_shuffle_i32x4(c1, c3, 0xdd);
  }
}

// Every 32-bit word of `x` with its bytes reversed: SHA reads the message
// as big-endian words (FIPS 180-4 section 3.1).
static inline HASHER_AVX512 __m512i byte_swap_words(__m512i x) {
  const __m512i swap = _mm512_broadcast_i32x4(
      _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
  return _mm512_shuffle_epi8(x, swap);
}

// load_columns with every word made big-endian, as SHA reads it.
static inline HASHER_AVX512 void
load_columns_big_endian(const std::uint8_t* const row[16], std::size_t at,
                        __m512i w[16]) {
  load_columns(row, at, w);
#pragma GCC unroll 16
  for (std::size_t j = 0; j < 16; ++j) w[j] = byte_swap_words(w[j]);
}

// Where a kernel finds each block's 16 message words, word j in w[j]:
// Rows transposes the lanes' bytes itself, block by block, as the
// algorithm reads them (big-endian for SHA); Columns loads words that
// columns_x16 (kernels.hpp) transposed once for several kernels.
template <bool BigEndian> struct Rows {
  const std::uint8_t* row[16];
  Rows(const std::uint8_t* base, const std::uint32_t offsets[16]) {
    for (std::size_t l = 0; l < 16; ++l) row[l] = base + offsets[l];
  }
  HASHER_AVX512 void load(std::size_t block, __m512i w[16]) const {
    if constexpr (BigEndian) {
      load_columns_big_endian(row, block * 64, w);
    } else {
      load_columns(row, block * 64, w);
    }
  }
};

struct Columns {
  const std::uint32_t* words; // word j of block b, lane l: [(16b + j)16 + l]
  HASHER_AVX512 void load(std::size_t block, __m512i w[16]) const {
#pragma GCC unroll 16
    for (std::size_t j = 0; j < 16; ++j) {
      w[j] = _mm512_load_si512(words + (block * 16 + j) * 16);
    }
  }
};

} // namespace hasher::digest::multi::avx512
