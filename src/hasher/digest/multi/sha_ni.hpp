#pragma once

// What the SHA-extension kernels share. One stream of SHA-NI is bound by
// the latency of its round instructions (sha256rnds2: about 4 cycles for 2
// rounds here, while the unit takes a new one every cycle), so the kernels
// interleave the streams of several lanes: 2 chains of sha256rnds2 ran
// twice as many instructions per second as one on a Zen 3 EPYC, 4 chains
// 3.6 times. How many pays is each kernel's own: beyond that the streams'
// registers spill (16 XMM registers; a stream holds 6). Unlike the SIMD
// kernels, a lane costs its own instructions, so only the busy lanes are
// hashed, a group at a time.

#include <hasher/digest/multi/multi_buffer.hpp>

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#define HASHER_SHA_NI __attribute__((target("sha,sse4.1"), always_inline))

namespace hasher::digest::multi::sha_ni {

// How many groups of N streams the lanes make at most.
template <std::size_t N>
constexpr std::size_t k_max_groups = (k_lanes + N - 1) / N;

// The lanes set in `busy`, N to a group, into lanes[group]; returns the
// number of groups. A last group short of N repeats its last lane (the
// same work, the same result written twice), which costs no more time
// than leaving the slots idle.
template <std::size_t N>
std::size_t groups_of(std::uint32_t busy,
                      std::size_t lanes[k_max_groups<N>][N]) {
  std::size_t groups = 0;
  std::size_t n = 0;
  for (std::size_t lane = 0; lane < k_lanes; ++lane) {
    if ((busy >> lane & 1) == 0) continue;
    lanes[groups][n++] = lane;
    if (n == N) {
      ++groups;
      n = 0;
    }
  }
  if (n == 0) return groups;
  for (std::size_t i = n; i < N; ++i) lanes[groups][i] = lanes[groups][n - 1];
  return groups + 1;
}

// The busy lanes of `busy`, N at a time, through Streams(state, base,
// offsets, lanes, blocks), which hashes N lanes' streams interleaved.
template <std::size_t N, auto Streams>
static inline HASHER_SHA_NI void in_groups(State& state,
                                           const std::uint8_t* base,
                                           const std::uint32_t offsets[k_lanes],
                                           std::size_t blocks, LaneMask busy) {
  std::size_t lanes[k_max_groups<N>][N];
  const std::size_t groups = groups_of<N>(busy, lanes);
  for (std::size_t g = 0; g < groups; ++g) {
    Streams(state, base, offsets, lanes[g], blocks);
  }
}

} // namespace hasher::digest::multi::sha_ni
