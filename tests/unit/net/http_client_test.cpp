#include <hasher/net/http_client.hpp>

#include <gtest/gtest.h>

namespace hasher::net {
namespace {

TEST(RetryAfterDelay, Seconds) {
  EXPECT_EQ(retry_after_delay("1"), std::chrono::seconds(1));
  EXPECT_EQ(retry_after_delay(" 120 "), std::chrono::seconds(120));
}

TEST(RetryAfterDelay, HttpDateInThePastIsNow) {
  // RFC 9110 section 5.6.7 IMF-fixdate.
  EXPECT_EQ(retry_after_delay("Sun, 06 Nov 1994 08:49:37 GMT"),
            std::chrono::seconds(0));
}

TEST(RetryAfterDelay, NeitherIsNothing) {
  EXPECT_EQ(retry_after_delay(""), std::nullopt);
  EXPECT_EQ(retry_after_delay("soon"), std::nullopt);
  EXPECT_EQ(retry_after_delay("-5"), std::nullopt);
}

} // namespace
} // namespace hasher::net
