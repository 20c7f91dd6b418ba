#pragma once

// KangarooTwelve (KT128, RFC 9861), hand-written, empty customization string.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// Creates a KangarooTwelve (KT128) context whose extendable output is cut at
// `out_bits` bits; the customization string is empty. `out_bits` must be a
// positive multiple of 8 (the product uses 256 by default); any other value
// throws std::invalid_argument.
DigestPtr make_k12(unsigned out_bits);

} // namespace hasher::digest::native
