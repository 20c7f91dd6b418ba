// Known-answer and streaming tests for the hand-written Shabal digests
// (vectors decoded from RustCrypto's shabal test data).

#include <hasher/digest/native/shabal.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hasher::digest::native::make_shabal;
using hasher::test::check_piecewise;
using hasher::test::digest_hex;
using hasher::test::read_vectors;

class ShabalTest : public ::testing::TestWithParam<unsigned> {};

std::string vector_name(unsigned bits) {
  return "shabal" + std::to_string(bits);
}

TEST_P(ShabalTest, KnownAnswers) {
  auto d = make_shabal(GetParam());
  ASSERT_EQ(d->size(), GetParam() / 8);
  auto vectors = read_vectors(vector_name(GetParam()));
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(digest_hex(*d, v.input), v.digest_hex)
        << vector_name(GetParam()) << ".txt line " << v.line;
  }
}

TEST_P(ShabalTest, Piecewise) {
  auto d = make_shabal(GetParam());
  EXPECT_EQ(check_piecewise(*d), "");
}

TEST_P(ShabalTest, ResetReuse) {
  auto d = make_shabal(GetParam());
  auto msg = hasher::test::sample_message(1000);
  std::string first = digest_hex(*d, msg);
  std::string second = digest_hex(*d, msg);
  EXPECT_EQ(first, second);
  // A dirty context (partial block buffered, unfinished) must reset fully.
  d->update(hasher::digest::ByteView(msg).first(77));
  EXPECT_EQ(digest_hex(*d, msg), first);
}

// "abc" is in every vector file (the files have no empty-input line).
TEST_P(ShabalTest, Abc) {
  auto d = make_shabal(GetParam());
  const std::vector<std::uint8_t> abc{'a', 'b', 'c'};
  bool found = false;
  for (const auto& v : read_vectors(vector_name(GetParam()))) {
    if (v.input == abc) {
      found = true;
      EXPECT_EQ(digest_hex(*d, abc), v.digest_hex);
    }
  }
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(AllSizes, ShabalTest,
                         ::testing::Values(192u, 224u, 256u, 384u, 512u),
                         [](const auto& param_info) {
                           return vector_name(param_info.param);
                         });

TEST(Shabal, RejectsBadSize) {
  EXPECT_THROW(make_shabal(0), std::invalid_argument);
  EXPECT_THROW(make_shabal(160), std::invalid_argument);
  EXPECT_THROW(make_shabal(1024), std::invalid_argument);
}

} // namespace
