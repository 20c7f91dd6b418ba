// SHA-256 for 16 messages at once with AVX-512 F+BW: element l of every
// register belongs to lane l. Written from FIPS 180-4 (section 6.2.2, the
// SHA-256 hash computation); the functions Ch, Maj, Sigma and sigma are
// those of section 4.1.2.

#include <hasher/digest/multi/avx512.hpp>
#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/sha256_constants.hpp>

namespace hasher::digest::multi {
namespace {

using sha256::k_round;

// Truth tables for _mm512_ternarylogic_epi32(x, y, z, table): bit
// (x << 2 | y << 1 | z) of the table is the result for those input bits.
constexpr int k_xor3 = 0x96; // x ^ y ^ z
constexpr int k_ch = 0xca;   // (x & y) ^ (~x & z): x chooses y or z
constexpr int k_maj = 0xe8;  // majority of x, y, z

// Sigma0, Sigma1, sigma0, sigma1 of FIPS 180-4 (4.4)-(4.7).
static inline HASHER_AVX512 __m512i big_sigma0(__m512i x) {
  return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 2),
                                   _mm512_ror_epi32(x, 13),
                                   _mm512_ror_epi32(x, 22), k_xor3);
}

static inline HASHER_AVX512 __m512i big_sigma1(__m512i x) {
  return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 6),
                                   _mm512_ror_epi32(x, 11),
                                   _mm512_ror_epi32(x, 25), k_xor3);
}

static inline HASHER_AVX512 __m512i small_sigma0(__m512i x) {
  return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 7),
                                   _mm512_ror_epi32(x, 18),
                                   _mm512_srli_epi32(x, 3), k_xor3);
}

static inline HASHER_AVX512 __m512i small_sigma1(__m512i x) {
  return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 17),
                                   _mm512_ror_epi32(x, 19),
                                   _mm512_srli_epi32(x, 10), k_xor3);
}

// One round of section 6.2.2 step 3. Instead of shifting all eight working
// variables, the caller rotates the argument order; only d and h get new
// values (d becomes the next e, h the next a).
static inline HASHER_AVX512 void sha_round(__m512i a, __m512i b, __m512i c,
                                           __m512i& d, __m512i e, __m512i f,
                                           __m512i g, __m512i& h, __m512i w,
                                           std::uint32_t k) {
  // T1 = h + Sigma1(e) + Ch(e, f, g) + K + W, summed so that Sigma1(e), the
  // slowest term to get from the previous round's e, comes last: the chain
  // from e to the next e is then rotate, xor, add, add.
  __m512i t1 = _mm512_add_epi32(
      _mm512_add_epi32(
          _mm512_add_epi32(
              h, _mm512_add_epi32(w, _mm512_set1_epi32(static_cast<int>(k)))),
          _mm512_ternarylogic_epi32(e, f, g, k_ch)),
      big_sigma1(e));
  __m512i t2 = _mm512_add_epi32(big_sigma0(a),
                                _mm512_ternarylogic_epi32(a, b, c, k_maj));
  d = _mm512_add_epi32(d, t1);
  h = _mm512_add_epi32(t1, t2);
}

// Section 6.2.2 step 1 for t >= 16, in a window of the last 16 words:
// w[t % 16] still holds W(t-16) and becomes W(t).
static inline HASHER_AVX512 void schedule(__m512i w[16], int t) {
  w[t & 15] = _mm512_add_epi32(
      _mm512_add_epi32(w[t & 15], small_sigma0(w[(t - 15) & 15])),
      _mm512_add_epi32(w[(t - 7) & 15], small_sigma1(w[(t - 2) & 15])));
}

// Advances every lane by `blocks` blocks of words from `source`.
template <class Source>
static inline HASHER_AVX512 void
sha256_blocks(State& state, const Source& source, std::size_t blocks) {
  __m512i a = _mm512_load_si512(&state.words[0 * k_lanes]);
  __m512i b = _mm512_load_si512(&state.words[1 * k_lanes]);
  __m512i c = _mm512_load_si512(&state.words[2 * k_lanes]);
  __m512i d = _mm512_load_si512(&state.words[3 * k_lanes]);
  __m512i e = _mm512_load_si512(&state.words[4 * k_lanes]);
  __m512i f = _mm512_load_si512(&state.words[5 * k_lanes]);
  __m512i g = _mm512_load_si512(&state.words[6 * k_lanes]);
  __m512i h = _mm512_load_si512(&state.words[7 * k_lanes]);

  for (std::size_t block = 0; block < blocks; ++block) {
    __m512i w[16];
    source.load(block, w);
    const __m512i a0 = a, b0 = b, c0 = c, d0 = d;
    const __m512i e0 = e, f0 = f, g0 = g, h0 = h;
#pragma GCC unroll 8
    for (int t = 0; t < 64; t += 8) {
      if (t >= 16) {
#pragma GCC unroll 8
        for (int i = 0; i < 8; ++i) schedule(w, t + i);
      }
      sha_round(a, b, c, d, e, f, g, h, w[(t + 0) & 15], k_round[t + 0]);
      sha_round(h, a, b, c, d, e, f, g, w[(t + 1) & 15], k_round[t + 1]);
      sha_round(g, h, a, b, c, d, e, f, w[(t + 2) & 15], k_round[t + 2]);
      sha_round(f, g, h, a, b, c, d, e, w[(t + 3) & 15], k_round[t + 3]);
      sha_round(e, f, g, h, a, b, c, d, w[(t + 4) & 15], k_round[t + 4]);
      sha_round(d, e, f, g, h, a, b, c, w[(t + 5) & 15], k_round[t + 5]);
      sha_round(c, d, e, f, g, h, a, b, w[(t + 6) & 15], k_round[t + 6]);
      sha_round(b, c, d, e, f, g, h, a, w[(t + 7) & 15], k_round[t + 7]);
    }
    // Section 6.2.2 step 4: the intermediate hash value.
    a = _mm512_add_epi32(a, a0);
    b = _mm512_add_epi32(b, b0);
    c = _mm512_add_epi32(c, c0);
    d = _mm512_add_epi32(d, d0);
    e = _mm512_add_epi32(e, e0);
    f = _mm512_add_epi32(f, f0);
    g = _mm512_add_epi32(g, g0);
    h = _mm512_add_epi32(h, h0);
  }

  _mm512_store_si512(&state.words[0 * k_lanes], a);
  _mm512_store_si512(&state.words[1 * k_lanes], b);
  _mm512_store_si512(&state.words[2 * k_lanes], c);
  _mm512_store_si512(&state.words[3 * k_lanes], d);
  _mm512_store_si512(&state.words[4 * k_lanes], e);
  _mm512_store_si512(&state.words[5 * k_lanes], f);
  _mm512_store_si512(&state.words[6 * k_lanes], g);
  _mm512_store_si512(&state.words[7 * k_lanes], h);
}

} // namespace

__attribute__((target("avx512f,avx512bw"))) void
sha256_x16(State& state, const std::uint8_t* base,
           const std::uint32_t offsets[k_lanes], std::size_t blocks) {
  sha256_blocks(state, avx512::Rows<true>(base, offsets), blocks);
}

__attribute__((target("avx512f,avx512bw"))) void
sha256_x16_columns(State& state, const std::uint32_t* columns,
                   std::size_t blocks) {
  sha256_blocks(state, avx512::Columns{columns}, blocks);
}

} // namespace hasher::digest::multi
