#pragma once

// FSB, the Fast Syndrome-Based hash (SHA-3 round-1 candidate, Augot, Finiasz,
// Gaborit, Manuel and Sendrier, 2008), hand-written.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// Creates an FSB context with a digest of `bits` bits. `bits` must be 160,
// 224, 256, 384 or 512 (five parameter sets of the submission); any other
// value throws std::invalid_argument. Creating a context is cheap: the
// matrices, built from 2.2 million decimal digits of pi, are computed once per
// process when a context compresses its first block (1 to 2.5 s, on up to 8
// threads, for the first FSB context; later contexts share the digits and
// build their own variant's matrix in about 15 ms), which may throw
// std::bad_alloc.
DigestPtr make_fsb(unsigned bits);

} // namespace hasher::digest::native
