#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// BLAKE3 (hash mode) through the BLAKE3 team's C implementation; `bits` is
// the output length (an XOF: any multiple of 8). Never fails.
DigestPtr make_blake3_digest(unsigned bits);

} // namespace hasher::digest
