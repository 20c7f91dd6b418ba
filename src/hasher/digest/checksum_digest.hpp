#pragma once

#include <hasher/digest/digest.hpp>

namespace hasher::digest {

// Non-cryptographic checksums through the fastest library measured here
// (bench/algorithms): ISA-L's carry-less-multiply CRCs (about 9x zlib) and
// libdeflate's vectorised Adler-32.
enum class ChecksumKind {
  crc32,   // CRC-32/ISO-HDLC (zlib, SFV): ISA-L crc32_gzip_refl
  crc32c,  // CRC-32/ISCSI (Castagnoli): ISA-L crc32_iscsi
  crc64,   // CRC-64/XZ (ECMA-182 polynomial, reflected): ISA-L crc64_ecma_refl
  adler32, // RFC 1950 Adler-32: libdeflate
};

// The digest is the checksum in big-endian byte order, as rhash, SFV files and
// xxhsum print it: crc32("123456789") = cbf43926. Never fails.
DigestPtr make_checksum_digest(ChecksumKind kind);

} // namespace hasher::digest
