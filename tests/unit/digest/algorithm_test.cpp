// The registry as a whole: every algorithm passes its known-answer vectors
// (tests/data/vectors/<name>.txt, sources cited in each file), gives the same
// digest whatever the piece sizes, and gives the same digests when computed
// all at once as when computed alone.

#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/digest_set.hpp>
#include <hasher/util/errors.hpp>

#include "support/digest_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace hasher::digest {
namespace {

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const Algorithm& algorithm : all_algorithms()) {
    names.emplace_back(algorithm.name);
  }
  return names;
}

class EveryAlgorithm : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryAlgorithm, PassesItsKnownAnswerVectors) {
  const Algorithm* algorithm = find_algorithm(GetParam());
  ASSERT_NE(algorithm, nullptr);
  ASSERT_TRUE(std::filesystem::exists(test::vector_path(GetParam())))
      << "every algorithm needs a vector file";
  DigestPtr digest = algorithm->make(algorithm->bits);
  std::vector<test::Vector> vectors = test::read_vectors(GetParam());
  ASSERT_FALSE(vectors.empty());
  for (const test::Vector& vector : vectors) {
    EXPECT_EQ(test::digest_hex(*digest, vector.input), vector.digest_hex)
        << GetParam() << " vector at line " << vector.line;
  }
}

TEST_P(EveryAlgorithm, GivesTheSameDigestWhateverThePieces) {
  const Algorithm* algorithm = find_algorithm(GetParam());
  ASSERT_NE(algorithm, nullptr);
  DigestPtr digest = algorithm->make(algorithm->bits);
  EXPECT_EQ(test::check_piecewise(*digest), "") << GetParam();
}

TEST_P(EveryAlgorithm, SizeMatchesTheRegistry) {
  const Algorithm* algorithm = find_algorithm(GetParam());
  ASSERT_NE(algorithm, nullptr);
  EXPECT_EQ(algorithm->make(algorithm->bits)->size() * 8, algorithm->bits);
}

INSTANTIATE_TEST_SUITE_P(
    Registry, EveryAlgorithm, ::testing::ValuesIn(all_names()),
    [](const ::testing::TestParamInfo<std::string>& param_info) {
      return param_info.param;
    });

TEST(Registry, HasEveryNameOfTheSpec) {
  // SPEC "Algorithms": the original tool's 48 names and the newer ones.
  const char* const names[] = {
      "crc32",       "md2",        "md4",          "md5",
      "sha1",        "sha224",     "sha256",       "sha384",
      "sha512",      "sha3_224",   "sha3_256",     "sha3_384",
      "sha3_512",    "keccak224",  "keccak256",    "keccak384",
      "keccak512",   "blake2s256", "blake2b512",   "belt_hash",
      "whirlpool",   "tiger",      "tiger2",       "streebog256",
      "streebog512", "ripemd128",  "ripemd160",    "ripemd256",
      "ripemd320",   "fsb160",     "fsb224",       "fsb256",
      "fsb384",      "fsb512",     "sm3",          "gost94_cryptopro",
      "gost94_test", "gost94_ua",  "gost94_s2015", "groestl224",
      "groestl256",  "groestl384", "groestl512",   "shabal192",
      "shabal224",   "shabal256",  "shabal384",    "shabal512",
      "crc32c",      "crc64",      "adler32",      "xxh32",
      "xxh64",       "xxh3",       "xxh128",       "sha512_224",
      "sha512_256",  "blake3",     "ed2k",         "tth",
      "has160",      "edonr256",   "edonr512",     "snefru128",
      "snefru256",   "shake128",   "shake256",     "k12"};
  for (const char* name : names) {
    EXPECT_NE(find_algorithm(name), nullptr) << name;
  }
  EXPECT_EQ(all_algorithms().size(), std::size(names));
  EXPECT_EQ(find_algorithm("SHA256"), nullptr);
}

TEST(Registry, AllAtOnceEqualsEachAlone) {
  std::vector<AlgorithmSpec> specs = parse_algorithm_list("all");
  DigestSet together(specs);
  std::vector<std::uint8_t> message = test::sample_message(100003);
  for (std::size_t at = 0; at < message.size(); at += 4099) {
    together.update(ByteView(message).subspan(
        at, std::min<std::size_t>(4099, message.size() - at)));
  }
  std::vector<util::Bytes> digests = together.finish();
  ASSERT_EQ(digests.size(), specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    DigestPtr alone = specs[i].make();
    EXPECT_EQ(test::digest_hex(*alone, message),
              test::to_hex(digests[i].data(), digests[i].size()))
        << specs[i].column();
  }
}

TEST(Registry, MillionTimesA) {
  // FIPS 180-2 appendix examples and the FIPS 202 example files: one million
  // repetitions of 'a'.
  std::vector<std::uint8_t> message(1000000, 'a');
  struct Case {
    const char* name;
    const char* digest;
  };
  const Case cases[] = {
      {"sha1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
      {"sha256",
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      {"sha512",
       "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
       "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
      {"sha3_256",
       "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1"},
  };
  for (const Case& c : cases) {
    const Algorithm* algorithm = find_algorithm(c.name);
    ASSERT_NE(algorithm, nullptr);
    DigestPtr digest = algorithm->make(algorithm->bits);
    EXPECT_EQ(test::digest_hex(*digest, message, 65536), c.digest) << c.name;
  }
}

TEST(ParseAlgorithmList, KeepsOrderAndDropsDuplicates) {
  auto specs = parse_algorithm_list("sha256, md5,sha256,crc32");
  ASSERT_EQ(specs.size(), 3u);
  EXPECT_EQ(specs[0].column(), "sha256");
  EXPECT_EQ(specs[1].column(), "md5");
  EXPECT_EQ(specs[2].column(), "crc32");
}

TEST(ParseAlgorithmList, AllIsEveryAlgorithm) {
  EXPECT_EQ(parse_algorithm_list("all").size(), all_algorithms().size());
}

TEST(ParseAlgorithmList, XofLengths) {
  auto specs = parse_algorithm_list("shake256:1024,shake256,blake3:512");
  ASSERT_EQ(specs.size(), 3u);
  EXPECT_EQ(specs[0].bits, 1024u);
  EXPECT_EQ(specs[0].column(), "shake256_1024");
  EXPECT_EQ(specs[0].label(), "shake256:1024");
  EXPECT_EQ(specs[0].make()->size(), 128u);
  EXPECT_EQ(specs[1].column(), "shake256");
  EXPECT_EQ(specs[2].column(), "blake3_512");
  // A default length written out is the default column.
  EXPECT_EQ(parse_algorithm_list("k12:256")[0].column(), "k12");
}

TEST(ParseAlgorithmList, RejectsBadItems) {
  EXPECT_THROW(parse_algorithm_list("nope"), util::UsageError);
  EXPECT_THROW(parse_algorithm_list("sha256:512"), util::UsageError);
  EXPECT_THROW(parse_algorithm_list("shake256:0"), util::UsageError);
  EXPECT_THROW(parse_algorithm_list("shake256:12"), util::UsageError);
  EXPECT_THROW(parse_algorithm_list("shake256:"), util::UsageError);
  EXPECT_THROW(parse_algorithm_list(""), util::UsageError);
  EXPECT_THROW(parse_algorithm_list(","), util::UsageError);
}

TEST(EncodeDigest, TthIsBase32AsRhashPrintsIt) {
  auto specs = parse_algorithm_list("tth,crc32");
  DigestSet set(specs);
  const std::uint8_t abc[] = {'a', 'b', 'c'};
  set.update(abc);
  auto digests = set.finish();
  EXPECT_EQ(encode_digest(specs[0], digests[0]),
            "asd4ujseh5m47pdyb46kbtsqtsgdklbhyxomuia");
  EXPECT_EQ(encode_digest(specs[1], digests[1]), "352441c2");
}

TEST(EncodeDigest, Crc32IsBigEndianAsSfvFilesHaveIt) {
  auto specs = parse_algorithm_list("crc32");
  DigestSet set(specs);
  const char* text = "123456789";
  set.update({reinterpret_cast<const std::uint8_t*>(text), 9});
  EXPECT_EQ(encode_digest(specs[0], set.finish()[0]), "cbf43926");
}

TEST(SpecForColumn, EveryColumnReadsBack) {
  for (const Algorithm& algorithm : all_algorithms()) {
    std::optional<AlgorithmSpec> spec = spec_for_column(algorithm.name);
    ASSERT_TRUE(spec) << algorithm.name;
    EXPECT_EQ(spec->algorithm, &algorithm);
    EXPECT_EQ(spec->bits, algorithm.bits);
  }
  std::optional<AlgorithmSpec> long_shake = spec_for_column("shake256_1024");
  ASSERT_TRUE(long_shake);
  EXPECT_EQ(long_shake->label(), "shake256:1024");
  EXPECT_EQ(long_shake->column(), "shake256_1024");
  for (const char* bad : {"file_path", "sha256_512", "shake256_", "shake256_12",
                          "shake256_0256", "verified_at", ""}) {
    EXPECT_FALSE(spec_for_column(bad)) << bad;
  }
}

} // namespace
} // namespace hasher::digest
