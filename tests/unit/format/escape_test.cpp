#include <hasher/format/escape.hpp>

#include <gtest/gtest.h>

namespace hasher::format {
namespace {

TEST(EscapeCoreutils, EscapesNewlineBackslashAndCarriageReturn) {
  std::string out;
  EXPECT_FALSE(escape_coreutils("plain name", out));
  EXPECT_EQ(out, "plain name");
  out.clear();
  EXPECT_TRUE(escape_coreutils("a\nb\\c\rd", out));
  EXPECT_EQ(out, "a\\nb\\\\c\\rd");
  std::string back;
  EXPECT_TRUE(unescape_coreutils(out, back));
  EXPECT_EQ(back, "a\nb\\c\rd");
  back.clear();
  EXPECT_FALSE(unescape_coreutils("bad\\x", back));
}

TEST(JsonString, EscapesControlsAndKeepsUtf8) {
  EXPECT_EQ(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(json_string("\x01"), "\"\\u0001\"");
  EXPECT_EQ(json_string("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST(JsonString, InvalidUtf8BecomesSurrogateEscapes) {
  EXPECT_EQ(json_string("a\xff"
                        "b"),
            "\"a\\udcffb\"");
  EXPECT_EQ(json_string("\xc3"), "\"\\udcc3\""); // truncated sequence
  EXPECT_EQ(json_string("\xed\xa0\x80"),
            "\"\\udced\\udca0\\udc80\""); // surrogate
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(Rfc3339, FormatsUtcWithOptionalFraction) {
  EXPECT_EQ(rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339(1700000000LL * 1000000000LL), "2023-11-14T22:13:20Z");
  EXPECT_EQ(rfc3339(1500000000LL), "1970-01-01T00:00:01.5Z");
}

} // namespace
} // namespace hasher::format
