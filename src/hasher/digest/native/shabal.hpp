#pragma once

// Shabal (SHA-3 round-2 candidate, Bresson et al., 2008), hand-written.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// Creates a Shabal context with a digest of `bits` bits. `bits` must be 192,
// 224, 256, 384 or 512 (all share the same 64-byte-block compression function
// and differ only in their initial value and output truncation); any other
// value throws std::invalid_argument.
DigestPtr make_shabal(unsigned bits);

} // namespace hasher::digest::native
