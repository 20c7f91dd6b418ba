#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

enum class XxhashVariant { xxh32, xxh64, xxh3_64, xxh3_128 };

// xxHash through libxxhash, seed 0; the digest is the canonical big-endian
// form that xxhsum prints. Never fails.
DigestPtr make_xxhash_digest(XxhashVariant variant);

} // namespace hasher::digest
