#include <hasher/net/worker_lanes.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hasher::net {
namespace {

TEST(WorkerLanes, OneLaneRunsItsJobsInOrder) {
  std::vector<int> seen[3];
  {
    // A queue of one blocks the poster: order must hold under backpressure.
    WorkerLanes lanes(3, 1);
    for (int i = 0; i < 300; ++i) {
      std::size_t lane = static_cast<std::size_t>(i % 3);
      lanes.post(lane, [&seen, lane, i] { seen[lane].push_back(i); });
    }
  }
  for (std::size_t lane = 0; lane < 3; ++lane) {
    ASSERT_EQ(seen[lane].size(), 100u);
    for (std::size_t k = 0; k < 100; ++k) {
      EXPECT_EQ(seen[lane][k], static_cast<int>(3 * k + lane));
    }
  }
}

// A big download's helper lane: the poster goes on while its jobs run,
// and drains the lane before it reads what they computed.
TEST(WorkerLanes, DrainReturnsOnceEveryJobPostedBeforeHasRun) {
  WorkerLanes lanes(2, 4, "test:helper");
  std::atomic<int> ran{0};
  std::thread::id poster = std::this_thread::get_id();
  std::atomic<bool> elsewhere{true};
  for (int i = 0; i < 50; ++i) {
    lanes.post(1, [&] {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      if (std::this_thread::get_id() == poster) elsewhere = false;
      ++ran;
    });
  }
  lanes.drain(1);
  EXPECT_EQ(ran, 50);
  EXPECT_TRUE(elsewhere);
  lanes.drain(0); // nothing posted there: at once
  EXPECT_EQ(ran, 50);
}

TEST(WorkerLanes, BackedUpOnlyOnceAPostFindsItsLaneFull) {
  WorkerLanes lanes(1, 2);
  std::mutex gate;
  std::unique_lock hold(gate);
  std::atomic<bool> started{false};
  // The first job holds the lane; two more fill its queue of two.
  lanes.post(0, [&] {
    started = true;
    std::lock_guard wait(gate);
  });
  while (!started) std::this_thread::yield();
  lanes.post(0, [] {});
  lanes.post(0, [] {});
  EXPECT_FALSE(lanes.backed_up());
  std::thread poster([&] { lanes.post(0, [] {}); }); // finds it full
  while (!lanes.backed_up()) std::this_thread::yield();
  hold.unlock();
  poster.join();
  lanes.finish();
  EXPECT_TRUE(lanes.backed_up());
}

TEST(WorkerLanes, FinishRunsWhatIsQueuedAndLanesWrap) {
  std::atomic<int> ran{0};
  WorkerLanes lanes(2, 64);
  EXPECT_EQ(lanes.size(), 2u);
  for (int i = 0; i < 50; ++i) lanes.post(7 + i, [&ran] { ++ran; });
  lanes.finish();
  EXPECT_EQ(ran.load(), 50);
  lanes.finish();
}

TEST(WorkerLanes, AThrowingJobDoesNotStopTheLane) {
  std::atomic<int> ran{0};
  {
    WorkerLanes lanes(1, 4);
    lanes.post(0, [] { throw std::runtime_error("job failed"); });
    lanes.post(0, [&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 1);
}

TEST(WorkerLanes, ZeroLanesMeansOne) {
  WorkerLanes lanes(0, 0);
  EXPECT_EQ(lanes.size(), 1u);
  bool ran = false;
  lanes.post(3, [&ran] { ran = true; });
  lanes.finish();
  EXPECT_TRUE(ran);
}

} // namespace
} // namespace hasher::net
