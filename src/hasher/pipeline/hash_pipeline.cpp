#include <hasher/pipeline/hash_pipeline.hpp>

#include <hasher/codec/decoder.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/io/path.hpp>
#include <hasher/pipeline/batch_keys.hpp>
#include <hasher/pipeline/file_hasher.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>
#include <hasher/pipeline/reorderer.hpp>
#include <hasher/pipeline/task_batches.hpp>
#include <hasher/util/bounded_queue.hpp>
#include <hasher/util/retry.hpp>

#include <fcntl.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace hasher::pipeline {
namespace {

constexpr int k_change_retries = 2;

bool same_file_state(const io::FileInfo& before, const io::FileInfo& after) {
  return before.size == after.size && before.mtime_ns == after.mtime_ns;
}

} // namespace

HashPipeline::HashPipeline(PipelineOptions options, ResultSink& sink)
    : m_options(std::move(options)), m_sink(sink) {
  if (m_options.jobs == 0) m_options.jobs = 1;
}

void HashPipeline::run_source(const FileSource& source) {
  const std::size_t jobs = m_options.jobs;
  // One plan per possible lane count; plans[k] has at most k+1 lanes.
  std::vector<digest::LanePlan> plans;
  for (std::size_t lanes = 1; lanes <= jobs; ++lanes) {
    plans.push_back(digest::plan_lanes(m_options.specs, lanes,
                                       digest::k_page_cache_read_cost));
  }
  // The first worker's contexts and every catalog reader are created up
  // front, so a failure throws here, before any thread starts; the other
  // workers make their contexts when they get work (a single big file then
  // pays for one set only).
  const bool side_by_side =
      m_options.side_by_side && MultiFileHasher::worthwhile(m_options.specs);
  std::vector<std::unique_ptr<FileHasher>> hashers(jobs);
  hashers[0] = std::make_unique<FileHasher>(m_options.specs, m_options.stop);
  std::vector<std::unique_ptr<SkipCheck>> skip_checks;
  for (std::size_t i = 0; i < jobs; ++i) {
    skip_checks.push_back(
        m_options.make_skip_check ? m_options.make_skip_check() : nullptr);
  }

  BatchPool pool;
  util::BoundedQueue<TaskBatch> queue(k_queue_batches);
  Reorderer reorderer(m_sink);
  std::atomic<bool> abort{false};
  std::atomic<std::size_t> busy{0};

  auto stop_requested = [&] {
    return abort.load() ||
           (m_options.stop != nullptr && m_options.stop->load());
  };

  // A worker's buffers for prepare, kept from batch to batch: allocating
  // them anew (kilobytes) makes malloc merge the small chunks freed
  // meanwhile, and every path after that costs a slow allocation.
  struct Scratch {
    explicit Scratch(io::AbsolutePaths& keys) : batch_keys(keys) {}
    std::vector<FileResult> results;
    std::vector<SkipQuery> queries;
    std::vector<std::size_t> queried;
    BatchKeys batch_keys;
  };

  // A batch's results before any file is read, into scratch.results: catalog
  // keys, and what the skip check decided for all of them in one catalog
  // lookup; a skipped file gets no key.
  auto prepare = [&](TaskBatch& batch, SkipCheck* skip_check,
                     io::AbsolutePaths& keys, Scratch& scratch) {
    std::vector<FileResult>& results = scratch.results;
    std::vector<std::size_t>& queried = scratch.queried;
    results.clear();
    results.resize(batch.size());
    queried.clear();
    scratch.batch_keys.clear();
    const bool make_keys = !m_options.cwd.empty();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      FileTask& task = batch[i];
      FileResult& result = results[i];
      result.seq = task.seq;
      result.path = std::move(task.path); // the task is done with it
      result.kind = task.kind;
      result.decoded = task.decode;
      if (task.kind != walk::EntryKind::file) continue;
      if (task.info) result.info = *task.info;
      if (skip_check != nullptr) {
        if (make_keys) scratch.batch_keys.add(result.path);
        queried.push_back(i);
      } else if (make_keys) {
        result.absolute_path = keys.make(result.path);
      }
    }
    if (queried.empty()) return;
    std::vector<SkipQuery>& queries = scratch.queries;
    queries.clear();
    for (std::size_t q = 0; q < queried.size(); ++q) {
      const FileResult& result = results[queried[q]];
      const FileTask& task = batch[queried[q]];
      queries.push_back(
          {&result.path,
           make_keys ? scratch.batch_keys.key(q) : std::string_view(),
           task.info ? &*task.info : nullptr});
    }
    std::vector<SkipReason> reasons = skip_check->decide(queries);
    for (std::size_t q = 0; q < queried.size(); ++q) {
      FileResult& result = results[queried[q]];
      result.skipped = reasons[q];
      if (result.skipped == SkipReason::none) {
        result.absolute_path.assign(queries[q].absolute);
      }
    }
  };

  // Opens the file of `result` (standard input as it is), retrying
  // transient errors.
  auto open_input = [&](const FileResult& result) {
    return result.kind == walk::EntryKind::standard_input
               ? util::Result<io::InputFile>(io::InputFile::standard_input())
               : util::retry_transient<io::InputFile>(m_options.retry, [&] {
                   return io::InputFile::open(result.path, AT_FDCWD);
                 });
  };

  // Takes what hashing `file` (decoded when `decoded`) gave into `result`;
  // true when the file changed while it was read and is worth another try.
  auto settle = [&](FileResult& result, io::InputFile& file, bool decoded,
                    util::Result<HashOutcome>& outcome, int attempt) {
    if (!outcome) {
      result.error = outcome.error();
      return false;
    }
    result.bytes = outcome->bytes;
    if (result.kind == walk::EntryKind::standard_input) {
      result.digests = std::move(outcome->digests);
      return false;
    }
    util::Result<io::FileInfo> after = file.restat();
    bool unchanged = after && same_file_state(file.info(), *after) &&
                     (decoded || outcome->bytes == file.info().size);
    if (unchanged) {
      result.digests = std::move(outcome->digests);
      if (decoded) result.info.size = outcome->bytes;
      return false;
    }
    if (attempt == k_change_retries || stop_requested()) {
      result.error = util::Error{util::ErrorKind::changed, result.path,
                                 "file changed while being read"};
      return false;
    }
    return true;
  };

  // Reads and hashes one file, retrying while it changes under us.
  auto hash_file = [&](FileHasher& hasher,
                       std::unique_ptr<codec::Decoder>& decoder,
                       FileResult& result) {
    for (int attempt = 0;; ++attempt) {
      util::Result<io::InputFile> opened = open_input(result);
      if (!opened) {
        result.error = opened.error();
        return;
      }
      io::InputFile& file = *opened;
      result.info = file.info();
      // Split a big file over idle cores; otherwise hash it here.
      std::size_t idle = jobs - std::min(jobs, busy.load());
      std::size_t lanes = 1;
      if (result.kind == walk::EntryKind::standard_input ||
          file.info().size >= m_options.split_threshold) {
        lanes = std::min(jobs, 1 + idle);
      }
      std::optional<codec::DecodingReader> decoded;
      if (result.decoded != codec::Codec::none) {
        if (!decoder) decoder = std::make_unique<codec::Decoder>();
        decoded.emplace(file, result.decoded, *decoder);
      }
      util::Result<HashOutcome> outcome =
          decoded ? hasher.hash(*decoded, &plans[lanes - 1])
                  : hasher.hash(file, &plans[lanes - 1]);
      if (!settle(result, file, decoded.has_value(), outcome, attempt)) {
        return;
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

  // Called from a catch block: keeps the first exception and stops.
  auto fail_run = [&] {
    std::lock_guard lock(error_mutex);
    if (!worker_error) worker_error = std::current_exception();
    stop_all();
  };

  auto worker = [&](std::size_t index) {
    std::unique_ptr<FileHasher>& hasher = hashers[index];
    std::unique_ptr<codec::Decoder> decoder; // made for the first .gz/.zst
    SkipCheck* skip_check = skip_checks[index].get();
    io::AbsolutePaths keys(m_options.cwd);
    Scratch scratch(keys);
    std::vector<FileResult>& results = scratch.results;
    while (std::optional<TaskBatch> batch = queue.pop()) {
      try {
        prepare(*batch, skip_check, keys, scratch);
      } catch (...) {
        fail_run();
        break;
      }
      pool.give(std::move(*batch)); // its tasks are in the results now
      // Results go to the reorderer from the batch itself, in runs: up to a
      // failed or big file at once, the rest when the batch is done.
      std::span<FileResult> all(results);
      std::size_t first = 0; // the first result not yet delivered
      std::size_t at = 0;    // the first result not finished
      for (; at < all.size(); ++at) {
        FileResult& result = all[at];
        if (stop_requested()) break; // drain without work
        reorderer.wait_for_window(result.seq, abort, m_options.stop);
        if (result.skipped != SkipReason::none) continue;
        busy.fetch_add(1);
        try {
          if (!hasher) {
            hasher =
                std::make_unique<FileHasher>(m_options.specs, m_options.stop);
          }
          hash_file(*hasher, decoder, result);
        } catch (...) {
          busy.fetch_sub(1);
          fail_run();
          break;
        }
        busy.fetch_sub(1);
        bool failed = result.error.has_value();
        // Results of a big file go out at once, so output and progress do
        // not wait for the rest of its batch.
        if (failed || result.bytes >= m_options.split_threshold) {
          reorderer.deliver(all.subspan(first, at + 1 - first));
          first = at + 1;
        }
        if (failed && m_options.fail_fast == FailFast::yes) stop_all();
      }
      reorderer.deliver(all.subspan(first, at - first));
    }
  };

  // A worker that hashes up to 16 files at once (MultiFileHasher), taking
  // the next batch while the last files of one are still being read, so
  // the kernels' lanes stay full across batches. A batch goes to the
  // reorderer once all its files are done. Standard input and a big file
  // met with every lane free and a core idle go through hash_file instead.
  auto side_by_side_worker = [&](std::size_t index) {
    SkipCheck* skip_check = skip_checks[index].get();
    io::AbsolutePaths keys(m_options.cwd);
    Scratch scratch(keys);
    struct Pending {
      std::vector<FileResult> results;
      std::vector<std::uint8_t> done; // per result: finished
      std::size_t next = 0;           // the first result not started
      std::size_t open = 0;           // results not finished
    };
    struct Flight {
      Pending* batch = nullptr;
      FileResult* result = nullptr;
      std::optional<io::InputFile> file;
      std::optional<codec::DecodingReader> decoded;
      std::unique_ptr<codec::Decoder> decoder;
      int attempt = 0;
    };
    std::unique_ptr<MultiFileHasher> hasher;
    std::unique_ptr<FileHasher> single; // for hash_file
    std::unique_ptr<codec::Decoder> single_decoder;
    std::vector<Flight> flights(MultiFileHasher::k_streams);
    std::deque<std::unique_ptr<Pending>> pending;
    std::vector<std::unique_ptr<Pending>> spare;
    std::vector<MultiFileHasher::Ended> ended;
    struct Retry {
      Pending* batch;
      FileResult* result;
      int attempt;
      io::InputFile file;
    };
    std::vector<Retry> retries;
    bool drained = false; // the queue is closed and empty

    auto finished = [&](Pending& batch, FileResult& result) {
      batch.done[static_cast<std::size_t>(&result - batch.results.data())] = 1;
      --batch.open;
      if (result.error && m_options.fail_fast == FailFast::yes) stop_all();
    };
    // Delivers every batch that is done, and recycles it.
    auto deliver_done = [&] {
      for (auto it = pending.begin(); it != pending.end();) {
        if ((*it)->open != 0) {
          ++it;
          continue;
        }
        reorderer.deliver((*it)->results);
        spare.push_back(std::move(*it));
        it = pending.erase(it);
      }
    };
    // Takes the next batch into `pending`; false when there is none now
    // (`wait`: none will come).
    auto take_batch = [&](bool wait) {
      std::optional<TaskBatch> batch = wait ? queue.pop() : queue.try_pop();
      if (!batch) {
        drained = wait || queue.finished();
        return false;
      }
      prepare(*batch, skip_check, keys, scratch);
      pool.give(std::move(*batch));
      std::unique_ptr<Pending> p;
      if (spare.empty()) {
        p = std::make_unique<Pending>();
      } else {
        p = std::move(spare.back());
        spare.pop_back();
      }
      std::swap(p->results, scratch.results);
      p->done.assign(p->results.size(), 0);
      p->next = 0;
      p->open = 0;
      for (std::size_t i = 0; i < p->results.size(); ++i) {
        if (p->results[i].skipped != SkipReason::none) {
          p->done[i] = 1;
        } else {
          ++p->open;
        }
      }
      pending.push_back(std::move(p));
      return true;
    };
    // Starts `file` (the file of `result`) in a free stream.
    auto launch = [&](Pending* batch, FileResult* result, int attempt,
                      io::InputFile&& file) {
      Flight& flight = flights[hasher->free_stream()];
      flight.batch = batch;
      flight.result = result;
      flight.attempt = attempt;
      flight.file.emplace(std::move(file));
      result->info = flight.file->info();
      io::ByteReader* reader = &*flight.file;
      if (result->decoded != codec::Codec::none) {
        if (!flight.decoder) {
          flight.decoder = std::make_unique<codec::Decoder>();
        }
        flight.decoded.emplace(*flight.file, result->decoded, *flight.decoder);
        reader = &*flight.decoded;
      }
      hasher->start(*reader);
    };
    // Whether a file of `batch` after its next one, or of a later batch,
    // is still to be started by this worker.
    auto waiting_after = [&](const Pending& batch) {
      bool later = false;
      for (const std::unique_ptr<Pending>& p : pending) {
        if (later && p->next < p->results.size()) return true;
        if (p.get() == &batch) later = true;
      }
      for (std::size_t i = batch.next; i < batch.results.size(); ++i) {
        if (batch.done[i] == 0) return true;
      }
      return false;
    };
    // Starts the next file if it may start now; false when none can.
    auto start_next = [&]() {
      FileResult* result = nullptr;
      Pending* batch = nullptr;
      for (std::unique_ptr<Pending>& p : pending) {
        while (p->next < p->results.size() && p->done[p->next] != 0) {
          ++p->next;
        }
        if (p->next < p->results.size()) {
          batch = p.get();
          result = &p->results[p->next];
          break;
        }
      }
      // What is done goes out before waiting: the oldest file of the run
      // may be in a finished batch here (one skipped whole, say).
      if (result == nullptr) {
        deliver_done();
        return !drained && take_batch(hasher->active() == 0);
      }
      if (!reorderer.in_window(result->seq)) {
        if (hasher->active() > 0) return false;
        deliver_done();
        reorderer.wait_for_window(result->seq, abort, m_options.stop);
        if (stop_requested()) return false;
      }
      ++batch->next;
      util::Result<io::InputFile> opened = open_input(*result);
      if (!opened) {
        result->error = opened.error();
        finished(*batch, *result);
        return true;
      }
      // Standard input, and a big file when nothing else waits and a core
      // is idle, are read alone (split over cores if worth it); big files
      // with others waiting go side by side, which hashes more per core.
      bool alone = result->kind == walk::EntryKind::standard_input ||
                   (hasher->active() == 0 && busy.load() < jobs &&
                    opened->info().size >= m_options.split_threshold &&
                    !waiting_after(*batch) && queue.empty());
      if (alone) {
        { io::InputFile closed = std::move(*opened); } // hash_file reopens
        busy.fetch_add(1);
        if (!single) {
          single =
              std::make_unique<FileHasher>(m_options.specs, m_options.stop);
        }
        hash_file(*single, single_decoder, *result);
        busy.fetch_sub(1);
        finished(*batch, *result);
        return true;
      }
      launch(batch, result, 0, std::move(*opened));
      return true;
    };

    try {
      hasher =
          std::make_unique<MultiFileHasher>(m_options.specs, m_options.stop);
      while (!stop_requested()) {
        while (hasher->has_room() && !stop_requested() && start_next()) {
        }
        deliver_done();
        if (hasher->active() == 0) {
          if (drained && pending.empty()) break;
          continue;
        }
        ended.clear();
        busy.fetch_add(1);
        hasher->run(ended);
        busy.fetch_sub(1);
        retries.clear();
        for (MultiFileHasher::Ended& e : ended) {
          Flight& flight = flights[e.stream];
          FileResult& result = *flight.result;
          bool again = settle(result, *flight.file, flight.decoded.has_value(),
                              e.outcome, flight.attempt);
          flight.decoded.reset();
          flight.file.reset();
          if (again) {
            util::Result<io::InputFile> reopened = open_input(result);
            if (reopened) {
              retries.push_back({flight.batch, flight.result,
                                 flight.attempt + 1, std::move(*reopened)});
              continue;
            }
            result.error = reopened.error();
          }
          finished(*flight.batch, result);
        }
        // Streams are reused only once every ended one is read out.
        for (Retry& retry : retries) {
          launch(retry.batch, retry.result, retry.attempt,
                 std::move(retry.file));
        }
        deliver_done();
      }
    } catch (...) {
      fail_run();
    }
    // Stopping: what is done still goes out, the rest is dropped.
    for (std::unique_ptr<Pending>& p : pending) {
      std::size_t i = 0;
      while (i < p->results.size()) {
        std::size_t run = i;
        while (run < p->results.size() && p->done[run] != 0) ++run;
        reorderer.deliver(std::span(p->results).subspan(i, run - i));
        i = run + 1;
      }
    }
    // The walker may wait on a full queue until it sees the stop.
    while (std::optional<TaskBatch> batch = queue.pop()) {
      pool.give(std::move(*batch));
    }
  };

  std::exception_ptr source_error;
  {
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < jobs; ++i) {
      if (side_by_side) {
        workers.emplace_back(side_by_side_worker, i);
      } else {
        workers.emplace_back(worker, i);
      }
    }
    QueueingVisitor visitor(queue, pool, m_sink, stop_requested,
                            m_options.progress, m_options.fail_fast,
                            m_options.decompress, stop_all);
    try {
      source(visitor);
      visitor.flush();
    } catch (...) {
      // The workers must still be stopped and joined before it goes on.
      source_error = std::current_exception();
      stop_all();
    }
    queue.close();
    if (m_options.progress != nullptr) m_options.progress->walk_done = true;
  }
  if (source_error) std::rethrow_exception(source_error);
  if (worker_error) std::rethrow_exception(worker_error);
}

void HashPipeline::run(std::span<const std::string> roots) {
  run_source([&](walk::WalkVisitor& visitor) {
    for (const std::string& root : roots) {
      if (!walk::walk_root(root, m_options.walk, visitor)) break;
    }
  });
}

} // namespace hasher::pipeline
