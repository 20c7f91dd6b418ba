#include <hasher/net/part_hasher.hpp>

#include <hasher/util/thread_priority.hpp>

#include <fcntl.h>

namespace hasher::net {

PartHasher::PartHasher(std::span<const digest::AlgorithmSpec> specs)
    : m_hasher(specs, nullptr), m_alone(specs, nullptr),
      m_flights(pipeline::MultiFileHasher::k_streams) {
  m_thread = std::thread([this] {
    util::run_this_thread_when_idle();
    while (step(Driver::thread)) {
    }
  });
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
  if (wake) m_changed.notify_one();
}

void PartHasher::set_idle(bool idle) {
  {
    std::lock_guard lock(m_mutex);
    if (m_idle == idle) return;
    m_idle = idle;
  }
  m_changed.notify_one();
}

void PartHasher::finish() {
  {
    std::lock_guard lock(m_mutex);
    m_closing = true;
  }
  m_changed.notify_one();
  if (m_thread.joinable()) m_thread.join();
  while (step(Driver::finish)) {
  }
}

bool PartHasher::round_due() const {
  if (m_queue.empty()) return false;
  return m_queue.size() >= pipeline::MultiFileHasher::k_streams || m_idle ||
         m_closing ||
         std::chrono::steady_clock::now() - m_queue.front().since >= k_max_wait;
}

bool PartHasher::step(Driver driver) {
  {
    std::unique_lock lock(m_mutex);
    if (driver == Driver::thread && m_closing) return false;
    if (m_hasher.active() == 0) {
      // Nothing turning: wait for a round's worth, or for the end.
      while (!round_due() && !m_closing) {
        if (m_queue.empty()) {
          m_changed.wait(lock);
        } else {
          m_changed.wait_until(lock, m_queue.front().since + k_max_wait);
        }
      }
      if (driver == Driver::thread && m_closing) return false;
      if (m_queue.empty()) return false; // closing, all hashed
    }
    // The lanes turn: whatever waits takes the free ones.
    while (m_taken.size() <
               pipeline::MultiFileHasher::k_streams - m_hasher.active() &&
           !m_queue.empty()) {
      m_taken.push_back(std::move(m_queue.front()));
      m_queue.pop_front();
    }
  }
  // Lanes already turning take more files for free.
  const bool side_by_side =
      m_hasher.active() > 0 || m_taken.size() >= k_min_side_by_side;
  for (Queued& queued : m_taken) {
    util::Result<io::InputFile> opened =
        io::InputFile::open(queued.path, AT_FDCWD);
    if (!opened) {
      queued.done(opened.error());
      continue;
    }
    if (!side_by_side) {
      queued.done(m_alone.hash(*opened, nullptr));
      continue;
    }
    Flight& flight = m_flights[m_hasher.free_stream()];
    flight.file.emplace(std::move(*opened));
    flight.done = std::move(queued.done);
    m_hasher.start(*flight.file);
  }
  m_taken.clear();
  m_ended.clear();
  m_hasher.run(m_ended);
  for (pipeline::MultiFileHasher::Ended& end : m_ended) {
    Flight& flight = m_flights[end.stream];
    flight.file.reset();
    Done done = std::move(flight.done);
    done(std::move(end.outcome));
  }
  return true;
}

} // namespace hasher::net
