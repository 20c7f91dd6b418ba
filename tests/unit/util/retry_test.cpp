#include <hasher/util/retry.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace hasher::util {
namespace {

using std::chrono::milliseconds;

Error error_of(ErrorKind kind) { return Error{kind, "f", "reason"}; }

TEST(Retry, TransientFailuresAreRetriedWithDoublingDelays) {
  int calls = 0;
  std::vector<milliseconds> slept;
  Result<int> result = retry_transient<int>(
      {3, milliseconds(100)},
      [&]() -> Result<int> {
        if (++calls < 3) return error_of(ErrorKind::transient);
        return 42;
      },
      [&](milliseconds delay) { slept.push_back(delay); });
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(slept,
            (std::vector<milliseconds>{milliseconds(100), milliseconds(200)}));
}

TEST(Retry, GivesUpAfterTheRetriesAndReturnsTheLastError) {
  int calls = 0;
  std::vector<milliseconds> slept;
  Result<int> result = retry_transient<int>(
      {2, milliseconds(5)},
      [&]() -> Result<int> {
        ++calls;
        return error_of(ErrorKind::transient);
      },
      [&](milliseconds delay) { slept.push_back(delay); });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::transient);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(slept.size(), 2u);
}

TEST(Retry, PermanentFailuresAreNotRetried) {
  int calls = 0;
  Result<int> result = retry_transient<int>(
      {5, milliseconds(1)},
      [&]() -> Result<int> {
        ++calls;
        return error_of(ErrorKind::permission);
      },
      [](milliseconds) { FAIL() << "slept for a permanent error"; });
  EXPECT_FALSE(result);
  EXPECT_EQ(calls, 1);
}

TEST(Retry, DelaysAreCapped) {
  RetryPolicy policy{100, milliseconds(100)};
  EXPECT_EQ(backoff_delay(policy, 0), milliseconds(100));
  EXPECT_EQ(backoff_delay(policy, 3), milliseconds(800));
  EXPECT_EQ(backoff_delay(policy, 60), milliseconds(10000));
}

} // namespace
} // namespace hasher::util
