// MD5 (RFC 1321, section 3.4) one lane at a time, for a call with few
// busy lanes on a CPU whose MD5 kernel is AVX2's: that kernel does all 16
// lanes' work whatever is busy (one busy lane hashed at 206 MB/s there,
// this at the library's 600), so up to two busy lanes are cheaper here.

#include <hasher/digest/multi/kernels.hpp>
#include <hasher/digest/multi/md5_constants.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

namespace hasher::digest::multi {
namespace {

template <int I>
inline void step(std::uint32_t v[4], const std::uint32_t x[16]) {
  constexpr int a = (4 - I % 4) % 4;
  constexpr int b = (5 - I % 4) % 4;
  constexpr int c = (6 - I % 4) % 4;
  constexpr int d = (7 - I % 4) % 4;
  constexpr int s = md5::k_shift[I / 16][I % 4];
  std::uint32_t f = 0;
  if constexpr (I < 16) {
    f = v[d] ^ (v[b] & (v[c] ^ v[d]));
  } else if constexpr (I < 32) {
    f = v[c] ^ (v[d] & (v[b] ^ v[c]));
  } else if constexpr (I < 48) {
    f = v[b] ^ v[c] ^ v[d];
  } else {
    f = v[c] ^ (v[b] | ~v[d]);
  }
  std::uint32_t t = v[a] + f + x[md5::word_of(I)] + md5::k_t[I];
  v[a] = v[b] + ((t << s) | (t >> (32 - s)));
}

template <int... I>
inline void steps(std::uint32_t v[4], const std::uint32_t x[16],
                  std::integer_sequence<int, I...>) {
  (step<I>(v, x), ...);
}

void md5_lane(State& state, std::size_t lane, const std::uint8_t* data,
              std::size_t blocks) {
  std::uint32_t v[4];
  for (std::size_t w = 0; w < 4; ++w) v[w] = state.word(w, lane);
  for (std::size_t n = 0; n < blocks; ++n) {
    std::uint32_t x[16];
    for (std::size_t j = 0; j < 16; ++j) {
      const std::uint8_t* p = data + n * k_block + 4 * j;
      x[j] = std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 |
             std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
    }
    const std::uint32_t saved[4] = {v[0], v[1], v[2], v[3]};
    steps(v, x, std::make_integer_sequence<int, 64>{});
    for (std::size_t w = 0; w < 4; ++w) v[w] += saved[w];
  }
  for (std::size_t w = 0; w < 4; ++w) state.word(w, lane) = v[w];
}

} // namespace

void md5_lanes_scalar(State& state, const std::uint8_t* base,
                      const std::uint32_t offsets[k_lanes], std::size_t blocks,
                      LaneMask busy) {
  for (std::size_t lane = 0; lane < k_lanes; ++lane) {
    if ((busy >> lane & 1) != 0) {
      md5_lane(state, lane, base + offsets[lane], blocks);
    }
  }
}

} // namespace hasher::digest::multi
