#include <hasher/pipeline/hash_pipeline.hpp>

#include <hasher/digest/lane_plan.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/io/path.hpp>
#include <hasher/pipeline/file_hasher.hpp>
#include <hasher/util/bounded_queue.hpp>

#include <fcntl.h>

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace hasher::pipeline {
namespace {

struct FileTask {
  std::uint64_t seq;
  std::string path;
  walk::EntryKind kind;
  std::optional<io::FileInfo> info; // when the walker had to stat
};

// Tasks travel in batches (one queue operation and one hand-over to the
// reorderer per batch, not per file): 64 batches of up to 64 files.
constexpr std::size_t k_task_batch = 64;
constexpr std::size_t k_queue_batches = 64;
constexpr std::uint64_t k_reorder_window = 8192;
constexpr int k_change_retries = 2;
// ns/byte of copying a chunk from the page cache, charged to the reading lane.
constexpr double k_read_cost = 0.18;

// Hands results to the sink in walk order and keeps workers from running more
// than k_reorder_window files ahead of the oldest unfinished one.
class Reorderer {
public:
  explicit Reorderer(ResultSink& sink) : m_sink(sink) {}

  void wait_for_window(std::uint64_t seq, const std::atomic<bool>& abort) {
    std::unique_lock lock(m_mutex);
    m_window.wait(
        lock, [&] { return seq < m_next + k_reorder_window || abort.load(); });
  }

  // Hands over a worker's finished results (any order).
  void deliver(std::vector<FileResult>& results) {
    if (results.empty()) return;
    std::unique_lock lock(m_mutex);
    for (FileResult& result : results) {
      std::uint64_t seq = result.seq;
      m_pending.emplace(seq, std::move(result));
    }
    results.clear();
    // Whoever completes the oldest file flushes the run of finished ones.
    while (!m_pending.empty() && m_pending.begin()->first == m_next) {
      m_sink.on_result(m_pending.begin()->second);
      m_pending.erase(m_pending.begin());
      ++m_next;
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
  std::map<std::uint64_t, FileResult> m_pending;
  std::uint64_t m_next = 0;
};

using TaskBatch = std::vector<FileTask>;

class QueueingVisitor final : public walk::WalkVisitor {
public:
  QueueingVisitor(util::BoundedQueue<TaskBatch>& queue, ResultSink& sink,
                  const std::atomic<bool>& abort,
                  ui::ProgressCounters* progress)
      : m_queue(queue), m_sink(sink), m_abort(abort), m_progress(progress) {}

  bool on_file(walk::WalkEntry entry) override {
    if (m_abort.load()) return false;
    if (m_progress != nullptr) {
      // The progress line wants byte totals: stat here when the walk did not.
      struct stat st {};
      if (!entry.info && entry.kind == walk::EntryKind::file &&
          io::stat_path(entry.path, &st, io::FollowLinks::yes) == 0) {
        entry.info = io::FileInfo{static_cast<std::uint64_t>(st.st_size),
                                  static_cast<std::int64_t>(st.st_mtim.tv_sec) *
                                          1000000000 +
                                      st.st_mtim.tv_nsec,
                                  static_cast<std::uint64_t>(st.st_ino),
                                  static_cast<std::uint64_t>(st.st_dev)};
      }
      m_progress->files_total.fetch_add(1);
      if (entry.info) m_progress->bytes_total.fetch_add(entry.info->size);
    }
    m_batch.push_back({m_seq++, std::move(entry.path), entry.kind, entry.info});
    // A full batch goes; so does a partial one when the workers are idle.
    if (m_batch.size() >= k_task_batch || m_queue.empty()) return flush();
    return true;
  }

  // Queues what is gathered; false once the queue is closed.
  bool flush() {
    if (m_batch.empty()) return true;
    bool queued = m_queue.push(std::move(m_batch));
    m_batch = TaskBatch();
    m_batch.reserve(k_task_batch);
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
  }

private:
  util::BoundedQueue<TaskBatch>& m_queue;
  TaskBatch m_batch;
  ResultSink& m_sink;
  const std::atomic<bool>& m_abort;
  ui::ProgressCounters* m_progress;
  std::uint64_t m_seq = 0;
};

bool same_file_state(const io::FileInfo& before, const io::FileInfo& after) {
  return before.size == after.size && before.mtime_ns == after.mtime_ns;
}

} // namespace

HashPipeline::HashPipeline(PipelineOptions options, ResultSink& sink)
    : m_options(std::move(options)), m_sink(sink) {
  if (m_options.jobs == 0) m_options.jobs = 1;
}

void HashPipeline::run(std::span<const std::string> roots) {
  const std::size_t jobs = m_options.jobs;
  // One plan per possible lane count; plans[k] has at most k+1 lanes.
  std::vector<digest::LanePlan> plans;
  for (std::size_t lanes = 1; lanes <= jobs; ++lanes) {
    plans.push_back(digest::plan_lanes(m_options.specs, lanes, k_read_cost));
  }
  // The first worker's contexts and every catalog reader are created up
  // front, so a failure throws here, before any thread starts; the other
  // workers make their contexts when they get work (a single big file then
  // pays for one set only).
  std::vector<std::unique_ptr<FileHasher>> hashers(jobs);
  hashers[0] = std::make_unique<FileHasher>(m_options.specs, m_options.stop);
  std::vector<std::unique_ptr<SkipCheck>> skip_checks;
  for (std::size_t i = 0; i < jobs; ++i) {
    skip_checks.push_back(
        m_options.make_skip_check ? m_options.make_skip_check() : nullptr);
  }

  util::BoundedQueue<TaskBatch> queue(k_queue_batches);
  Reorderer reorderer(m_sink);
  std::atomic<bool> abort{false};
  std::atomic<std::size_t> busy{0};

  auto stop_requested = [&] {
    return abort.load() ||
           (m_options.stop != nullptr && m_options.stop->load());
  };

  auto hash_task = [&](FileHasher& hasher, SkipCheck* skip_check,
                       FileTask& task) {
    FileResult result;
    result.seq = task.seq;
    result.path = std::move(task.path); // the task is done with it
    result.kind = task.kind;
    if (task.kind == walk::EntryKind::file) {
      if (!m_options.cwd.empty()) {
        result.absolute_path = io::absolute_path(result.path, m_options.cwd);
      }
      if (task.info) result.info = *task.info;
      if (skip_check != nullptr) {
        result.skipped =
            skip_check->decide(result.path, result.absolute_path, task.info);
        if (result.skipped != SkipReason::none) return result;
      }
    }
    for (int attempt = 0;; ++attempt) {
      util::Result<io::InputFile> opened =
          task.kind == walk::EntryKind::standard_input
              ? util::Result<io::InputFile>(io::InputFile::standard_input())
              : io::InputFile::open(result.path, AT_FDCWD);
      if (!opened) {
        result.error = opened.error();
        return result;
      }
      io::InputFile& file = *opened;
      result.info = file.info();
      // Split a big file over idle cores; otherwise hash it here.
      std::size_t idle = jobs - std::min(jobs, busy.load());
      std::size_t lanes = 1;
      if (task.kind == walk::EntryKind::standard_input ||
          file.info().size >= m_options.split_threshold) {
        lanes = std::min(jobs, 1 + idle);
      }
      util::Result<HashOutcome> outcome = hasher.hash(file, &plans[lanes - 1]);
      if (!outcome) {
        result.error = outcome.error();
        return result;
      }
      result.bytes = outcome->bytes;
      if (task.kind == walk::EntryKind::standard_input) {
        result.digests = std::move(outcome->digests);
        return result;
      }
      util::Result<io::FileInfo> after = file.restat();
      bool unchanged = after && same_file_state(file.info(), *after) &&
                       outcome->bytes == file.info().size;
      if (unchanged) {
        result.digests = std::move(outcome->digests);
        return result;
      }
      if (attempt == k_change_retries || stop_requested()) {
        result.error = util::Error{util::ErrorKind::changed, result.path,
                                   "file changed while being read"};
        return result;
      }
    }
  };

  // A catalog failure in a worker stops the run and is rethrown at the end.
  std::mutex error_mutex;
  std::exception_ptr worker_error;

  auto stop_all = [&] {
    abort.store(true);
    queue.close();
    reorderer.wake_all();
  };

  auto worker = [&](std::size_t index) {
    std::unique_ptr<FileHasher>& hasher = hashers[index];
    SkipCheck* skip_check = skip_checks[index].get();
    std::vector<FileResult> done;
    while (std::optional<TaskBatch> batch = queue.pop()) {
      for (FileTask& task : *batch) {
        if (stop_requested()) break; // drain without work
        reorderer.wait_for_window(task.seq, abort);
        busy.fetch_add(1);
        try {
          if (!hasher) {
            hasher =
                std::make_unique<FileHasher>(m_options.specs, m_options.stop);
          }
          done.push_back(hash_task(*hasher, skip_check, task));
        } catch (...) {
          busy.fetch_sub(1);
          std::lock_guard lock(error_mutex);
          if (!worker_error) worker_error = std::current_exception();
          stop_all();
          break;
        }
        busy.fetch_sub(1);
        const FileResult& result = done.back();
        bool failed = result.error.has_value();
        // Results of a big file go out at once, so output and progress do
        // not wait for the rest of its batch.
        if (failed || result.bytes >= m_options.split_threshold) {
          reorderer.deliver(done);
        }
        if (failed && m_options.fail_fast == FailFast::yes) stop_all();
      }
      reorderer.deliver(done);
    }
  };

  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < jobs; ++i) workers.emplace_back(worker, i);
    QueueingVisitor visitor(queue, m_sink, abort, m_options.progress);
    for (const std::string& root : roots) {
      if (stop_requested() || !walk::walk_root(root, m_options.walk, visitor))
        break;
    }
    visitor.flush();
    queue.close();
    if (m_options.progress != nullptr) m_options.progress->walk_done = true;
  }
  if (worker_error) std::rethrow_exception(worker_error);
}

} // namespace hasher::pipeline
