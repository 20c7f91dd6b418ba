#include <hasher/util/core_confinement.hpp>

#include <gtest/gtest.h>

#include <sched.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace hasher::util {
namespace {

#if defined(__linux__)

int cores_of_this_thread() {
  cpu_set_t cores;
  if (sched_getaffinity(0, sizeof cores, &cores) != 0) return -1;
  return CPU_COUNT(&cores);
}

TEST(CoreConfinement, OneCoreForTheCallerAndItsThreadsUntilSpread) {
  const int before = cores_of_this_thread();
  if (before < 2) GTEST_SKIP() << "this process may use one core only";
  CoreConfinement core;
  ASSERT_TRUE(core.confined());
  EXPECT_EQ(cores_of_this_thread(), 1);
  int in_thread = 0;
  int after_spread = 0;
  bool spread = false;
  std::mutex mutex;
  std::condition_variable changed;
  // A thread started while confined inherits the core; spread() reaches
  // it too.
  std::thread started([&] {
    std::unique_lock lock(mutex);
    in_thread = cores_of_this_thread();
    changed.notify_all();
    changed.wait(lock, [&] { return spread; });
    after_spread = cores_of_this_thread();
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return in_thread != 0; });
    core.spread();
    spread = true;
  }
  changed.notify_all();
  started.join();
  EXPECT_EQ(in_thread, 1);
  EXPECT_EQ(after_spread, before);
  EXPECT_EQ(cores_of_this_thread(), before);
  EXPECT_FALSE(core.confined());
}

TEST(CoreConfinement, EndingConfinedGivesTheCoresBack) {
  const int before = cores_of_this_thread();
  if (before < 2) GTEST_SKIP() << "this process may use one core only";
  {
    CoreConfinement core;
    EXPECT_EQ(cores_of_this_thread(), 1);
  }
  EXPECT_EQ(cores_of_this_thread(), before);
}

#endif

} // namespace
} // namespace hasher::util
