// Tests for KangarooTwelve (KT128, empty customization). Known answers come
// from RFC 9861 section 5 (test vectors): the short-message 256-bit vectors
// are in tests/data/vectors/k12.txt; the long messages ptn(17^4..17^6), the
// 512-bit output and the last 32 bytes of the 10032-byte output are below,
// with ptn(n) (the pattern 00 01 .. FA repeated, truncated to n bytes)
// generated here.

#include <hasher/digest/native/k12.hpp>

#include "support/digest_check.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using hasher::digest::native::make_k12;
using hasher::test::check_piecewise;
using hasher::test::digest_hex;
using hasher::test::read_vectors;
using hasher::test::sample_message;

std::vector<std::uint8_t> ptn(std::size_t size) {
  std::vector<std::uint8_t> out(size);
  for (std::size_t i = 0; i < size; ++i) {
    out[i] = static_cast<std::uint8_t>(i % 251);
  }
  return out;
}

// RFC 9861 section 5: KT128(M = ptn(17^i bytes), C = empty, 32), i = 0..6,
// and KT128(M = ptn(8191 / 8192 bytes), C = empty, 32).
struct PatternVector {
  std::size_t size;
  const char* digest_hex;
};

const PatternVector k_pattern_vectors[] = {
    {1, "2bda92450e8b147f8a7cb629e784a058efca7cf7d8218e02d345dfaa65244a1f"},
    {17, "6bf75fa2239198db4772e36478f8e19b0f371205f6a9a93a273f51df37122888"},
    {17 * 17,
     "0c315ebcdedbf61426de7dcf8fb725d1e74675d7f5327a5067f367b108ecb67c"},
    {17 * 17 * 17,
     "cb552e2ec77d9910701d578b457ddf772c12e322e4ee7fe417f92c758f0d59d0"},
    {17 * 17 * 17 * 17,
     "8701045e22205345ff4dda05555cbb5c3af1a771c2b89baef37db43d9998b9fe"},
    {17 * 17 * 17 * 17 * 17,
     "844d610933b1b9963cbdeb5ae3b6b05cc7cbd67ceedf883eb678a0a8e0371682"},
    {17 * 17 * 17 * 17 * 17 * 17,
     "3c390782a8a4e89fa6367f72feaaf13255c8d95878481d3cd8ce85f58e880af8"},
    {8191, "1b577636f723643e990cc7d6a659837436fd6a103626600eb8301cd1dbe553d6"},
    {8192, "48f256f6772f9edfb6a8b661ec92dc93b95ebd05a08a17b39ae3490870c926c3"},
};

// RFC 9861 section 5: KT128(M = empty, C = empty, 64) and the last 32 bytes
// of KT128(M = empty, C = empty, 10032).
const char* const k_empty_64 =
    "1ac2d450fc3b4205d19da7bfca1b37513c0803577ac7167f06fe2ce1f0ef39e5"
    "4269c056b8c82e48276038b6d292966cc07a3d4645272e31ff38508139eb0a71";
const char* const k_empty_10032_tail =
    "e8dc563642f7228c84684c898405d3a834799158c079b12880277a1d28e2ff6d";

const unsigned k_output_bits[] = {8, 256, 512, 10032 * 8};

TEST(K12, VectorFile) {
  auto d = make_k12(256);
  const auto vectors = read_vectors("k12");
  ASSERT_FALSE(vectors.empty());
  for (const auto& v : vectors) {
    EXPECT_EQ(digest_hex(*d, v.input), v.digest_hex)
        << "k12.txt line " << v.line;
  }
}

TEST(K12, EmptyMessage) {
  // An XOF's shorter outputs are prefixes of its longer ones, so the 8- and
  // 256-bit outputs are prefixes of the RFC's 64-byte output.
  auto d8 = make_k12(8);
  EXPECT_EQ(digest_hex(*d8, {}), std::string(k_empty_64, 2));
  auto d256 = make_k12(256);
  EXPECT_EQ(digest_hex(*d256, {}), std::string(k_empty_64, 64));
  auto d512 = make_k12(512);
  EXPECT_EQ(digest_hex(*d512, {}), k_empty_64);
  auto d_long = make_k12(10032 * 8);
  ASSERT_EQ(d_long->size(), 10032u);
  const std::string whole = digest_hex(*d_long, {});
  EXPECT_EQ(whole.substr(0, 128), k_empty_64);
  EXPECT_EQ(whole.substr(whole.size() - 64), k_empty_10032_tail);
}

TEST(K12, PatternMessages) {
  auto d = make_k12(256);
  auto d8 = make_k12(8);
  for (const auto& v : k_pattern_vectors) {
    const auto msg = ptn(v.size);
    EXPECT_EQ(digest_hex(*d, msg), v.digest_hex) << "ptn(" << v.size << ")";
    EXPECT_EQ(digest_hex(*d8, msg), std::string(v.digest_hex, 2))
        << "ptn(" << v.size << ") 8 bits";
    // Fed in pieces (across the 8192-byte chunk boundaries).
    for (std::size_t piece : {std::size_t{1}, std::size_t{4095},
                              std::size_t{8191}, std::size_t{8193}}) {
      if (piece == 1 && v.size > 100000) {
        continue;
      }
      EXPECT_EQ(digest_hex(*d, msg, piece), v.digest_hex)
          << "ptn(" << v.size << ") in pieces of " << piece;
    }
  }
}

TEST(K12, Piecewise) {
  for (unsigned bits : k_output_bits) {
    auto d = make_k12(bits);
    EXPECT_EQ(check_piecewise(*d), "") << bits << " bits";
  }
}

TEST(K12, ChunkBoundaries) {
  // Lengths around the 8192-byte chunk size, one-shot (whole chunks hashed
  // from the caller's span) against pieces (chunks assembled in the leaf).
  auto d = make_k12(256);
  for (std::size_t size : {8190u, 8191u, 8192u, 8193u, 8194u, 16383u, 16384u,
                           16385u, 24576u, 24577u, 40960u + 100u}) {
    const auto msg = sample_message(size);
    const std::string whole = digest_hex(*d, msg);
    for (std::size_t piece : {1u, 7u, 168u, 169u, 8191u, 8192u, 8193u}) {
      EXPECT_EQ(digest_hex(*d, msg, piece), whole)
          << "size " << size << " piece " << piece;
    }
  }
}

TEST(K12, ResetReuse) {
  for (unsigned bits : k_output_bits) {
    auto d = make_k12(bits);
    const auto msg = sample_message(50000);
    const std::string first = digest_hex(*d, msg);
    EXPECT_EQ(digest_hex(*d, msg), first) << bits << " bits";
    EXPECT_EQ(digest_hex(*d, {}).substr(0, 2), "1a") << bits << " bits";
    EXPECT_EQ(digest_hex(*d, msg), first) << bits << " bits";
  }
}

TEST(K12, Size) {
  EXPECT_EQ(make_k12(8)->size(), 1u);
  EXPECT_EQ(make_k12(256)->size(), 32u);
  EXPECT_EQ(make_k12(10032 * 8)->size(), 10032u);
}

TEST(K12, InvalidLength) {
  EXPECT_THROW(make_k12(0), std::invalid_argument);
  EXPECT_THROW(make_k12(4), std::invalid_argument);
  EXPECT_THROW(make_k12(257), std::invalid_argument);
}

} // namespace
