#pragma once

// The live progress line: files done/total, bytes done/total, MB/s, files/s,
// ETA and errors, redrawn a few times a second through the Reporter. The walk
// counts ahead, so totals only grow; the ETA is shown once the walk is done
// (before that the total is not known).

#include <hasher/ui/reporter.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace hasher::ui {

// Counters shared by the walker, the workers and the progress line.
struct ProgressCounters {
  std::atomic<std::uint64_t> files_total{0};
  std::atomic<std::uint64_t> bytes_total{0};
  std::atomic<std::uint64_t> files_done{0};
  std::atomic<std::uint64_t> bytes_done{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<bool> walk_done{false};
};

// The text of the line for these counts after `seconds`.
std::string progress_text(std::uint64_t files_done, std::uint64_t files_total,
                          std::uint64_t bytes_done, std::uint64_t bytes_total,
                          std::uint64_t errors, bool walk_done, double seconds);

class ProgressLine {
public:
  // Starts redrawing when `enabled`; otherwise does nothing.
  ProgressLine(Reporter& reporter, const ProgressCounters& counters,
               bool enabled);
  // Stops and removes the line.
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

private:
  void run();

  Reporter& m_reporter;
  const ProgressCounters& m_counters;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_thread;
};

} // namespace hasher::ui
