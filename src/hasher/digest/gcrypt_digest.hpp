#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// A digest through libgcrypt; `gcry_md_algo` is one GCRY_MD_* constant.
// Throws std::runtime_error when libgcrypt lacks it.
DigestPtr make_gcrypt_digest(int gcry_md_algo);

} // namespace hasher::digest
