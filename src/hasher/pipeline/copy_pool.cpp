#include <hasher/pipeline/copy_pool.hpp>

#include <hasher/io/open_files.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>

#include <algorithm>

namespace hasher::pipeline {
namespace {

// Copies in flight or waiting to be handed back, per thread: enough that
// the other threads go on with small files while one copies a big file
// that must be handed back first (with 4, copy -j 2 of the tree data set
// kept 1.4 of 2 cores busy), few enough to bound open files (two each,
// beside the batch's 512) and memory.
constexpr std::size_t k_pending_per_job = 32;

// Side by side, a big file at the head holds back every later copy until
// it is done, and it advances at a sixteenth of the thread's pace: the
// window must hold the ~16 x its size that the other lanes copy meanwhile
// (about 1,600 files of the tree data set for an 8 MiB file), or the lanes
// run empty. Each waiting copy holds two descriptors; the window is what
// the open-file limit allows beside the batch's, up to k_most_pending.
// The queue of copies not started holds as many, so the threads have work
// while the caller commits a batch.
constexpr std::size_t k_most_pending = 4096;

std::size_t side_by_side_window(std::size_t jobs) {
  std::uint64_t limit = io::raise_open_file_limit();
  std::uint64_t spare = limit > 1024 ? limit - 1024 : 0;
  return std::clamp<std::size_t>(static_cast<std::size_t>(spare / 2),
                                 jobs * k_pending_per_job, k_most_pending);
}

} // namespace

CopyPool::CopyPool(std::span<const digest::AlgorithmSpec> specs,
                   const CopyCoding& coding, const std::atomic<bool>* stop,
                   std::size_t jobs, std::uint64_t split_threshold, Done done)
    : m_specs(specs.begin(), specs.end()), m_coding(coding), m_stop(stop),
      m_jobs(std::max<std::size_t>(jobs, 1)),
      m_split_threshold(split_threshold), m_done(std::move(done)),
      m_window(m_jobs * k_pending_per_job), m_queue(k_most_pending) {
  for (std::size_t lanes = 1; lanes <= m_jobs; ++lanes) {
    m_plans.push_back(
        digest::plan_lanes(m_specs, lanes, digest::k_page_cache_read_cost));
  }
  for (std::size_t i = 0; i < m_jobs; ++i) {
    m_copiers.push_back(std::make_unique<FileCopier>(m_specs, m_coding, stop));
  }
  bool side_by_side =
      m_copiers[0]->side_by_side() && MultiFileHasher::worthwhile(m_specs);
  if (side_by_side) m_window = side_by_side_window(m_jobs);
  for (std::size_t i = 0; i < m_jobs; ++i) {
    m_threads.emplace_back([this, i, side_by_side] {
      if (side_by_side) {
        work_side_by_side(i);
      } else {
        work(i);
      }
    });
  }
}

CopyPool::~CopyPool() {
  m_queue.close();
  m_threads.clear(); // joins; undelivered copies go with m_finished
}

void CopyPool::work(std::size_t index) {
  FileCopier& copier = *m_copiers[index];
  while (std::optional<Job> job = m_queue.pop()) {
    write_one(copier, job->seq, std::move(job->request), job->size);
  }
}

void CopyPool::write_one(FileCopier& copier, std::uint64_t seq,
                         CopyRequest request, std::uint64_t size) {
  std::size_t idle = m_jobs - std::min(m_jobs, m_busy.fetch_add(1) + 1);
  std::size_t lanes =
      size >= m_split_threshold ? std::min(m_jobs, 1 + idle) : 1;
  util::Result<PendingCopy> written =
      copier.write(request, &m_plans[lanes - 1]);
  m_busy.fetch_sub(1);
  publish(seq, std::move(request), std::move(written));
}

void CopyPool::publish(std::uint64_t seq, CopyRequest request,
                       util::Result<PendingCopy> written) {
  std::lock_guard lock(m_mutex);
  m_finished.emplace(seq, Finished{std::move(request), std::move(written)});
  // Handing back waits for the next copy in order only: the others would
  // wake it for nothing (a wake-up per file).
  if (seq == m_next_deliver) m_finished_cv.notify_all();
}

void CopyPool::work_side_by_side(std::size_t index) {
  FileCopier& copier = *m_copiers[index];
  MultiFileHasher hasher(m_specs, m_stop);
  struct Flight {
    std::uint64_t seq = 0;
    std::unique_ptr<StartedCopy> copy;
  };
  std::vector<Flight> flights(MultiFileHasher::k_streams);
  std::vector<MultiFileHasher::Ended> ended;
  bool closed = false;
  for (;;) {
    while (hasher.has_room() && !closed) {
      std::optional<Job> job =
          hasher.active() == 0 ? m_queue.pop() : m_queue.try_pop();
      if (!job) {
        closed = hasher.active() == 0 || m_queue.finished();
        break;
      }
      // A big file with nothing else waiting is split over idle cores;
      // with others waiting it goes side by side, which hashes more.
      if (hasher.active() == 0 && job->size >= m_split_threshold &&
          m_busy.load() < m_jobs && m_queue.empty()) {
        write_one(copier, job->seq, std::move(job->request), job->size);
        continue;
      }
      util::Result<std::unique_ptr<StartedCopy>> started =
          copier.begin(job->request);
      if (!started) {
        publish(job->seq, std::move(job->request), started.error());
        continue;
      }
      Flight& flight = flights[hasher.free_stream()];
      flight.seq = job->seq;
      flight.copy = std::move(*started);
      hasher.start(flight.copy->reader(), &flight.copy->sink());
    }
    if (hasher.active() == 0) {
      if (closed) return;
      continue;
    }
    ended.clear();
    m_busy.fetch_add(1);
    hasher.run(ended);
    m_busy.fetch_sub(1);
    for (MultiFileHasher::Ended& e : ended) {
      Flight& flight = flights[e.stream];
      util::Result<PendingCopy> written =
          copier.complete(*flight.copy, e.outcome);
      CopyRequest request = std::move(flight.copy->request);
      std::uint64_t size = flight.copy->source.info().size;
      flight.copy.reset(); // a failed copy's temp goes
      if (!written && written.error().kind == util::ErrorKind::changed) {
        write_one(copier, flight.seq, std::move(request), size);
      } else {
        publish(flight.seq, std::move(request), std::move(written));
      }
    }
  }
}

void CopyPool::submit(CopyRequest request, std::uint64_t size) {
  deliver(false);
  while (m_next_seq - m_next_deliver >= m_window) {
    deliver(true);
  }
  m_queue.push(Job{m_next_seq++, std::move(request), size});
}

void CopyPool::count_bytes(std::atomic<std::uint64_t>* bytes) {
  for (std::unique_ptr<FileCopier>& copier : m_copiers) {
    copier->count_bytes(bytes);
  }
}

void CopyPool::finish() {
  while (m_next_deliver < m_next_seq) deliver(true);
}

void CopyPool::deliver(bool wait) {
  for (;;) {
    std::unique_lock lock(m_mutex);
    if (wait) {
      while (!m_finished_cv.wait_for(lock, k_waiting, [&] {
        return m_finished.contains(m_next_deliver);
      })) {
        if (!m_waiting) continue;
        lock.unlock();
        m_waiting();
        lock.lock();
      }
      wait = false;
    }
    auto next = m_finished.find(m_next_deliver);
    if (next == m_finished.end()) return;
    Finished finished = std::move(next->second);
    m_finished.erase(next);
    ++m_next_deliver;
    lock.unlock();
    m_done(finished.request, finished.written);
  }
}

} // namespace hasher::pipeline
