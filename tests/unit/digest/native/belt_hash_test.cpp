// Tests for belt-hash (STB 34.101.31-2011, 6.9): the known-answer vectors of
// tests/data/vectors/belt_hash.txt, the standard's own examples (appendix A,
// table A.11), piecewise feeding and reuse through reset().

#include <hasher/digest/native/belt_hash.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using hasher::digest::native::make_belt_hash;
using hasher::test::check_piecewise;
using hasher::test::digest_hex;
using hasher::test::from_hex;
using hasher::test::read_vectors;

TEST(BeltHash, Size) { EXPECT_EQ(make_belt_hash()->size(), 32u); }

TEST(BeltHash, VectorFile) {
  auto d = make_belt_hash();
  const auto vectors = read_vectors("belt_hash");
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(digest_hex(*d, v.input), v.digest_hex)
        << "belt_hash.txt line " << v.line;
  }
}

// STB 34.101.31-2011, appendix A, table A.11: the inputs are the first 13, 32
// and 48 bytes of the substitution table H (partial block, one block, one
// and a half blocks).
TEST(BeltHash, StandardAppendixExamples) {
  struct Example {
    const char* input;
    const char* digest;
  };
  const Example examples[] = {
      {"B194BAC80A08F53B366D008E58",
       "abef9725d4c5a83597a367d14494cc2542f20f659ddfecc961a3ec550cba8c75"},
      {"B194BAC80A08F53B366D008E584A5DE48504FA9D1BB6C7AC252E72C202FDCE0D",
       "749e4c3653aece5e48db4761227742eb6dbe13f4a80f7beff1a9cf8d10ee7786"},
      {"B194BAC80A08F53B366D008E584A5DE48504FA9D1BB6C7AC252E72C202FDCE0D"
       "5BE3D61217B96181FE6786AD716B890B",
       "9d02ee446fb6a29fe5c982d4b13af9d3e90861bc4cef27cf306bfb0b174a154a"},
  };
  auto d = make_belt_hash();
  for (const auto& e : examples) {
    EXPECT_EQ(digest_hex(*d, from_hex(e.input)), e.digest) << e.input;
  }
}

// Example from the documentation of the RustCrypto belt-hash crate (an
// independent implementation): belt-hash("hello world").
TEST(BeltHash, HelloWorld) {
  auto d = make_belt_hash();
  const std::string text = "hello world";
  const std::vector<std::uint8_t> msg(text.begin(), text.end());
  EXPECT_EQ(digest_hex(*d, msg),
            "afb175816416fbadad4629ecbd78e1887789881f2d2e5b80c22a746b7ac7ba88");
}

TEST(BeltHash, Piecewise) {
  auto d = make_belt_hash();
  EXPECT_EQ(check_piecewise(*d), "");
}

TEST(BeltHash, ResetReuse) {
  auto d = make_belt_hash();
  const auto msg = hasher::test::sample_message(1000);
  const std::string first = digest_hex(*d, msg);
  // Leave the context dirty (partial block buffered) before reusing it.
  d->update(hasher::digest::ByteView(msg).first(17));
  const std::string second = digest_hex(*d, msg);
  EXPECT_EQ(first, second);
  const std::string third = digest_hex(*d, msg);
  EXPECT_EQ(first, third);
}

} // namespace
