#include <hasher/pipeline/copy_pool.hpp>

namespace hasher::pipeline {
namespace {

// Copies in flight or waiting to be handed back, per thread: enough that
// the other threads go on with small files while one copies a big file
// that must be handed back first (with 4, copy -j 2 of the tree data set
// kept 1.4 of 2 cores busy), few enough to bound open files (two each,
// beside the batch's 512) and memory.
constexpr std::size_t k_pending_per_job = 32;

} // namespace

CopyPool::CopyPool(std::span<const digest::AlgorithmSpec> specs,
                   const CopyCoding& coding, const std::atomic<bool>* stop,
                   std::size_t jobs, std::uint64_t split_threshold, Done done)
    : m_specs(specs.begin(), specs.end()), m_coding(coding), m_stop(stop),
      m_jobs(std::max<std::size_t>(jobs, 1)),
      m_split_threshold(split_threshold), m_done(std::move(done)),
      m_queue(m_jobs * k_pending_per_job) {
  for (std::size_t lanes = 1; lanes <= m_jobs; ++lanes) {
    m_plans.push_back(
        digest::plan_lanes(m_specs, lanes, digest::k_page_cache_read_cost));
  }
  for (std::size_t i = 0; i < m_jobs; ++i) {
    m_copiers.push_back(std::make_unique<FileCopier>(m_specs, m_coding, stop));
  }
  for (std::size_t i = 0; i < m_jobs; ++i) {
    m_threads.emplace_back([this, i] { work(i); });
  }
}

CopyPool::~CopyPool() {
  m_queue.close();
  m_threads.clear(); // joins; undelivered copies go with m_finished
}

void CopyPool::work(std::size_t index) {
  FileCopier& copier = *m_copiers[index];
  while (std::optional<Job> job = m_queue.pop()) {
    std::size_t idle = m_jobs - std::min(m_jobs, m_busy.fetch_add(1) + 1);
    std::size_t lanes =
        job->size >= m_split_threshold ? std::min(m_jobs, 1 + idle) : 1;
    util::Result<PendingCopy> written =
        copier.write(job->request, &m_plans[lanes - 1]);
    m_busy.fetch_sub(1);
    std::lock_guard lock(m_mutex);
    m_finished.emplace(job->seq,
                       Finished{std::move(job->request), std::move(written)});
    m_finished_cv.notify_all();
  }
}

void CopyPool::submit(CopyRequest request, std::uint64_t size) {
  deliver(false);
  while (m_next_seq - m_next_deliver >= m_jobs * k_pending_per_job) {
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
      m_finished_cv.wait(lock,
                         [&] { return m_finished.contains(m_next_deliver); });
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
