#include <hasher/net/url.hpp>

#include <gtest/gtest.h>

namespace hasher::net {
namespace {

TEST(ParseUrl, SplitsTheParts) {
  util::Result<Url> url =
      parse_url(" HTTP://Example.COM:8080/a/b%20c?x=1#frag ");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->path, "/a/b%20c");
  EXPECT_EQ(url->query, "x=1");
}

TEST(ParseUrl, EmptyPathIsRoot) {
  util::Result<Url> url = parse_url("https://h");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->path, "/");
  EXPECT_FALSE(url->port);
}

TEST(ParseUrl, Ipv6Host) {
  util::Result<Url> url = parse_url("http://[::1]:81/x");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 81);
}

TEST(ParseUrl, RejectsWhatCannotBeFetched) {
  for (const char* text :
       {"ftp://h/x", "file:///etc/passwd", "h/x", "http:///x", "http://u@h/",
        "http://h:0/", "http://h:99999/", "http://h:8x/", "http://[::1/"}) {
    util::Result<Url> url = parse_url(text);
    ASSERT_FALSE(url) << text;
    EXPECT_EQ(url.error().kind, util::ErrorKind::invalid);
    EXPECT_EQ(url.error().subject, text);
  }
}

TEST(PercentDecode, DecodesAndKeepsMalformed) {
  EXPECT_EQ(percent_decode("a%20b%2F%2e%2E"), "a b/..");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
}

} // namespace
} // namespace hasher::net
