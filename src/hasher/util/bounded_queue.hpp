#pragma once

// A multi-producer multi-consumer FIFO with a capacity: push() blocks while it
// is full (backpressure), pop() blocks while it is empty, close() wakes
// everybody and makes pop() return nullopt once drained. A producer that
// blocked is woken when the queue is down to half, not at every pop: a
// producer faster than its consumers otherwise sleeps and wakes once per
// item, and on a virtual machine a wake-up can cost a millisecond.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace hasher::util {

template <typename T> class BoundedQueue {
public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

  // Blocks while full; returns false (dropping the item) once closed.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    if (!m_closed && m_items.size() >= m_capacity) {
      m_has_been_full.store(true, std::memory_order_relaxed);
      ++m_blocked_producers;
      m_not_full.wait(lock,
                      [&] { return m_closed || m_items.size() < m_capacity; });
      --m_blocked_producers;
    }
    if (m_closed) return false;
    m_items.push_back(std::move(item));
    m_not_empty.notify_one();
    return true;
  }

  // Blocks while empty and open; nullopt when closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [&] { return m_closed || !m_items.empty(); });
    if (m_items.empty()) return std::nullopt;
    return take_front();
  }

  // The first item if there is one, without waiting.
  std::optional<T> try_pop() {
    std::lock_guard lock(m_mutex);
    if (m_items.empty()) return std::nullopt;
    return take_front();
  }

  // True once closed and drained: pop() would return nullopt at once.
  bool finished() {
    std::lock_guard lock(m_mutex);
    return m_closed && m_items.empty();
  }

  // True when nothing is queued (a hint: it may change at once).
  bool empty() {
    std::lock_guard lock(m_mutex);
    return m_items.empty();
  }

  // Whether a push() has ever had to wait for room: the consumers fell
  // behind at least once. Any thread, without the lock.
  [[nodiscard]] bool has_been_full() const {
    return m_has_been_full.load(std::memory_order_relaxed);
  }

  // No more pushes; consumers drain what is left.
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

private:
  // With the lock held and an item queued.
  T take_front() {
    T item = std::move(m_items.front());
    m_items.pop_front();
    if (m_blocked_producers > 0 && m_items.size() <= m_capacity / 2) {
      m_not_full.notify_all();
    }
    return item;
  }

  std::size_t m_capacity;
  std::size_t m_blocked_producers = 0;
  std::atomic<bool> m_has_been_full{false};
  std::mutex m_mutex;
  std::condition_variable m_not_full;
  std::condition_variable m_not_empty;
  std::deque<T> m_items;
  bool m_closed = false;
};

} // namespace hasher::util
