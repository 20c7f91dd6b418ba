#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// A digest through librhash; `rhash_id` is one RHASH_* constant. The raw
// digest bytes are returned as rhash prints them in hex (base32 for TTH is
// applied when printing). Throws std::runtime_error when rhash cannot start.
DigestPtr make_rhash_digest(unsigned rhash_id);

} // namespace hasher::digest
