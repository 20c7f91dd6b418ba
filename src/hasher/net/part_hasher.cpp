#include <hasher/net/part_hasher.hpp>

#include <hasher/util/thread_name.hpp>
#include <hasher/util/thread_priority.hpp>

#include <fcntl.h>

namespace hasher::net {

PartHasher::Worker::Worker(std::span<const digest::AlgorithmSpec> specs)
    : hasher(specs, nullptr), alone(specs, nullptr),
      flights(pipeline::MultiFileHasher::k_streams) {}

PartHasher::PartHasher(std::span<const digest::AlgorithmSpec> specs)
    : m_background(specs) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < cores; ++i) {
    m_foreground.push_back(std::make_unique<Worker>(specs));
  }
  m_background_thread = std::thread([this] {
    util::name_this_thread("hasher:hash-bg");
    util::run_this_thread_when_idle();
    run(m_background, Turn::background);
  });
  for (std::unique_ptr<Worker>& worker : m_foreground) {
    m_foreground_threads.emplace_back([this, &worker = *worker] {
      util::name_this_thread("hasher:hash");
      run(worker, Turn::when_idle);
    });
  }
}

PartHasher::~PartHasher() { finish(); }

void PartHasher::add(std::string path, Done done) {
  bool wake = false;
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(
        {std::move(path), std::move(done), std::chrono::steady_clock::now()});
    // The thread waits for a first file, then for a round's worth (or the
    // oldest's deadline, which it sets its own timer for): a wake-up for
    // every file would cost more than hashing it.
    wake = m_queue.size() == 1 || round_due();
  }
  if (wake) m_changed.notify_all();
}

void PartHasher::set_idle(bool idle) {
  {
    std::lock_guard lock(m_mutex);
    if (m_idle == idle) return;
    m_idle = idle;
  }
  m_changed.notify_all();
}

void PartHasher::finish() {
  {
    std::lock_guard lock(m_mutex);
    m_closing = true;
  }
  m_changed.notify_all();
  if (m_background_thread.joinable()) m_background_thread.join();
  for (std::thread& thread : m_foreground_threads) {
    if (thread.joinable()) thread.join();
  }
}

std::size_t PartHasher::waiting() {
  std::lock_guard lock(m_mutex);
  return m_queue.size();
}

bool PartHasher::round_due() const {
  if (m_queue.empty()) return false;
  return m_queue.size() >= pipeline::MultiFileHasher::k_streams || m_idle ||
         m_closing ||
         std::chrono::steady_clock::now() - m_queue.front().since >= k_max_wait;
}

// The background thread takes files only while transfers run: once none
// runs, a starved thread must not hold them (it still ends the files it
// has in its lanes).
bool PartHasher::may_take(Turn turn) const {
  if (m_queue.empty()) return false;
  if (turn == Turn::background) return !m_idle && !m_closing;
  return m_idle || m_closing;
}

// A foreground thread takes its share of what waits, so that all of them
// hash it; no fewer than pay for side by side.
std::size_t PartHasher::fair_share() const {
  const std::size_t threads = m_foreground.size();
  return std::max(k_min_side_by_side, (m_queue.size() + threads - 1) / threads);
}

bool PartHasher::may_start(Turn turn) const {
  return may_take(turn) && (turn == Turn::when_idle || round_due());
}

bool PartHasher::done_for(Turn turn) const {
  if (turn == Turn::background) return m_closing;
  return m_closing && m_queue.empty();
}

void PartHasher::run(Worker& worker, Turn turn) {
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      if (worker.hasher.active() == 0) {
        // Nothing turning: wait for files to take, or for the end.
        while (!may_start(turn) && !done_for(turn)) {
          if (turn == Turn::background && !m_queue.empty() && !m_idle) {
            m_changed.wait_until(lock, m_queue.front().since + k_max_wait);
          } else {
            m_changed.wait(lock);
          }
        }
        if (!may_start(turn)) return;
      }
      // The lanes turn: whatever waits takes the free ones.
      std::size_t room =
          pipeline::MultiFileHasher::k_streams - worker.hasher.active();
      if (turn == Turn::when_idle) room = std::min(room, fair_share());
      while (worker.taken.size() < room && may_take(turn)) {
        worker.taken.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
      }
    }
    // Lanes already turning take more files for free.
    const bool side_by_side =
        worker.hasher.active() > 0 || worker.taken.size() >= k_min_side_by_side;
    for (Queued& queued : worker.taken) {
      util::Result<io::InputFile> opened =
          io::InputFile::open(queued.path, AT_FDCWD);
      if (!opened) {
        queued.done(opened.error());
        continue;
      }
      if (!side_by_side) {
        queued.done(worker.alone.hash(*opened, nullptr));
        continue;
      }
      Worker::Flight& flight = worker.flights[worker.hasher.free_stream()];
      flight.file.emplace(std::move(*opened));
      flight.done = std::move(queued.done);
      worker.hasher.start(*flight.file);
    }
    worker.taken.clear();
    worker.ended.clear();
    worker.hasher.run(worker.ended);
    for (pipeline::MultiFileHasher::Ended& end : worker.ended) {
      Worker::Flight& flight = worker.flights[end.stream];
      flight.file.reset();
      Done done = std::move(flight.done);
      done(std::move(end.outcome));
    }
  }
}

} // namespace hasher::net
