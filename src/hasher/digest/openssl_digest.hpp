#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// A digest through OpenSSL 3 EVP. `evp_name` is the EVP fetch name ("SHA256",
// "MD4", "SHAKE256"...); the default and legacy providers are loaded on first
// use. For an XOF, `bits` is the output length; otherwise it must equal the
// algorithm's size. Throws std::runtime_error when OpenSSL lacks the
// algorithm.
DigestPtr make_openssl_digest(const char* evp_name, unsigned bits);

} // namespace hasher::digest
