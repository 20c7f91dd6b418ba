#pragma once

// Hands the results of a hash pipeline to its sink in walk order, whatever
// order the workers finish them in, and bounds how far ahead of the oldest
// unfinished file a worker may run (hash_pipeline.cpp).

#include <hasher/pipeline/hash_pipeline.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace hasher::pipeline {

constexpr std::uint64_t k_reorder_window = 8192;
constexpr std::chrono::milliseconds k_stop_poll{50};

// Hands results to the sink in walk order and keeps workers from running more
// than k_reorder_window files ahead of the oldest unfinished one. Finished
// results wait in a ring of k_reorder_window slots indexed by walk position.
class Reorderer {
public:
  explicit Reorderer(ResultSink& sink)
      : m_sink(sink), m_slots(k_reorder_window) {}

  // Whether `seq` may be started now without waiting.
  [[nodiscard]] bool in_window(std::uint64_t seq) const {
    return seq < m_next.load(std::memory_order_acquire) + k_reorder_window;
  }

  // Waits until `seq` is inside the window, the run aborts, or `stop` (a
  // signal handler's flag, which cannot notify) is seen set: it is looked
  // at every k_stop_poll.
  void wait_for_window(std::uint64_t seq, const std::atomic<bool>& abort,
                       const std::atomic<bool>* stop) {
    // Almost always inside the window: no lock then.
    if (seq < m_next.load(std::memory_order_acquire) + k_reorder_window) {
      return;
    }
    std::unique_lock lock(m_mutex);
    while (!m_window.wait_for(lock, k_stop_poll, [&] {
      return seq < m_next + k_reorder_window || abort.load();
    })) {
      if (stop != nullptr && stop->load()) return;
    }
  }

  // Hands over a worker's finished results (any order, each inside the
  // window), moving them out of `results`.
  void deliver(std::span<FileResult> results) {
    if (results.empty()) return;
    std::unique_lock lock(m_mutex);
    std::uint64_t next = m_next.load(std::memory_order_relaxed);
    // Results next in walk order (a batch's own are consecutive) go to the
    // sink from where they are, without a stop in a slot.
    std::size_t at = 0;
    for (; at < results.size() && results[at].seq == next; ++at) {
      m_sink.on_result(results[at]);
      m_next.store(++next, std::memory_order_release);
    }
    for (FileResult& result : results.subspan(at)) {
      // Only a stopping run lets a worker past the window; its late results
      // are dropped rather than overwrite a waiting one.
      if (result.seq >= next + k_reorder_window) continue;
      m_slots[result.seq % k_reorder_window] = std::move(result);
    }
    // Whoever completes the oldest file flushes the run of finished ones.
    for (;;) {
      std::optional<FileResult>& slot = m_slots[next % k_reorder_window];
      if (!slot || slot->seq != next) break;
      m_sink.on_result(*slot);
      slot.reset();
      m_next.store(++next, std::memory_order_release);
    }
    m_window.notify_all();
  }

  void wake_all() {
    std::lock_guard lock(m_mutex);
    m_window.notify_all();
  }

private:
  ResultSink& m_sink;
  std::mutex m_mutex;
  std::condition_variable m_window;
  std::vector<std::optional<FileResult>> m_slots;
  std::atomic<std::uint64_t> m_next{0}; // written under m_mutex
};

} // namespace hasher::pipeline
