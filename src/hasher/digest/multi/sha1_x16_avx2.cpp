// SHA-1 for 16 messages at once with AVX2 (FIPS 180-4, sections 6.1.2 and
// 4.1.1), for CPUs without AVX-512: two groups of 8 lanes (avx2.hpp), each
// register holding one word of 8 messages, so one pass of the 80 rounds
// advances all 16 chaining values by a block.

#include <hasher/digest/multi/avx2.hpp>
#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/sha1_constants.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

using avx2::k_groups;

// f_t of round T on b, c, d (section 4.1.1): Ch = xy ^ ~xz as
// z ^ (x & (y ^ z)), Parity = x ^ y ^ z, Maj = xy ^ xz ^ yz as
// xy | (z & (x | y)).
template <int T>
static inline HASHER_AVX2 __m256i f(__m256i b, __m256i c, __m256i d) {
  if constexpr (T < 20) {
    return _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)));
  } else if constexpr (T >= 40 && T < 60) {
    return _mm256_or_si256(_mm256_and_si256(b, c),
                           _mm256_and_si256(d, _mm256_or_si256(b, c)));
  } else {
    return _mm256_xor_si256(_mm256_xor_si256(b, c), d);
  }
}

// Round T of section 6.1.2 step 3 for both groups, as sha1_x16.cpp does
// it: W_t in w[t % 16] (from t = 16 on computed over W_t-16), the working
// variables' roles rotating through v[] by t, T into e's slot, ROTL5(a)
// added last since a is the newest value.
template <int T>
static inline HASHER_AVX2 void round(__m256i v[k_groups][5],
                                     __m256i w[k_groups][16]) {
  constexpr int a = (5 - T % 5) % 5;
  constexpr int b = (6 - T % 5) % 5;
  constexpr int c = (7 - T % 5) % 5;
  constexpr int d = (8 - T % 5) % 5;
  constexpr int e = (9 - T % 5) % 5;
  const __m256i k = _mm256_set1_epi32(static_cast<int>(sha1::k_k[T / 20]));
#pragma GCC unroll 2
  for (std::size_t g = 0; g < k_groups; ++g) {
    if constexpr (T >= 16) {
      __m256i x = _mm256_xor_si256(w[g][(T - 3) % 16], w[g][(T - 8) % 16]);
      x = _mm256_xor_si256(x, w[g][(T - 14) % 16]);
      w[g][T % 16] = avx2::rotl<1>(_mm256_xor_si256(x, w[g][T % 16]));
    }
    __m256i t = _mm256_add_epi32(w[g][T % 16], k);
    t = _mm256_add_epi32(t, v[g][e]);
    t = _mm256_add_epi32(t, f<T>(v[g][b], v[g][c], v[g][d]));
    v[g][e] = _mm256_add_epi32(t, avx2::rotl<5>(v[g][a]));
    v[g][b] = avx2::rotl<30>(v[g][b]);
  }
}

template <int... T>
static inline HASHER_AVX2 void rounds(__m256i v[k_groups][5],
                                      __m256i w[k_groups][16],
                                      std::integer_sequence<int, T...>) {
  (round<T>(v, w), ...);
}

} // namespace

__attribute__((target("avx2"))) void
sha1_x16_avx2(State& state, const std::uint8_t* base,
              const std::uint32_t offsets[k_lanes], std::size_t blocks) {
  const avx2::Rows<true> source(base, offsets);
  __m256i v[k_groups][5];
  for (std::size_t g = 0; g < k_groups; ++g) {
    for (std::size_t i = 0; i < 5; ++i) {
      v[g][i] = _mm256_load_si256(reinterpret_cast<const __m256i*>(
          &state.words[i * k_lanes + g * avx2::k_group_lanes]));
    }
  }
  for (std::size_t n = 0; n < blocks; ++n) {
    __m256i w[k_groups][16];
    source.load(n, w);
    __m256i saved[k_groups][5];
    for (std::size_t g = 0; g < k_groups; ++g) {
      for (std::size_t i = 0; i < 5; ++i) saved[g][i] = v[g][i];
    }
    rounds(v, w, std::make_integer_sequence<int, 80>{});
    // After 80 rounds (a multiple of 5) every role is back in its own slot.
    for (std::size_t g = 0; g < k_groups; ++g) {
      for (std::size_t i = 0; i < 5; ++i) {
        v[g][i] = _mm256_add_epi32(v[g][i], saved[g][i]);
      }
    }
  }
  for (std::size_t g = 0; g < k_groups; ++g) {
    for (std::size_t i = 0; i < 5; ++i) {
      _mm256_store_si256(
          reinterpret_cast<__m256i*>(
              &state.words[i * k_lanes + g * avx2::k_group_lanes]),
          v[g][i]);
    }
  }
}

} // namespace hasher::digest::multi
