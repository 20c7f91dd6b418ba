#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// Crypto++ implements the algorithms no faster library here has.
enum class CryptoppAlgorithm {
  md2,
  keccak224,
  keccak256,
  keccak384,
  keccak512,
  ripemd128,
  ripemd256,
  ripemd320,
};

// A digest through Crypto++. Never fails.
DigestPtr make_cryptopp_digest(CryptoppAlgorithm algorithm);

} // namespace hasher::digest
