#include <hasher/util/bounded_queue.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace hasher::util {
namespace {

using namespace std::chrono_literals;

TEST(BoundedQueue, ItemsComeOutInOrderAndCloseDrains) {
  BoundedQueue<int> queue(4);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(queue.push(i));
  queue.close();
  EXPECT_FALSE(queue.push(9)) << "a closed queue takes nothing";
  EXPECT_FALSE(queue.finished());
  EXPECT_EQ(queue.pop(), 0);
  EXPECT_EQ(queue.try_pop(), 1);
  EXPECT_EQ(queue.pop(), 2);
  EXPECT_EQ(queue.pop(), std::nullopt);
  EXPECT_TRUE(queue.finished());
}

// A producer blocked on a full queue wakes once it is down to half, not at
// the first pop (one wake-up per item otherwise), and then fills it again.
TEST(BoundedQueue, BlockedProducerWakesAtHalf) {
  BoundedQueue<int> queue(8);
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(queue.push(i));
  EXPECT_FALSE(queue.has_been_full()) << "filled without waiting";
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 8; i < 12; ++i) {
      queue.push(i);
      ++pushed;
    }
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(pushed.load(), 0) << "pushed into a full queue";
  EXPECT_TRUE(queue.has_been_full());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(queue.pop(), i); // 5 left
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(pushed.load(), 0) << "woken before the queue was down to half";
  EXPECT_EQ(queue.try_pop(), 3); // 4 left: half
  for (int i = 0; i < 400 && pushed.load() < 4; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(pushed.load(), 4) << "not woken at half";
  producer.join();
  for (int i = 4; i < 12; ++i) EXPECT_EQ(queue.pop(), i);
}

// Many producers and consumers: every item comes out exactly once.
TEST(BoundedQueue, ManyProducersAndConsumersLoseNothing) {
  BoundedQueue<int> queue(5);
  constexpr int k_each = 2000;
  std::vector<std::thread> producers;
  for (int p = 0; p < 3; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < k_each; ++i) queue.push(p * k_each + i);
    });
  }
  std::vector<std::atomic<int>> seen(3 * k_each);
  std::vector<std::thread> consumers;
  for (int c = 0; c < 2; ++c) {
    consumers.emplace_back([&] {
      while (std::optional<int> item = queue.pop()) ++seen[*item];
    });
  }
  for (std::thread& producer : producers) producer.join();
  queue.close();
  for (std::thread& consumer : consumers) consumer.join();
  for (int i = 0; i < 3 * k_each; ++i) ASSERT_EQ(seen[i].load(), 1) << i;
}

} // namespace
} // namespace hasher::util
