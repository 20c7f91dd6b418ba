#pragma once

// SHA-1's round constants (FIPS 180-4, section 4.2.1), shared by the
// kernels.

#include <cstdint>

namespace hasher::digest::multi::sha1 {

// K_t for rounds 0-19, 20-39, 40-59 and 60-79.
inline constexpr std::uint32_t k_k[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc,
                                         0xca62c1d6};

} // namespace hasher::digest::multi::sha1
