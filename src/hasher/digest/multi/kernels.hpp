#pragma once

// The AVX-512 kernels behind multi_buffer.hpp's compress(), one file each.
// Each is compiled for AVX-512 F+BW only inside its own functions
// (target attributes), so the rest of the binary runs on any x86-64; call
// them only when multi::available().

#include <hasher/digest/multi/multi_buffer.hpp>

namespace hasher::digest::multi {

void md5_x16(State& state, const std::uint8_t* base,
             const std::uint32_t offsets[k_lanes], std::size_t blocks);
void sha1_x16(State& state, const std::uint8_t* base,
              const std::uint32_t offsets[k_lanes], std::size_t blocks);
void sha256_x16(State& state, const std::uint8_t* base,
                const std::uint32_t offsets[k_lanes], std::size_t blocks);

} // namespace hasher::digest::multi
