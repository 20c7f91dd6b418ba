#pragma once

// GOST R 34.11-94 (RFC 5831), the 256-bit Russian hash built on the GOST
// 28147-89 block cipher, hand-written, with a choice of cipher S-box.

#include <hasher/digest/digest.hpp>

namespace hasher::digest::native {

// The GOST 28147-89 S-box used inside the hash. The hash itself is the same
// for all of them (zero initial value, 32-byte digest).
enum class Gost94Params {
  // id-GostR3411-94-TestParamSet: the example S-box of GOST R 34.11-94
  // (RFC 5831 section 10; RFC 4357 section 11.2).
  test,
  // id-GostR3411-94-CryptoProParamSet (RFC 4357 section 11.2).
  cryptopro,
  // Ukrainian GOST 34.311-95 with the S-box of DSTU GOST 28147:2009.
  ua,
  // The S-box of GOST R 34.12-2015 (id-tc26-gost-28147-param-Z, RFC 7836).
  s2015,
};

// Creates a GOST R 34.11-94 context using the S-box `params`. The digest bytes
// are written in the order rhash and RustCrypto print them (the 256-bit result
// least significant byte first). A value outside the enumeration throws
// std::invalid_argument.
DigestPtr make_gost94(Gost94Params params);

} // namespace hasher::digest::native
