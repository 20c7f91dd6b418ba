#include <hasher/digest/algorithm.hpp>

#include <hasher/digest/blake3_digest.hpp>
#include <hasher/digest/checksum_digest.hpp>
#include <hasher/digest/cryptopp_digest.hpp>
#include <hasher/digest/gcrypt_digest.hpp>
#include <hasher/digest/native/belt_hash.hpp>
#include <hasher/digest/native/fsb.hpp>
#include <hasher/digest/native/gost94.hpp>
#include <hasher/digest/native/groestl.hpp>
#include <hasher/digest/native/k12.hpp>
#include <hasher/digest/native/shabal.hpp>
#include <hasher/digest/openssl_digest.hpp>
#include <hasher/digest/rhash_digest.hpp>
#include <hasher/digest/xxhash_digest.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/errors.hpp>

#include <gcrypt.h>
#include <rhash.h>

#include <array>
#include <charconv>

namespace hasher::digest {
namespace {

using native::Gost94Params;

constexpr auto hex = TextEncoding::hex;
constexpr auto no = Xof::no;
constexpr auto yes = Xof::yes;

// Costs are single-core ns/byte on the development machine (AMD EPYC with
// SHA-NI and AVX-512), from bench/algorithms; only their ratios matter.
// clang-format off
const std::array k_algorithms{
  // The original tool's 48 [hashes] keys, in its order.
  Algorithm{"crc32", "CRC32", 32, no, hex, "isa-l", 0.04,
    [](unsigned) { return make_checksum_digest(ChecksumKind::crc32); }},
  Algorithm{"md2", "MD2", 128, no, hex, "crypto++", 91.0,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::md2); }},
  Algorithm{"md4", "MD4", 128, no, hex, "openssl", 0.9,
    [](unsigned b) { return make_openssl_digest("MD4", b); }},
  Algorithm{"md5", "MD5", 128, no, hex, "openssl", 1.35,
    [](unsigned b) { return make_openssl_digest("MD5", b); }},
  Algorithm{"sha1", "SHA1", 160, no, hex, "openssl", 0.55,
    [](unsigned b) { return make_openssl_digest("SHA1", b); }},
  Algorithm{"sha224", "SHA224", 224, no, hex, "openssl", 0.55,
    [](unsigned b) { return make_openssl_digest("SHA224", b); }},
  Algorithm{"sha256", "SHA256", 256, no, hex, "openssl", 0.55,
    [](unsigned b) { return make_openssl_digest("SHA256", b); }},
  Algorithm{"sha384", "SHA384", 384, no, hex, "openssl", 1.3,
    [](unsigned b) { return make_openssl_digest("SHA384", b); }},
  Algorithm{"sha512", "SHA512", 512, no, hex, "openssl", 1.3,
    [](unsigned b) { return make_openssl_digest("SHA512", b); }},
  Algorithm{"sha3_224", "SHA3-224", 224, no, hex, "openssl", 2.0,
    [](unsigned b) { return make_openssl_digest("SHA3-224", b); }},
  Algorithm{"sha3_256", "SHA3-256", 256, no, hex, "openssl", 2.1,
    [](unsigned b) { return make_openssl_digest("SHA3-256", b); }},
  Algorithm{"sha3_384", "SHA3-384", 384, no, hex, "openssl", 2.7,
    [](unsigned b) { return make_openssl_digest("SHA3-384", b); }},
  Algorithm{"sha3_512", "SHA3-512", 512, no, hex, "openssl", 3.9,
    [](unsigned b) { return make_openssl_digest("SHA3-512", b); }},
  Algorithm{"keccak224", "KECCAK224", 224, no, hex, "crypto++", 2.5,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::keccak224); }},
  Algorithm{"keccak256", "KECCAK256", 256, no, hex, "crypto++", 2.6,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::keccak256); }},
  Algorithm{"keccak384", "KECCAK384", 384, no, hex, "crypto++", 3.4,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::keccak384); }},
  Algorithm{"keccak512", "KECCAK512", 512, no, hex, "crypto++", 4.9,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::keccak512); }},
  Algorithm{"blake2s256", "BLAKE2s", 256, no, hex, "openssl", 1.9,
    [](unsigned b) { return make_openssl_digest("BLAKE2S-256", b); }},
  Algorithm{"blake2b512", "BLAKE2b", 512, no, hex, "openssl", 1.2,
    [](unsigned b) { return make_openssl_digest("BLAKE2B-512", b); }},
  Algorithm{"belt_hash", "BELT_HASH", 256, no, hex, "native", 8.0,
    [](unsigned) { return native::make_belt_hash(); }},
  Algorithm{"whirlpool", "WHIRLPOOL", 512, no, hex, "openssl", 5.0,
    [](unsigned b) { return make_openssl_digest("WHIRLPOOL", b); }},
  Algorithm{"tiger", "TIGER", 192, no, hex, "librhash", 1.5,
    [](unsigned) { return make_rhash_digest(RHASH_TIGER); }},
  Algorithm{"tiger2", "TIGER2", 192, no, hex, "libgcrypt", 2.0,
    [](unsigned) { return make_gcrypt_digest(GCRY_MD_TIGER2); }},
  Algorithm{"streebog256", "GOST12-256", 256, no, hex, "librhash", 8.5,
    [](unsigned) { return make_rhash_digest(RHASH_GOST12_256); }},
  Algorithm{"streebog512", "GOST12-512", 512, no, hex, "librhash", 8.5,
    [](unsigned) { return make_rhash_digest(RHASH_GOST12_512); }},
  Algorithm{"ripemd128", "RIPEMD128", 128, no, hex, "crypto++", 2.0,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::ripemd128); }},
  Algorithm{"ripemd160", "RMD160", 160, no, hex, "openssl", 2.7,
    [](unsigned b) { return make_openssl_digest("RIPEMD160", b); }},
  Algorithm{"ripemd256", "RIPEMD256", 256, no, hex, "crypto++", 2.0,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::ripemd256); }},
  Algorithm{"ripemd320", "RIPEMD320", 320, no, hex, "crypto++", 2.8,
    [](unsigned) { return make_cryptopp_digest(CryptoppAlgorithm::ripemd320); }},
  Algorithm{"fsb160", "FSB160", 160, no, hex, "native", 14.0,
    [](unsigned b) { return native::make_fsb(b); }},
  Algorithm{"fsb224", "FSB224", 224, no, hex, "native", 22.0,
    [](unsigned b) { return native::make_fsb(b); }},
  Algorithm{"fsb256", "FSB256", 256, no, hex, "native", 26.0,
    [](unsigned b) { return native::make_fsb(b); }},
  Algorithm{"fsb384", "FSB384", 384, no, hex, "native", 48.0,
    [](unsigned b) { return native::make_fsb(b); }},
  Algorithm{"fsb512", "FSB512", 512, no, hex, "native", 53.0,
    [](unsigned b) { return native::make_fsb(b); }},
  Algorithm{"sm3", "SM3", 256, no, hex, "openssl", 3.5,
    [](unsigned b) { return make_openssl_digest("SM3", b); }},
  // Our GOST R 34.11-94 (needed for the UA and 2015 S-boxes anyway) runs at
  // 1.7x librhash's, so it serves all four parameter sets.
  Algorithm{"gost94_cryptopro", "GOST94-CRYPTOPRO", 256, no, hex, "native", 8.2,
    [](unsigned) { return native::make_gost94(Gost94Params::cryptopro); }},
  Algorithm{"gost94_test", "GOST94", 256, no, hex, "native", 8.2,
    [](unsigned) { return native::make_gost94(Gost94Params::test); }},
  Algorithm{"gost94_ua", "GOST94_UA", 256, no, hex, "native", 8.2,
    [](unsigned) { return native::make_gost94(Gost94Params::ua); }},
  Algorithm{"gost94_s2015", "GOST94_S2015", 256, no, hex, "native", 8.2,
    [](unsigned) { return native::make_gost94(Gost94Params::s2015); }},
  Algorithm{"groestl224", "GROESTL224", 224, no, hex, "native", 6.5,
    [](unsigned b) { return native::make_groestl(b); }},
  Algorithm{"groestl256", "GROESTL256", 256, no, hex, "native", 6.5,
    [](unsigned b) { return native::make_groestl(b); }},
  Algorithm{"groestl384", "GROESTL384", 384, no, hex, "native", 8.3,
    [](unsigned b) { return native::make_groestl(b); }},
  Algorithm{"groestl512", "GROESTL512", 512, no, hex, "native", 8.3,
    [](unsigned b) { return native::make_groestl(b); }},
  Algorithm{"shabal192", "SHABAL192", 192, no, hex, "native", 1.4,
    [](unsigned b) { return native::make_shabal(b); }},
  Algorithm{"shabal224", "SHABAL224", 224, no, hex, "native", 1.4,
    [](unsigned b) { return native::make_shabal(b); }},
  Algorithm{"shabal256", "SHABAL256", 256, no, hex, "native", 1.4,
    [](unsigned b) { return native::make_shabal(b); }},
  Algorithm{"shabal384", "SHABAL384", 384, no, hex, "native", 1.4,
    [](unsigned b) { return native::make_shabal(b); }},
  Algorithm{"shabal512", "SHABAL512", 512, no, hex, "native", 1.4,
    [](unsigned b) { return native::make_shabal(b); }},
  // Beyond the original tool.
  Algorithm{"crc32c", "CRC32C", 32, no, hex, "isa-l", 0.04,
    [](unsigned) { return make_checksum_digest(ChecksumKind::crc32c); }},
  Algorithm{"crc64", "CRC64", 64, no, hex, "isa-l", 0.04,
    [](unsigned) { return make_checksum_digest(ChecksumKind::crc64); }},
  Algorithm{"adler32", "ADLER32", 32, no, hex, "libdeflate", 0.04,
    [](unsigned) { return make_checksum_digest(ChecksumKind::adler32); }},
  Algorithm{"xxh32", "XXH32", 32, no, hex, "xxhash", 0.15,
    [](unsigned) { return make_xxhash_digest(XxhashVariant::xxh32); }},
  Algorithm{"xxh64", "XXH64", 64, no, hex, "xxhash", 0.08,
    [](unsigned) { return make_xxhash_digest(XxhashVariant::xxh64); }},
  Algorithm{"xxh3", "XXH3", 64, no, hex, "xxhash", 0.03,
    [](unsigned) { return make_xxhash_digest(XxhashVariant::xxh3_64); }},
  Algorithm{"xxh128", "XXH128", 128, no, hex, "xxhash", 0.03,
    [](unsigned) { return make_xxhash_digest(XxhashVariant::xxh3_128); }},
  Algorithm{"sha512_224", "SHA512_224", 224, no, hex, "openssl", 1.3,
    [](unsigned b) { return make_openssl_digest("SHA512-224", b); }},
  Algorithm{"sha512_256", "SHA512_256", 256, no, hex, "openssl", 1.3,
    [](unsigned b) { return make_openssl_digest("SHA512-256", b); }},
  Algorithm{"blake3", "BLAKE3", 256, yes, hex, "blake3", 0.16,
    [](unsigned b) { return make_blake3_digest(b); }},
  Algorithm{"ed2k", "ED2K", 128, no, hex, "librhash", 0.9,
    [](unsigned) { return make_rhash_digest(RHASH_ED2K); }},
  Algorithm{"tth", "TTH", 192, no, TextEncoding::base32, "librhash", 3.0,
    [](unsigned) { return make_rhash_digest(RHASH_TTH); }},
  Algorithm{"has160", "HAS-160", 160, no, hex, "librhash", 1.5,
    [](unsigned) { return make_rhash_digest(RHASH_HAS160); }},
  Algorithm{"edonr256", "EDON-R256", 256, no, hex, "librhash", 0.6,
    [](unsigned) { return make_rhash_digest(RHASH_EDONR256); }},
  Algorithm{"edonr512", "EDON-R512", 512, no, hex, "librhash", 0.5,
    [](unsigned) { return make_rhash_digest(RHASH_EDONR512); }},
  Algorithm{"snefru128", "SNEFRU-128", 128, no, hex, "librhash", 22.0,
    [](unsigned) { return make_rhash_digest(RHASH_SNEFRU128); }},
  Algorithm{"snefru256", "SNEFRU-256", 256, no, hex, "librhash", 32.0,
    [](unsigned) { return make_rhash_digest(RHASH_SNEFRU256); }},
  Algorithm{"shake128", "SHAKE128", 256, yes, hex, "openssl", 1.7,
    [](unsigned b) { return make_openssl_digest("SHAKE128", b); }},
  Algorithm{"shake256", "SHAKE256", 512, yes, hex, "openssl", 2.1,
    [](unsigned b) { return make_openssl_digest("SHAKE256", b); }},
  Algorithm{"k12", "K12", 256, yes, hex, "native", 1.0,
    [](unsigned b) { return native::make_k12(b); }},
};
// clang-format on

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

AlgorithmSpec parse_one(std::string_view item) {
  std::string_view name = item;
  std::string_view length;
  if (auto colon = item.find(':'); colon != std::string_view::npos) {
    name = item.substr(0, colon);
    length = item.substr(colon + 1);
  }
  const Algorithm* algorithm = find_algorithm(name);
  if (algorithm == nullptr) {
    throw util::UsageError("--algorithms: unknown algorithm '" +
                           std::string(item) + "' (see 'hasher algorithms')");
  }
  AlgorithmSpec spec{algorithm, algorithm->bits};
  if (!length.empty() || item.find(':') != std::string_view::npos) {
    if (algorithm->xof == Xof::no) {
      throw util::UsageError("--algorithms: '" + std::string(item) +
                             "': only an XOF takes a length");
    }
    std::optional<AlgorithmSpec> sized = xof_spec(*algorithm, length);
    if (!sized) {
      throw util::UsageError("--algorithms: '" + std::string(item) +
                             "': the length must be a multiple of 8 from 8 "
                             "to 65536 bits");
    }
    spec = *sized;
  }
  return spec;
}

} // namespace

namespace {

// `base` alone, or `base<separator><bits>` for an XOF's non-default length.
std::string with_length(std::string_view base, char separator, unsigned bits,
                        unsigned default_bits) {
  std::string out(base);
  if (bits != default_bits) {
    out.push_back(separator);
    out.append(std::to_string(bits));
  }
  return out;
}

} // namespace

std::string AlgorithmSpec::column() const {
  return with_length(algorithm->name, '_', bits, algorithm->bits);
}

std::string AlgorithmSpec::label() const {
  return with_length(algorithm->name, ':', bits, algorithm->bits);
}

std::string AlgorithmSpec::tag() const {
  return with_length(algorithm->bsd_tag, '-', bits, algorithm->bits);
}

std::span<const Algorithm> all_algorithms() { return k_algorithms; }

std::optional<AlgorithmSpec> xof_spec(const Algorithm& algorithm,
                                      std::string_view digits) {
  if (algorithm.xof != Xof::yes) return std::nullopt;
  unsigned bits = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), bits);
  if (digits.empty() || error != std::errc() ||
      end != digits.data() + digits.size() || bits == 0 || bits % 8 != 0 ||
      bits > 65536) {
    return std::nullopt;
  }
  return AlgorithmSpec{&algorithm, bits};
}

std::optional<AlgorithmSpec> spec_for_column(std::string_view column) {
  if (const Algorithm* algorithm = find_algorithm(column)) {
    return AlgorithmSpec{algorithm, algorithm->bits};
  }
  // An XOF of another length: name_BITS.
  std::size_t underscore = column.rfind('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  const Algorithm* algorithm = find_algorithm(column.substr(0, underscore));
  if (algorithm == nullptr) return std::nullopt;
  std::optional<AlgorithmSpec> spec =
      xof_spec(*algorithm, column.substr(underscore + 1));
  // "shake256_0256" or "shake256_256" name no column of their own.
  if (!spec || spec->column() != column) return std::nullopt;
  return spec;
}

const Algorithm* find_algorithm(std::string_view name) {
  for (const Algorithm& algorithm : k_algorithms) {
    if (algorithm.name == name) return &algorithm;
  }
  return nullptr;
}

std::vector<AlgorithmSpec> parse_algorithm_list(std::string_view list) {
  std::vector<AlgorithmSpec> specs;
  auto add = [&specs](const AlgorithmSpec& spec) {
    for (const AlgorithmSpec& have : specs) {
      if (have.algorithm == spec.algorithm && have.bits == spec.bits) return;
    }
    specs.push_back(spec);
  };
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = trim(list.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    if (item == "all") {
      for (const Algorithm& algorithm : k_algorithms) {
        add({&algorithm, algorithm.bits});
      }
      continue;
    }
    add(parse_one(item));
  }
  if (specs.empty()) {
    throw util::UsageError("--algorithms: the list is empty");
  }
  return specs;
}

std::string encode_digest(const AlgorithmSpec& spec,
                          std::span<const std::uint8_t> digest) {
  if (spec.algorithm->encoding == TextEncoding::base32) {
    return util::to_base32(digest);
  }
  return util::to_hex(digest);
}

} // namespace hasher::digest
