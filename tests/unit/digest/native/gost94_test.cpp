// Known-answer and streaming tests for the hand-written GOST R 34.11-94
// digests, one suite instance per S-box parameter set (vectors decoded from
// RustCrypto's gost94 test data; s2015 from lzghzr/wasm-rust-hash, outputs of
// RustCrypto's Gost94s2015; long CryptoPro messages from gost-engine's
// test/01-digest.t as quoted in RustCrypto's gost94 tests).

#include <hasher/digest/native/gost94.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hasher::digest::ByteView;
using hasher::digest::native::Gost94Params;
using hasher::digest::native::make_gost94;
using hasher::test::check_piecewise;
using hasher::test::digest_hex;
using hasher::test::read_vectors;

std::string vector_name(Gost94Params params) {
  switch (params) {
  case Gost94Params::test:
    return "gost94_test";
  case Gost94Params::cryptopro:
    return "gost94_cryptopro";
  case Gost94Params::ua:
    return "gost94_ua";
  case Gost94Params::s2015:
    return "gost94_s2015";
  }
  return "unknown";
}

std::vector<std::uint8_t> bytes(const std::string& s) {
  return {s.begin(), s.end()};
}

class Gost94Test : public ::testing::TestWithParam<Gost94Params> {};

TEST_P(Gost94Test, KnownAnswers) {
  auto d = make_gost94(GetParam());
  ASSERT_EQ(d->size(), 32u);
  auto vectors = read_vectors(vector_name(GetParam()));
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(digest_hex(*d, v.input), v.digest_hex)
        << vector_name(GetParam()) << ".txt line " << v.line;
  }
}

TEST_P(Gost94Test, Piecewise) {
  auto d = make_gost94(GetParam());
  EXPECT_EQ(check_piecewise(*d), "");
}

TEST_P(Gost94Test, ResetReuse) {
  auto d = make_gost94(GetParam());
  auto msg = hasher::test::sample_message(1000);
  std::string first = digest_hex(*d, msg);
  std::string second = digest_hex(*d, msg);
  EXPECT_EQ(first, second);
  // A dirty context (partial block buffered, unfinished) must reset fully.
  d->update(ByteView(msg).first(77));
  EXPECT_EQ(digest_hex(*d, msg), first);
}

INSTANTIATE_TEST_SUITE_P(
    AllParams, Gost94Test,
    ::testing::Values(Gost94Params::test, Gost94Params::cryptopro,
                      Gost94Params::ua, Gost94Params::s2015),
    [](const auto& param_info) { return vector_name(param_info.param); });

// Empty input and "abc", spelled out (the same lines are in the files).
TEST(Gost94, EmptyAndAbc) {
  auto test = make_gost94(Gost94Params::test);
  EXPECT_EQ(digest_hex(*test, {}),
            "ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d");
  EXPECT_EQ(digest_hex(*test, bytes("abc")),
            "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d");
  auto cryptopro = make_gost94(Gost94Params::cryptopro);
  EXPECT_EQ(digest_hex(*cryptopro, {}),
            "981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0");
  EXPECT_EQ(digest_hex(*cryptopro, bytes("abc")),
            "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c");
  auto s2015 = make_gost94(Gost94Params::s2015);
  EXPECT_EQ(digest_hex(*s2015, {}),
            "d47819718a633fa42ff02a4d1c7180da02178067aeb4b1490388c84f88538d80");
  auto ua = make_gost94(Gost94Params::ua);
  EXPECT_EQ(digest_hex(*ua, bytes("test")),
            "7c536414f8b5b9cc649fdf3cccb2685c1a12622956308e34f31c50ed7b3af56c");
}

// Longer CryptoPro messages (gost-engine test/01-digest.t): these carry the
// checksum across many blocks and a length beyond one byte.
TEST(Gost94, CryptoProLongMessages) {
  auto d = make_gost94(Gost94Params::cryptopro);
  std::vector<std::uint8_t> msg;
  for (int i = 0; i < 128; ++i) {
    for (char c : std::string("12345670")) {
      msg.push_back(static_cast<std::uint8_t>(c));
    }
  }
  EXPECT_EQ(digest_hex(*d, msg),
            "f7fc6d16a6a5c12ac4f7d320e0fd0d8354908699125e09727a4ef929122b1cae");
  EXPECT_EQ(digest_hex(*d, ByteView(msg).first(539)),
            "bd5f1e4b539c7b00f0866afdbc8ed452503a18436061747a343f43efe888aac9");

  const std::uint8_t pattern[8] = {0x00, 0x01, 0x02, 0x15,
                                   0x84, 0x67, 0x45, 0x31};
  msg.clear();
  for (int i = 0; i < 128; ++i) {
    msg.insert(msg.end(), pattern, pattern + 8);
  }
  EXPECT_EQ(digest_hex(*d, msg),
            "69f529aa82d9344ab0fa550cdf4a70ecfd92a38b5520b1906329763e09105196");

  msg.clear();
  for (int i = 0; i < 4096; ++i) {
    for (int j = 0; j < 7; ++j) {
      for (char c : std::string("121345678")) {
        msg.push_back(static_cast<std::uint8_t>(c));
      }
    }
    for (char c : std::string("1234567\n")) {
      msg.push_back(static_cast<std::uint8_t>(c));
    }
  }
  for (char c : std::string("12345\n")) {
    msg.push_back(static_cast<std::uint8_t>(c));
  }
  EXPECT_EQ(digest_hex(*d, msg),
            "e5d3ac4ea3f67896c51ff919cedb9405ad771e39f0f2eab103624f9a758e506f");
}

TEST(Gost94, RejectsUnknownParams) {
  EXPECT_THROW(make_gost94(static_cast<Gost94Params>(42)),
               std::invalid_argument);
}

} // namespace
