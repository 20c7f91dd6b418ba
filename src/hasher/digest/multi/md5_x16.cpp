// MD5 for 16 messages at once with AVX-512 (RFC 1321, section 3.4): lane l
// of every register belongs to message l, so one pass of the 64 steps
// advances all 16 chaining values by a block.

#include <hasher/digest/multi/avx512.hpp>
#include <hasher/digest/multi/kernels.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

// T[i] = floor(2^32 * abs(sin(i + 1))), RFC 1321 section 3.4.
constexpr std::uint32_t k_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
    0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
    0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

// Left-rotation amounts of each round's four steps, RFC 1321 section 3.4.
constexpr int k_shift[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

// _mm512_ternarylogic_epi32 truth tables for the round functions of x, y, z
// (x is the 0xf0 operand, y 0xcc, z 0xaa): F = xy | ~xz, G = xz | y~z,
// H = x ^ y ^ z, I = y ^ (x | ~z).
constexpr int k_logic[4] = {0xca, 0xe4, 0x96, 0x39};

// Which message word step i reads: rounds 2-4 walk the block with strides
// 5, 3 and 7 from words 1, 5 and 0.
constexpr int word_of(int i) {
  int j = i % 16;
  switch (i / 16) {
  case 0:
    return j;
  case 1:
    return (1 + 5 * j) % 16;
  case 2:
    return (5 + 3 * j) % 16;
  default:
    return (7 * j) % 16;
  }
}

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
  constexpr int s = k_shift[I / 16][I % 4];
  // Immediates must be constant expressions even at -O0.
  constexpr int fn = k_logic[I / 16];
  __m512i t = _mm512_add_epi32(x[word_of(I)],
                               _mm512_set1_epi32(static_cast<int>(k_t[I])));
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
