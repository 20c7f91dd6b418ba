// SHA-1 for 16 messages at once with AVX-512 (FIPS 180-4, sections 6.1.2
// and 4.1.1): lane l of every register belongs to message l, so one pass of
// the 80 rounds advances all 16 chaining values by a block.

#include <hasher/digest/multi/avx512.hpp>
#include <hasher/digest/multi/kernels.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

// K_t for rounds 0-19, 20-39, 40-59 and 60-79, FIPS 180-4 section 4.2.1.
constexpr std::uint32_t k_k[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc,
                                  0xca62c1d6};

// _mm512_ternarylogic_epi32 truth tables for f_t(x, y, z) (x is the 0xf0
// operand, y 0xcc, z 0xaa), FIPS 180-4 section 4.1.1: Ch = xy ^ ~xz,
// Parity = x ^ y ^ z, Maj = xy ^ xz ^ yz.
constexpr int k_logic[4] = {0xca, 0x96, 0xe8, 0x96};

// Round t of section 6.1.2 step 3. W_t lives in w[t % 16]: from t = 16 on
// it is W_t = ROTL1(W_t-3 ^ W_t-8 ^ W_t-14 ^ W_t-16) (step 1), written over
// W_t-16, which nothing needs any more. The five working variables rotate
// roles each round, so v[] is indexed by t instead of moving values: T goes
// into e's slot and b is rotated in place. ROTL5(a) is added last: a is
// the previous round's result, while e, K_t, W_t and even f_t (whose
// newest input is one round older) are ready sooner.
template <int T>
static inline HASHER_AVX512 void sha1_round(__m512i v[5], __m512i w[16]) {
  constexpr int a = (5 - T % 5) % 5;
  constexpr int b = (6 - T % 5) % 5;
  constexpr int c = (7 - T % 5) % 5;
  constexpr int d = (8 - T % 5) % 5;
  constexpr int e = (9 - T % 5) % 5;
  // Immediates must be constant expressions even at -O0.
  constexpr int fn = k_logic[T / 20];
  if constexpr (T >= 16) {
    __m512i x = _mm512_ternarylogic_epi32(w[(T - 3) % 16], w[(T - 8) % 16],
                                          w[(T - 14) % 16], 0x96);
    w[T % 16] = _mm512_rol_epi32(_mm512_xor_si512(x, w[T % 16]), 1);
  }
  __m512i t = _mm512_add_epi32(
      w[T % 16], _mm512_set1_epi32(static_cast<int>(k_k[T / 20])));
  t = _mm512_add_epi32(t, v[e]);
  t = _mm512_add_epi32(t, _mm512_ternarylogic_epi32(v[b], v[c], v[d], fn));
  v[e] = _mm512_add_epi32(t, _mm512_rol_epi32(v[a], 5));
  v[b] = _mm512_rol_epi32(v[b], 30);
}

template <int... T>
static inline HASHER_AVX512 void rounds(__m512i v[5], __m512i w[16],
                                        std::integer_sequence<int, T...>) {
  (sha1_round<T>(v, w), ...);
}

// Advances every lane by `blocks` blocks of words from `source`.
template <class Source>
static inline HASHER_AVX512 void sha1_blocks(State& state, const Source& source,
                                             std::size_t blocks) {
  __m512i v[5];
  for (std::size_t i = 0; i < 5; ++i) {
    v[i] = _mm512_load_si512(&state.words[i * k_lanes]);
  }
  for (std::size_t n = 0; n < blocks; ++n) {
    __m512i w[16];
    source.load(n, w);
    __m512i saved[5] = {v[0], v[1], v[2], v[3], v[4]};
    rounds(v, w, std::make_integer_sequence<int, 80>{});
    // After 80 rounds (a multiple of 5) every role is back in its own slot.
    for (std::size_t i = 0; i < 5; ++i) {
      v[i] = _mm512_add_epi32(v[i], saved[i]);
    }
  }
  for (std::size_t i = 0; i < 5; ++i) {
    _mm512_store_si512(&state.words[i * k_lanes], v[i]);
  }
}

} // namespace

__attribute__((target("avx512f,avx512bw"))) void
sha1_x16(State& state, const std::uint8_t* base,
         const std::uint32_t offsets[k_lanes], std::size_t blocks) {
  sha1_blocks(state, avx512::Rows<true>(base, offsets), blocks);
}

__attribute__((target("avx512f,avx512bw"))) void
sha1_x16_columns(State& state, const std::uint32_t* columns,
                 std::size_t blocks) {
  sha1_blocks(state, avx512::Columns{columns}, blocks);
}

} // namespace hasher::digest::multi
