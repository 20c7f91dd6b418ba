// MD5 for 16 messages at once with AVX-512 (RFC 1321, section 3.4): lane l
// of every register belongs to message l, so one pass of the 64 steps
// advances all 16 chaining values by a block.

#include <hasher/digest/multi/avx512.hpp>
#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/md5_constants.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

// _mm512_ternarylogic_epi32 truth tables for the round functions of x, y, z
// (x is the 0xf0 operand, y 0xcc, z 0xaa): F = xy | ~xz, G = xz | y~z,
// H = x ^ y ^ z, I = y ^ (x | ~z).
constexpr int k_logic[4] = {0xca, 0xe4, 0x96, 0x39};

// Step i: a = b + ((a + fn(b, c, d) + X[k] + T[i]) <<< s). The roles of the
// four words rotate by one each step, so v[] is indexed by i rather than
// moving values around. X[k] + T[i] and a are summed first: they do not
// depend on the b just computed, which keeps the dependency chain short.
template <int I>
static inline HASHER_AVX512 void step(__m512i v[4], const __m512i x[16]) {
  constexpr int a = (4 - I % 4) % 4;
  constexpr int b = (5 - I % 4) % 4;
  constexpr int c = (6 - I % 4) % 4;
  constexpr int d = (7 - I % 4) % 4;
  constexpr int s = md5::k_shift[I / 16][I % 4];
  // Immediates must be constant expressions even at -O0.
  constexpr int fn = k_logic[I / 16];
  __m512i t = _mm512_add_epi32(
      x[md5::word_of(I)], _mm512_set1_epi32(static_cast<int>(md5::k_t[I])));
  t = _mm512_add_epi32(t, v[a]);
  t = _mm512_add_epi32(t, _mm512_ternarylogic_epi32(v[b], v[c], v[d], fn));
  v[a] = _mm512_add_epi32(v[b], _mm512_rol_epi32(t, s));
}

template <int... I>
static inline HASHER_AVX512 void steps(__m512i v[4], const __m512i x[16],
                                       std::integer_sequence<int, I...>) {
  (step<I>(v, x), ...);
}

// Advances every lane by `blocks` blocks of words from `source`.
template <class Source>
static inline HASHER_AVX512 void md5_blocks(State& state, const Source& source,
                                            std::size_t blocks) {
  __m512i v[4];
  for (std::size_t w = 0; w < 4; ++w) {
    v[w] = _mm512_load_si512(&state.words[w * k_lanes]);
  }
  for (std::size_t n = 0; n < blocks; ++n) {
    __m512i x[16];
    source.load(n, x);
    __m512i saved[4] = {v[0], v[1], v[2], v[3]};
    steps(v, x, std::make_integer_sequence<int, 64>{});
    for (std::size_t w = 0; w < 4; ++w) {
      v[w] = _mm512_add_epi32(v[w], saved[w]);
    }
  }
  for (std::size_t w = 0; w < 4; ++w) {
    _mm512_store_si512(&state.words[w * k_lanes], v[w]);
  }
}

} // namespace

__attribute__((target("avx512f,avx512bw"))) void
md5_x16(State& state, const std::uint8_t* base,
        const std::uint32_t offsets[k_lanes], std::size_t blocks) {
  md5_blocks(state, avx512::Rows<false>(base, offsets), blocks);
}

__attribute__((target("avx512f,avx512bw"))) void
md5_x16_columns(State& state, const std::uint32_t* columns,
                std::size_t blocks) {
  md5_blocks(state, avx512::Columns{columns}, blocks);
}

} // namespace hasher::digest::multi
