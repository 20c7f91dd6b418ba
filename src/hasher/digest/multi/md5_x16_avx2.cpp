// MD5 for 16 messages at once with AVX2 (RFC 1321, section 3.4), for CPUs
// without AVX-512: two groups of 8 lanes (avx2.hpp), each register holding
// one word of 8 messages, so one pass of the 64 steps advances all 16
// chaining values by a block.

#include <hasher/digest/multi/avx2.hpp>
#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/md5_constants.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

using avx2::k_groups;

// The round function of step I's round on b, c, d (RFC 1321 section 3.4):
// F = xy | ~xz as z ^ (x & (y ^ z)), G = xz | y~z as y ^ (z & (x ^ y)),
// H = x ^ y ^ z. Round 4's I = y ^ (x | ~z) is ~(y ^ (~x & z)); the step
// subtracts y ^ (~x & z) instead (~q = -q - 1, the -1 folded into T).
template <int Round>
static inline HASHER_AVX2 __m256i round_function(__m256i b, __m256i c,
                                                 __m256i d) {
  if constexpr (Round == 0) {
    return _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)));
  } else if constexpr (Round == 1) {
    return _mm256_xor_si256(c, _mm256_and_si256(d, _mm256_xor_si256(b, c)));
  } else if constexpr (Round == 2) {
    return _mm256_xor_si256(_mm256_xor_si256(b, c), d);
  } else {
    return _mm256_xor_si256(c, _mm256_andnot_si256(b, d));
  }
}

// Step I of both groups: a = b + ((a + fn(b, c, d) + X[k] + T[i]) <<< s),
// with the word roles rotating by one each step (v[] indexed by I), and
// X[k] + T[i] + a summed first, off the chain through the new b.
template <int I>
static inline HASHER_AVX2 void step(__m256i v[k_groups][4],
                                    const __m256i x[k_groups][16]) {
  constexpr int a = (4 - I % 4) % 4;
  constexpr int b = (5 - I % 4) % 4;
  constexpr int c = (6 - I % 4) % 4;
  constexpr int d = (7 - I % 4) % 4;
  constexpr int round = I / 16;
  constexpr std::uint32_t t_i = md5::k_t[I] - (round == 3 ? 1 : 0);
  const __m256i k = _mm256_set1_epi32(static_cast<int>(t_i));
#pragma GCC unroll 2
  for (std::size_t g = 0; g < k_groups; ++g) {
    __m256i t = _mm256_add_epi32(x[g][md5::word_of(I)], k);
    t = _mm256_add_epi32(t, v[g][a]);
    __m256i f = round_function<round>(v[g][b], v[g][c], v[g][d]);
    t = round == 3 ? _mm256_sub_epi32(t, f) : _mm256_add_epi32(t, f);
    v[g][a] =
        _mm256_add_epi32(v[g][b], avx2::rotl<md5::k_shift[round][I % 4]>(t));
  }
}

template <int... I>
static inline HASHER_AVX2 void steps(__m256i v[k_groups][4],
                                     const __m256i x[k_groups][16],
                                     std::integer_sequence<int, I...>) {
  (step<I>(v, x), ...);
}

} // namespace

__attribute__((target("avx2"))) void
md5_x16_avx2(State& state, const std::uint8_t* base,
             const std::uint32_t offsets[k_lanes], std::size_t blocks) {
  const avx2::Rows source(base, offsets);
  __m256i v[k_groups][4];
  for (std::size_t g = 0; g < k_groups; ++g) {
    for (std::size_t w = 0; w < 4; ++w) {
      v[g][w] = _mm256_load_si256(reinterpret_cast<const __m256i*>(
          &state.words[w * k_lanes + g * avx2::k_group_lanes]));
    }
  }
  for (std::size_t n = 0; n < blocks; ++n) {
    __m256i x[k_groups][16];
    source.load(n, x);
    __m256i saved[k_groups][4];
    for (std::size_t g = 0; g < k_groups; ++g) {
      for (std::size_t w = 0; w < 4; ++w) saved[g][w] = v[g][w];
    }
    steps(v, x, std::make_integer_sequence<int, 64>{});
    for (std::size_t g = 0; g < k_groups; ++g) {
      for (std::size_t w = 0; w < 4; ++w) {
        v[g][w] = _mm256_add_epi32(v[g][w], saved[g][w]);
      }
    }
  }
  for (std::size_t g = 0; g < k_groups; ++g) {
    for (std::size_t w = 0; w < 4; ++w) {
      _mm256_store_si256(
          reinterpret_cast<__m256i*>(
              &state.words[w * k_lanes + g * avx2::k_group_lanes]),
          v[g][w]);
    }
  }
}

} // namespace hasher::digest::multi
