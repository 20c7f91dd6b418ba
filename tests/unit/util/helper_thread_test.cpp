#include <hasher/util/helper_thread.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hasher::util {
namespace {

TEST(HelperThread, RunsPostedJobsInOrderOnItsOwnThread) {
  HelperThread helper("test:helper", 4);
  std::vector<int> order;
  std::vector<std::thread::id> ran_on;
  for (int i = 0; i < 100; ++i) {
    helper.post([&, i] {
      order.push_back(i);
      ran_on.push_back(std::this_thread::get_id());
    });
  }
  helper.wait();
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
  for (std::thread::id id : ran_on) EXPECT_NE(id, std::this_thread::get_id());
}

TEST(HelperThread, WaitReturnsOnlyOnceTheLastJobHasRun) {
  HelperThread helper("test:helper", 2);
  std::atomic<bool> done{false};
  helper.post([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = true;
  });
  helper.wait();
  EXPECT_TRUE(done);
}

TEST(HelperThread, AFullQueueHoldsThePoster) {
  HelperThread helper("test:helper", 1);
  std::atomic<bool> release{false};
  std::atomic<int> ran{0};
  helper.post([&] {
    while (!release) std::this_thread::yield();
    ++ran;
  });
  helper.post([&] { ++ran; }); // waits in the queue (depth 1)
  std::atomic<bool> third_posted{false};
  std::thread poster([&] {
    helper.post([&] { ++ran; });
    third_posted = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(third_posted);
  release = true;
  poster.join();
  helper.wait();
  EXPECT_EQ(ran, 3);
}

TEST(HelperThread, WaitRethrowsWhatAJobThrewAndTheRestStillRun) {
  HelperThread helper("test:helper", 4);
  int after = 0;
  helper.post([] { throw std::runtime_error("piece lost"); });
  helper.post([&] { ++after; });
  try {
    helper.wait();
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "piece lost");
  }
  EXPECT_EQ(after, 1);
  helper.post([&] { ++after; });
  EXPECT_NO_THROW(helper.wait()); // reported once
  EXPECT_EQ(after, 2);
}

TEST(HelperThread, TheDestructorRunsWhatIsPosted) {
  std::atomic<int> ran{0};
  {
    HelperThread helper("test:helper", 8);
    for (int i = 0; i < 8; ++i) helper.post([&] { ++ran; });
  }
  EXPECT_EQ(ran, 8);
}

} // namespace
} // namespace hasher::util
