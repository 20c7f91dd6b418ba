// SHA-1 (FIPS 180-4, section 6.1.2) for the busy lanes of 16 with the SHA
// extensions, four streams interleaved (sha_ni.hpp). Each stream keeps A-D
// in one register (A in the top element) and E in the top element of
// another; sha1rnds4 does four rounds, sha1nexte makes the next four's E
// (ROTL30 of the A of four rounds before) and adds it to their first
// word, sha1msg1 and sha1msg2 do the message schedule (section 6.1.2
// step 1) four words at a time.

#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/sha_ni.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace hasher::digest::multi {
namespace {

// Four streams: 2.8-3.0 GB/s over 16 lanes here, two 2.4-2.5 (one: the
// library's 1.5).
constexpr std::size_t k_streams = 4;

struct Streams {
  __m128i abcd[k_streams];
  __m128i before[k_streams]; // A-D before the last four rounds
  __m128i w[k_streams][4];   // W_4i..W_4i+3 in w[i % 4], W_4i on top
};

// Rounds 4I..4I+3 of every stream; from I = 4 on, their four message words
// first: W_t = ROTL1(W_t-3 ^ W_t-8 ^ W_t-14 ^ W_t-16), written over
// W_t-16. `e` holds E + W_0 for I = 0. The immediate picks f_t and K_t
// of rounds 20I/5.. (section 4.1.1 and 4.2.1).
template <int I>
static inline HASHER_SHA_NI void four_rounds(Streams& s,
                                             const __m128i e[k_streams]) {
#pragma GCC unroll 4
  for (std::size_t n = 0; n < k_streams; ++n) {
    __m128i* w = s.w[n];
    if constexpr (I >= 4) {
      __m128i x = _mm_sha1msg1_epu32(w[I % 4], w[(I + 1) % 4]);
      x = _mm_xor_si128(x, w[(I + 2) % 4]);
      w[I % 4] = _mm_sha1msg2_epu32(x, w[(I + 3) % 4]);
    }
    __m128i ew = I == 0 ? e[n] : _mm_sha1nexte_epu32(s.before[n], w[I % 4]);
    s.before[n] = s.abcd[n];
    s.abcd[n] = _mm_sha1rnds4_epu32(s.abcd[n], ew, I / 5);
  }
}

template <int... I>
static inline HASHER_SHA_NI void all_rounds(Streams& s,
                                            const __m128i e[k_streams],
                                            std::integer_sequence<int, I...>) {
  (four_rounds<I>(s, e), ...);
}

static inline HASHER_SHA_NI void
sha1_streams(State& state, const std::uint8_t* base,
             const std::uint32_t offsets[k_lanes],
             const std::size_t lanes[k_streams], std::size_t blocks) {
  // The 16 bytes reversed: big-endian words, W_0 in the top element.
  const __m128i reverse =
      _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  Streams s;
  __m128i e[k_streams];
  auto word = [&](std::size_t n, std::size_t w) {
    return static_cast<int>(state.word(w, lanes[n]));
  };
  for (std::size_t n = 0; n < k_streams; ++n) {
    s.abcd[n] = _mm_set_epi32(word(n, 0), word(n, 1), word(n, 2), word(n, 3));
    e[n] = _mm_set_epi32(word(n, 4), 0, 0, 0);
  }
  for (std::size_t block = 0; block < blocks; ++block) {
    __m128i abcd[k_streams];
    __m128i e_w0[k_streams];
    for (std::size_t n = 0; n < k_streams; ++n) {
      const std::uint8_t* at = base + offsets[lanes[n]] + block * 64;
      for (std::size_t q = 0; q < 4; ++q) {
        s.w[n][q] = _mm_shuffle_epi8(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * q)),
            reverse);
      }
      abcd[n] = s.abcd[n];
      e_w0[n] = _mm_add_epi32(e[n], s.w[n][0]);
    }
    all_rounds(s, e_w0, std::make_integer_sequence<int, 20>{});
    for (std::size_t n = 0; n < k_streams; ++n) {
      // E after the 80 rounds is ROTL30 of A before the last four.
      e[n] = _mm_sha1nexte_epu32(s.before[n], e[n]);
      s.abcd[n] = _mm_add_epi32(s.abcd[n], abcd[n]);
    }
  }
  for (std::size_t n = 0; n < k_streams; ++n) {
    alignas(16) std::uint32_t x[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(x), s.abcd[n]); // D C B A
    const std::uint32_t words[5] = {
        x[3], x[2], x[1], x[0],
        static_cast<std::uint32_t>(_mm_extract_epi32(e[n], 3))};
    for (std::size_t w = 0; w < 5; ++w) {
      state.word(w, lanes[n]) = words[w];
    }
  }
}

} // namespace

__attribute__((target("sha,sse4.1"))) void
sha1_x16_sha_ni(State& state, const std::uint8_t* base,
                const std::uint32_t offsets[k_lanes], std::size_t blocks,
                LaneMask busy) {
  sha_ni::in_groups<k_streams, sha1_streams>(state, base, offsets, blocks,
                                             busy);
}

} // namespace hasher::digest::multi
