#pragma once

// Grøstl (SHA-3 finalist, final round-3 version "Grøstl-0.2"), hand-written.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// Creates a Grøstl context with a digest of `bits` bits. `bits` must be 224,
// 256 (512-bit state, 10 rounds), 384 or 512 (1024-bit state, 14 rounds);
// any other value throws std::invalid_argument.
DigestPtr make_groestl(unsigned bits);

} // namespace hasher::digest::native
