// SHA-256 (FIPS 180-4, section 6.2.2) for the busy lanes of 16 with the SHA
// extensions, two streams interleaved (sha_ni.hpp). Each stream keeps its
// working variables as the instructions want them: ABEF and CDGH, A and C
// in the top element; sha256rnds2 does two rounds, sha256msg1 and
// sha256msg2 the message schedule (section 6.2.2 step 1) four words at a
// time.

#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/sha256_constants.hpp>
#include <hasher/digest/multi/sha_ni.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

// Two streams: 2.3-2.6 GB/s over 16 lanes here, four 1.8-2.4 (their
// registers spill; one: the library's 1.4).
constexpr std::size_t k_streams = 2;

struct Streams {
  __m128i abef[k_streams];
  __m128i cdgh[k_streams];
  __m128i w[k_streams][4]; // W_4i..W_4i+3 in w[i % 4], W_4i in element 0
};

// Rounds 4I..4I+3 of every stream; from I = 4 on, their four message words
// first: W_t = sigma1(W_t-2) + W_t-7 + sigma0(W_t-15) + W_t-16, written
// over W_t-16.
template <int I> static inline HASHER_SHA_NI void four_rounds(Streams& s) {
#pragma GCC unroll 4
  for (std::size_t n = 0; n < k_streams; ++n) {
    __m128i* w = s.w[n];
    if constexpr (I >= 4) {
      __m128i x = _mm_sha256msg1_epu32(w[I % 4], w[(I + 1) % 4]);
      x = _mm_add_epi32(x, _mm_alignr_epi8(w[(I + 3) % 4], w[(I + 2) % 4], 4));
      w[I % 4] = _mm_sha256msg2_epu32(x, w[(I + 3) % 4]);
    }
    __m128i wk = _mm_add_epi32(w[I % 4],
                               _mm_loadu_si128(reinterpret_cast<const __m128i*>(
                                   &sha256::k_round[4 * I])));
    // Two rounds make the old ABEF the new CDGH: the two registers swap
    // roles and swap back after the next two.
    s.cdgh[n] = _mm_sha256rnds2_epu32(s.cdgh[n], s.abef[n], wk);
    s.abef[n] = _mm_sha256rnds2_epu32(s.abef[n], s.cdgh[n],
                                      _mm_shuffle_epi32(wk, 0x0e));
  }
}

template <int... I>
static inline HASHER_SHA_NI void all_rounds(Streams& s,
                                            std::integer_sequence<int, I...>) {
  (four_rounds<I>(s), ...);
}

static inline HASHER_SHA_NI void
sha256_streams(State& state, const std::uint8_t* base,
               const std::uint32_t offsets[k_lanes],
               const std::size_t lanes[k_streams], std::size_t blocks) {
  // Each 32-bit word's bytes reversed: SHA-256 reads big-endian words.
  const __m128i swap =
      _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
  Streams s;
  auto word = [&](std::size_t n, std::size_t w) {
    return static_cast<int>(state.word(w, lanes[n]));
  };
  for (std::size_t n = 0; n < k_streams; ++n) {
    s.abef[n] = _mm_set_epi32(word(n, 0), word(n, 1), word(n, 4), word(n, 5));
    s.cdgh[n] = _mm_set_epi32(word(n, 2), word(n, 3), word(n, 6), word(n, 7));
  }
  for (std::size_t block = 0; block < blocks; ++block) {
    __m128i abef[k_streams];
    __m128i cdgh[k_streams];
    for (std::size_t n = 0; n < k_streams; ++n) {
      const std::uint8_t* at = base + offsets[lanes[n]] + block * 64;
      for (std::size_t q = 0; q < 4; ++q) {
        s.w[n][q] = _mm_shuffle_epi8(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * q)),
            swap);
      }
      abef[n] = s.abef[n];
      cdgh[n] = s.cdgh[n];
    }
    all_rounds(s, std::make_integer_sequence<int, 16>{});
    for (std::size_t n = 0; n < k_streams; ++n) {
      s.abef[n] = _mm_add_epi32(s.abef[n], abef[n]);
      s.cdgh[n] = _mm_add_epi32(s.cdgh[n], cdgh[n]);
    }
  }
  for (std::size_t n = 0; n < k_streams; ++n) {
    alignas(16) std::uint32_t x[4];
    alignas(16) std::uint32_t y[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(x), s.abef[n]); // F E B A
    _mm_store_si128(reinterpret_cast<__m128i*>(y), s.cdgh[n]); // H G D C
    const std::uint32_t words[8] = {x[3], x[2], y[3], y[2],
                                    x[1], x[0], y[1], y[0]};
    for (std::size_t w = 0; w < 8; ++w) {
      state.word(w, lanes[n]) = words[w];
    }
  }
}

} // namespace

__attribute__((target("sha,sse4.1"))) void
sha256_x16_sha_ni(State& state, const std::uint8_t* base,
                  const std::uint32_t offsets[k_lanes], std::size_t blocks,
                  LaneMask busy) {
  sha_ni::in_groups<k_streams, sha256_streams>(state, base, offsets, blocks,
                                               busy);
}

} // namespace hasher::digest::multi
