#pragma once

// Copies files on `jobs` threads while the caller walks, each thread with
// its own FileCopier (reading, writing and hashing files on one core, up to
// 16 side by side through the multi-buffer kernels when they share nothing),
// and hands the written copies back in the order they were submitted, on the
// caller's thread: the caller keeps the walk, the decisions before a copy
// and the commits (CopyBatch: one syncfs, then renames) to itself, so those
// run while the threads already copy the next files. A big file meeting
// idle threads spreads its hashing over lanes, as in hash. Memory and open
// files are bounded: at most `capacity` copies are in flight or waiting to
// be handed back.

#include <hasher/digest/lane_plan.hpp>
#include <hasher/pipeline/copy_file.hpp>
#include <hasher/util/bounded_queue.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace hasher::pipeline {

class CopyPool {
public:
  // Called on the caller's thread for each copy in submission order, with
  // what was asked (for naming a failure) and what came of it.
  using Done = std::function<void(const CopyRequest& request,
                                  util::Result<PendingCopy>& written)>;

  // Throws what the digest factories throw, before any thread starts.
  CopyPool(std::span<const digest::AlgorithmSpec> specs,
           const CopyCoding& coding, const std::atomic<bool>* stop,
           std::size_t jobs, std::uint64_t split_threshold, Done done);
  // Waits for the copies in flight and drops them (their temps are removed).
  ~CopyPool();
  CopyPool(const CopyPool&) = delete;
  CopyPool& operator=(const CopyPool&) = delete;

  // Queues a copy of `size` bytes; hands back finished copies first while
  // too many are pending.
  void submit(CopyRequest request, std::uint64_t size);
  // Counts the bytes the threads read into `bytes` (see
  // FileCopier::count_bytes); call before the first submit.
  void count_bytes(std::atomic<std::uint64_t>* bytes);
  // Hands back every copy submitted, waiting for those in flight.
  void finish();
  // Called on the caller's thread each time handing back has waited
  // k_waiting for the next copy (a long one): the caller commits what it
  // holds, so copies before a long one are named before it is done.
  void on_waiting(std::function<void()> waiting) {
    m_waiting = std::move(waiting);
  }
  static constexpr std::chrono::milliseconds k_waiting{200};

private:
  struct Job {
    std::uint64_t seq = 0;
    CopyRequest request;
    std::uint64_t size = 0;
  };
  void work(std::size_t index);
  // The same with up to 16 copies at once on the thread (MultiFileHasher),
  // when the copies share nothing (FileCopier::side_by_side).
  void work_side_by_side(std::size_t index);
  // Copies one file on its own (split over idle cores when big enough) and
  // publishes it: the one-at-a-time path, a big file alone, a retry.
  void write_one(FileCopier& copier, std::uint64_t seq, CopyRequest request,
                 std::uint64_t size);
  void publish(std::uint64_t seq, CopyRequest request,
               util::Result<PendingCopy> written);
  // Hands back the finished copies that are next in order; with `wait`,
  // waits until at least the next one is.
  void deliver(bool wait);

  std::vector<digest::AlgorithmSpec> m_specs;
  CopyCoding m_coding;
  const std::atomic<bool>* m_stop;
  std::size_t m_jobs;
  std::uint64_t m_split_threshold;
  Done m_done;
  std::function<void()> m_waiting;
  std::vector<digest::LanePlan> m_plans; // [k]: at most k+1 lanes
  std::vector<std::unique_ptr<FileCopier>> m_copiers;
  std::size_t m_window; // copies submitted, not yet handed back
  util::BoundedQueue<Job> m_queue;
  std::atomic<std::size_t> m_busy{0};

  std::mutex m_mutex;
  std::condition_variable m_finished_cv;
  struct Finished {
    CopyRequest request;
    util::Result<PendingCopy> written;
  };
  std::map<std::uint64_t, Finished> m_finished;
  std::uint64_t m_next_seq = 0;     // next to submit
  std::uint64_t m_next_deliver = 0; // next to hand back
  std::vector<std::jthread> m_threads;
};

} // namespace hasher::pipeline
