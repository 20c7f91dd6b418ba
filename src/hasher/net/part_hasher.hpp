#pragma once

// Hashes the `.part` files of finished small downloads side by side, up to
// 16 at once on a thread (pipeline/MultiFileHasher; threads below), so
// that MD5, SHA-1 and SHA-256 run through the multi-buffer kernels. A download
// arrives a few kilobytes per poll on a handful of transfers: hashed as it
// arrives, it keeps one lane of a kernel busy and pays the single-stream
// price. A small file (Download::k_side_by_side_bytes at most) is written
// unhashed and read back here once whole, from the page cache it was just
// written to; bigger files are hashed as they arrive, as before.
//
// A round starts when 16 files wait or the oldest has waited k_max_wait,
// or at once when no transfer is running (nothing more comes soon); files
// that arrive while a round runs take the lanes that free up.
// A round of fewer than k_min_side_by_side files is hashed one file after
// the other by the libraries instead: the kernels do sixteen lanes' work
// however few are busy.
//
// While transfers run, the hashing thread runs only on a core that would
// otherwise idle (util::run_this_thread_when_idle): what it hashes waits
// for its name anyway, while the transfer thread and the server (on a
// small machine, the same cores) must not: 200 downloads of 256 KiB from
// a local server took 0.27 s instead of 0.31 s (medians of 15 alternated
// runs; curl 0.27 s), and were faster in 23 of 31 paired runs. A thread
// cannot take its priority back, so others, one a core at the caller's
// priority, hash whenever no transfer runs, each taking its share of what
// waits: a busy machine may starve the first, but not the end of a run,
// whose last files (often dozens, the first thread's work having waited
// for cores the transfers and the server kept busy) take every core.

#include <hasher/digest/algorithm.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/file_hasher.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>
#include <hasher/util/result.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace hasher::net {

class PartHasher {
public:
  // The digests (in spec order) and the bytes read, or why not; called on
  // the hasher's thread.
  using Done = std::function<void(util::Result<pipeline::HashOutcome>)>;
  static constexpr std::chrono::milliseconds k_max_wait{50};
  // One stream through MD5, SHA-1 and SHA-256 ran at 268 MB/s here (515,
  // 1,276 and 1,139 MB/s each, `bench/algorithms`), the kernels together
  // at 1,100 MB/s over 16 busy lanes (`bench/algorithms 3 multi`): side
  // by side pays from four files.
  static constexpr std::size_t k_min_side_by_side = 4;

  // Starts the thread (worth it when pipeline::MultiFileHasher::worthwhile
  // holds for `specs`). A stopping run still hashes what is queued: the
  // files are whole and small. Throws what the digest factories throw.
  explicit PartHasher(std::span<const digest::AlgorithmSpec> specs);
  // finish().
  ~PartHasher();
  PartHasher(const PartHasher&) = delete;
  PartHasher& operator=(const PartHasher&) = delete;

  // Queues the file at `path` (whole, not written to any more). Any thread.
  void add(std::string path, Done done);
  // Whether transfers are running (more files may come soon) or not (hash
  // what has arrived). Any thread.
  void set_idle(bool idle);
  // Hashes what is queued and joins the threads; later calls do nothing.
  void finish();
  // How many files wait for a thread to take them. Any thread.
  [[nodiscard]] std::size_t waiting();

private:
  struct Queued {
    std::string path;
    Done done;
    std::chrono::steady_clock::time_point since;
  };
  // One hashing thread's own: its lanes and what is in them.
  struct Worker {
    struct Flight {
      std::optional<io::InputFile> file;
      Done done;
    };
    explicit Worker(std::span<const digest::AlgorithmSpec> specs);
    pipeline::MultiFileHasher hasher;
    pipeline::FileHasher alone;
    std::vector<Flight> flights;
    std::vector<pipeline::MultiFileHasher::Ended> ended;
    std::vector<Queued> taken;
  };
  // When a thread takes files: `background` a round's worth while
  // transfers run, `when_idle` any while none runs (and at the end).
  enum class Turn { background, when_idle };
  void run(Worker& worker, Turn turn);
  [[nodiscard]] bool round_due() const;
  // Whether the thread of `turn` may take files into free lanes, and
  // whether it may start a round (its lanes all idle).
  [[nodiscard]] bool may_take(Turn turn) const;
  [[nodiscard]] bool may_start(Turn turn) const;
  [[nodiscard]] bool done_for(Turn turn) const;

  // How many files a foreground thread takes of what waits.
  [[nodiscard]] std::size_t fair_share() const;

  Worker m_background;
  // One a core: what is left once no transfer runs is hashed on all.
  std::vector<std::unique_ptr<Worker>> m_foreground;

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Queued> m_queue;
  bool m_idle = false;
  bool m_closing = false;
  std::thread m_background_thread;
  std::vector<std::thread> m_foreground_threads;
};

} // namespace hasher::net
