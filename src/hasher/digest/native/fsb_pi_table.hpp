#pragma once

// The bit string FSB's matrices are cut from: parities of the first
// fsb_pi_table_bits() decimal digits of pi, packed most significant bit first
// (bytes b9 de 81 ae ...). Generated at build time by
// tools/gen_fsb_pi_table.cpp from pi_bits.cpp, so it costs nothing at run
// time. Thread-safe (constant data).

#include <cstddef>
#include <cstdint>
#include <span>

namespace hasher::digest::native {

std::span<const std::uint8_t> fsb_pi_table();
std::size_t fsb_pi_table_bits();

} // namespace hasher::digest::native
