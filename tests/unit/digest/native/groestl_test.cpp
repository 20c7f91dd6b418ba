// Unit tests for the hand-written Grøstl-224/256/384/512
// (hasher::digest::native::make_groestl) against RustCrypto's known-answer
// vectors, plus piecewise feeding and context reuse.

#include <hasher/digest/native/groestl.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hasher::digest::native::make_groestl;

class GroestlTest : public ::testing::TestWithParam<unsigned> {
protected:
  std::string vector_name() const {
    return "groestl" + std::to_string(GetParam());
  }
};

TEST_P(GroestlTest, Size) {
  auto d = make_groestl(GetParam());
  EXPECT_EQ(d->size(), GetParam() / 8);
}

TEST_P(GroestlTest, KnownAnswerVectors) {
  auto d = make_groestl(GetParam());
  const auto vectors = hasher::test::read_vectors(vector_name());
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(hasher::test::digest_hex(*d, v.input), v.digest_hex)
        << vector_name() << ".txt line " << v.line;
  }
}

TEST_P(GroestlTest, EmptyInput) {
  auto d = make_groestl(GetParam());
  const auto vectors = hasher::test::read_vectors(vector_name());
  bool found = false;
  for (const auto& v : vectors) {
    if (v.input.empty()) {
      found = true;
      EXPECT_EQ(hasher::test::digest_hex(*d, {}), v.digest_hex)
          << vector_name() << ".txt line " << v.line;
    }
  }
  EXPECT_TRUE(found) << "no empty-input vector in " << vector_name();
}

TEST_P(GroestlTest, Piecewise) {
  auto d = make_groestl(GetParam());
  EXPECT_EQ(hasher::test::check_piecewise(*d), "");
}

TEST_P(GroestlTest, ResetReuse) {
  auto d = make_groestl(GetParam());
  const auto msg = hasher::test::sample_message(1000);
  // Leave the context dirty (partial block buffered, then finished) before
  // reuse; digest_hex() calls reset() first.
  std::vector<std::uint8_t> out(d->size());
  d->update(hasher::test::sample_message(77));
  d->finish(out);
  const std::string first = hasher::test::digest_hex(*d, msg);
  const std::string second = hasher::test::digest_hex(*d, msg);
  EXPECT_EQ(first, second);
  d->reset();
  d->update(hasher::test::sample_message(33));
  const std::string third = hasher::test::digest_hex(*d, msg);
  EXPECT_EQ(first, third);
}

INSTANTIATE_TEST_SUITE_P(
    AllSizes, GroestlTest, ::testing::Values(224u, 256u, 384u, 512u),
    [](const ::testing::TestParamInfo<unsigned>& param_info) {
      return "Groestl" + std::to_string(param_info.param);
    });

TEST(GroestlFactory, RejectsOtherSizes) {
  for (unsigned bits : {0u, 128u, 160u, 255u, 257u, 1024u}) {
    EXPECT_THROW(make_groestl(bits), std::invalid_argument) << bits;
  }
}

} // namespace
