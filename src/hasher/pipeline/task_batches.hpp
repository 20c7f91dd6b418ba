#pragma once

// What the walker hands a hash pipeline's workers: files in batches (one
// queue operation and one hand-over to the reorderer per batch, not per
// file), recycled through a pool, filled by a WalkVisitor (hash_pipeline.cpp).

#include <hasher/codec/codec.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>
#include <hasher/util/bounded_queue.hpp>
#include <hasher/walk/tree_walker.hpp>

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hasher::pipeline {

struct FileTask {
  std::uint64_t seq;
  std::string path;
  walk::EntryKind kind;
  std::optional<io::FileInfo> info; // when the walker had to stat
  codec::Codec decode = codec::Codec::none;
};

// 64 batches of up to 64 files.
constexpr std::size_t k_task_batch = 64;
constexpr std::size_t k_queue_batches = 64;

using TaskBatch = std::vector<FileTask>;

// Emptied batches on their way back from the workers to the walker, which
// fills them again: a new one per batch (kilobytes) makes malloc merge the
// small chunks freed meanwhile, and every path after that costs a slow
// allocation. Thread-safe.
class BatchPool {
public:
  // An empty batch with room for k_task_batch tasks.
  TaskBatch take() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_free.empty()) {
        TaskBatch batch = std::move(m_free.back());
        m_free.pop_back();
        return batch;
      }
    }
    TaskBatch batch;
    batch.reserve(k_task_batch);
    return batch;
  }

  // Takes back a batch whose tasks are done with.
  void give(TaskBatch batch) {
    batch.clear();
    std::lock_guard lock(m_mutex);
    if (m_free.size() < k_queue_batches) m_free.push_back(std::move(batch));
  }

private:
  std::mutex m_mutex;
  std::vector<TaskBatch> m_free;
};

class QueueingVisitor final : public walk::WalkVisitor {
public:
  // `stop_all` ends the run at the first walk error under FailFast::yes.
  QueueingVisitor(util::BoundedQueue<TaskBatch>& queue, BatchPool& pool,
                  ResultSink& sink, std::function<bool()> stopping,
                  ui::ProgressCounters* progress, FailFast fail_fast,
                  bool decompress, std::function<void()> stop_all)
      : m_queue(queue), m_pool(pool), m_batch(pool.take()), m_sink(sink),
        m_stopping(std::move(stopping)), m_progress(progress),
        m_fail_fast(fail_fast), m_decompress(decompress),
        m_stop_all(std::move(stop_all)) {}

  bool on_file(walk::WalkEntry entry) override {
    if (m_stopping()) return false;
    if (m_progress != nullptr) {
      m_progress->files_total.fetch_add(1);
      if (entry.info) m_progress->bytes_total.fetch_add(entry.info->size);
    }
    codec::Codec decode = entry.decode;
    if (m_decompress && decode == codec::Codec::none &&
        entry.kind == walk::EntryKind::file) {
      decode = codec::codec_of_path(entry.path);
    }
    m_batch.push_back(
        {m_seq++, std::move(entry.path), entry.kind, entry.info, decode});
    // A full batch goes; so does a partial one when the workers are idle.
    if (m_batch.size() >= k_task_batch || m_queue.empty()) return flush();
    return true;
  }

  // Queues what is gathered; false once the queue is closed.
  bool flush() {
    if (m_batch.empty()) return true;
    bool queued = m_queue.push(std::move(m_batch));
    m_batch = m_pool.take();
    return queued;
  }
  void on_skip(const std::string& path, const std::string& reason) override {
    m_sink.on_skip(path, reason);
  }
  void on_warning(const std::string& path, const std::string& reason) override {
    m_sink.on_walk_warning(path, reason);
  }
  void on_error(const util::Error& error) override {
    m_sink.on_walk_error(error);
    if (m_fail_fast == FailFast::yes) m_stop_all();
  }

private:
  util::BoundedQueue<TaskBatch>& m_queue;
  BatchPool& m_pool;
  TaskBatch m_batch;
  ResultSink& m_sink;
  std::function<bool()> m_stopping;
  ui::ProgressCounters* m_progress;
  FailFast m_fail_fast;
  bool m_decompress;
  std::function<void()> m_stop_all;
  std::uint64_t m_seq = 0;
};

} // namespace hasher::pipeline
