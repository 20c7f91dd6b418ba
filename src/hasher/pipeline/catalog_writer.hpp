#pragma once

// The one writer thread of the catalog. Rows arrive from the result sink (in
// walk order) and are committed in batched transactions: every `batch_size`
// files and at least every `checkpoint_interval`, so an interruption of any
// kind loses at most one batch. Rows are handed over a batch at a time (one
// wake-up of the writer per batch, not per file). Backpressure: add() blocks
// while four batches wait, so a slow catalog slows the hashing instead of
// growing memory.

#include <hasher/catalog/catalog.hpp>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace hasher::pipeline {

// When the writer commits: every `batch_size` files and at least every
// `interval`.
struct CommitPolicy {
  std::size_t batch_size = 1000;
  std::chrono::milliseconds interval{5000};
};

class CatalogWriter {
public:
  // Starts the writer thread for run `run_id` of `catalog`, which must
  // outlive this object.
  CatalogWriter(catalog::Catalog& catalog, std::int64_t run_id,
                CommitPolicy policy);
  ~CatalogWriter();
  CatalogWriter(const CatalogWriter&) = delete;
  CatalogWriter& operator=(const CatalogWriter&) = delete;

  // Queues a hashed file / a failure. Thread-safe. After a write error these
  // do nothing (finish() reports it).
  void add(catalog::FileRow row);
  void add(catalog::FailureRow failure);
  // Queues a verify result; `bytes` (what was read) goes into the totals.
  void add(catalog::VerifyRow row, std::uint64_t bytes);

  // Commits what is queued, stops the thread and rethrows the first write
  // error (util::FatalError). Idempotent.
  void finish();

private:
  void run();
  std::size_t queued() const {
    return m_files.size() + m_failures.size() + m_verified.size();
  }
  // Waits for room; returns false when the writer has failed.
  bool wait_for_room(std::unique_lock<std::mutex>& lock);

  catalog::Catalog& m_catalog;
  std::int64_t m_run_id;
  std::size_t m_batch_size;
  std::chrono::milliseconds m_interval;

  mutable std::mutex m_mutex;
  std::condition_variable m_work; // the writer: a batch is ready, or closing
  std::condition_variable m_room; // producers: the writer took a batch
  std::vector<catalog::FileRow> m_files;
  std::vector<catalog::FailureRow> m_failures;
  std::vector<catalog::VerifyRow> m_verified;
  std::uint64_t m_verified_bytes = 0;
  bool m_closing = false;
  std::exception_ptr m_error;
  std::thread m_thread;
  bool m_finished = false;
};

} // namespace hasher::pipeline
