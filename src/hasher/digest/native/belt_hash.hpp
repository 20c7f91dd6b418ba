#pragma once

// belt-hash, the hash function of the Belarusian standard STB 34.101.31-2011
// (section 6.9), built on the belt block cipher; hand-written.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// Creates a belt-hash context (256-bit digest). Takes no arguments and has no
// failure mode other than std::bad_alloc.
DigestPtr make_belt_hash();

} // namespace hasher::digest::native
