#pragma once

// Retrying what failed for a passing reason (EAGAIN, EBUSY, out of file
// descriptors or memory for a moment) with exponential backoff: the delay
// starts at `first_delay` and doubles after each failed attempt. Per-file
// code stays a plain loop over Results; this decides only how often and how
// long to wait.

#include <hasher/util/result.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

namespace hasher::util {

struct RetryPolicy {
  int retries = 3; // attempts after the first; 0 = no retry
  std::chrono::milliseconds first_delay{100};
};

// The delay before retry number `retry` (0-based): first_delay * 2^retry,
// capped at 10 s so a large retry count cannot stall a run for hours.
inline std::chrono::milliseconds backoff_delay(const RetryPolicy& policy,
                                               int retry) {
  constexpr std::chrono::milliseconds k_cap{10000};
  std::chrono::milliseconds delay = policy.first_delay;
  for (int i = 0; i < retry && delay < k_cap; ++i) delay *= 2;
  return std::min(delay, k_cap);
}

// Calls `attempt` until it succeeds, fails with a kind other than
// ErrorKind::transient, or the policy's retries are spent; `sleep` waits
// between attempts (replaceable in tests). Returns the last result.
template <typename T>
Result<T> retry_transient(
    const RetryPolicy& policy, const std::function<Result<T>()>& attempt,
    const std::function<void(std::chrono::milliseconds)>& sleep =
        [](std::chrono::milliseconds delay) {
          std::this_thread::sleep_for(delay);
        }) {
  for (int retry = 0;; ++retry) {
    Result<T> result = attempt();
    if (result || result.error().kind != ErrorKind::transient ||
        retry >= policy.retries) {
      return result;
    }
    sleep(backoff_delay(policy, retry));
  }
}

} // namespace hasher::util
