#include <hasher/util/encoding.hpp>

#include <gtest/gtest.h>

#include <cstring>

namespace hasher::util {
namespace {

TEST(Hex, RoundTrips) {
  Bytes bytes{0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(to_hex(bytes), "007f80ff");
  EXPECT_EQ(from_hex("007F80ff"), bytes);
  EXPECT_FALSE(from_hex("abc").has_value());
  EXPECT_FALSE(from_hex("zz").has_value());
}

TEST(Base32, MatchesRfc4648Examples) {
  // RFC 4648 section 10, lower case and unpadded.
  auto text = [](const char* s) {
    return std::span<const std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(s), std::strlen(s));
  };
  EXPECT_EQ(to_base32(text("")), "");
  EXPECT_EQ(to_base32(text("f")), "my");
  EXPECT_EQ(to_base32(text("fo")), "mzxq");
  EXPECT_EQ(to_base32(text("foo")), "mzxw6");
  EXPECT_EQ(to_base32(text("foob")), "mzxw6yq");
  EXPECT_EQ(to_base32(text("fooba")), "mzxw6ytb");
  EXPECT_EQ(to_base32(text("foobar")), "mzxw6ytboi");
  auto decoded = from_base32("MZXW6YTBOI======");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(std::string(decoded->begin(), decoded->end()), "foobar");
  EXPECT_FALSE(from_base32("m1").has_value());
}

} // namespace
} // namespace hasher::util
