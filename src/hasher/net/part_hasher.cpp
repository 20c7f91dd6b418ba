#include <hasher/net/part_hasher.hpp>

#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>

#include <fcntl.h>
#include <memory>
#include <optional>
#include <vector>

namespace hasher::net {

PartHasher::PartHasher(std::span<const digest::AlgorithmSpec> specs) {
  // Made here, so that a failure throws to the caller.
  auto hasher = std::make_shared<pipeline::MultiFileHasher>(specs, nullptr);
  auto alone = std::make_shared<pipeline::FileHasher>(specs, nullptr);
  m_thread = std::thread([this, hasher, alone] { run(*hasher, *alone); });
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
}

bool PartHasher::round_due() const {
  if (m_queue.empty()) return false;
  return m_queue.size() >= pipeline::MultiFileHasher::k_streams || m_idle ||
         m_closing ||
         std::chrono::steady_clock::now() - m_queue.front().since >= k_max_wait;
}

void PartHasher::run(pipeline::MultiFileHasher& hasher,
                     pipeline::FileHasher& alone) {
  struct Flight {
    std::optional<io::InputFile> file;
    Done done;
  };
  std::vector<Flight> flights(pipeline::MultiFileHasher::k_streams);
  std::vector<pipeline::MultiFileHasher::Ended> ended;
  std::vector<Queued> taken;
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      if (hasher.active() == 0) {
        // Nothing turning: wait for a round's worth, or for the end.
        while (!round_due() && !(m_closing && m_queue.empty())) {
          if (m_queue.empty()) {
            m_changed.wait(lock);
          } else {
            m_changed.wait_until(lock, m_queue.front().since + k_max_wait);
          }
        }
        if (m_queue.empty()) return; // closing, all hashed
      }
      // The lanes turn: whatever waits takes the free ones.
      while (taken.size() <
                 pipeline::MultiFileHasher::k_streams - hasher.active() &&
             !m_queue.empty()) {
        taken.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
      }
    }
    // Lanes already turning take more files for free.
    const bool side_by_side =
        hasher.active() > 0 || taken.size() >= k_min_side_by_side;
    for (Queued& queued : taken) {
      util::Result<io::InputFile> opened =
          io::InputFile::open(queued.path, AT_FDCWD);
      if (!opened) {
        queued.done(opened.error());
        continue;
      }
      if (!side_by_side) {
        queued.done(alone.hash(*opened, nullptr));
        continue;
      }
      Flight& flight = flights[hasher.free_stream()];
      flight.file.emplace(std::move(*opened));
      flight.done = std::move(queued.done);
      hasher.start(*flight.file);
    }
    taken.clear();
    ended.clear();
    hasher.run(ended);
    for (pipeline::MultiFileHasher::Ended& end : ended) {
      Flight& flight = flights[end.stream];
      flight.file.reset();
      Done done = std::move(flight.done);
      done(std::move(end.outcome));
    }
  }
}

} // namespace hasher::net
