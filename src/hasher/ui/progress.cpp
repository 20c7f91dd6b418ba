#include <hasher/ui/progress.hpp>

#include <hasher/ui/summary.hpp>
#include <hasher/util/thread_name.hpp>

#include <chrono>
#include <cstdio>

namespace hasher::ui {

std::string progress_text(std::uint64_t files_done, std::uint64_t files_total,
                          std::uint64_t bytes_done, std::uint64_t bytes_total,
                          std::uint64_t errors, bool walk_done,
                          double seconds) {
  double safe = seconds > 0.001 ? seconds : 0.001;
  double rate = static_cast<double>(bytes_done) / safe;
  std::string eta = "--:--";
  if (walk_done && rate > 0 && bytes_total >= bytes_done) {
    auto left = static_cast<std::uint64_t>(
        static_cast<double>(bytes_total - bytes_done) / rate);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu",
                  static_cast<unsigned long long>(left / 60),
                  static_cast<unsigned long long>(left % 60));
    eta = buffer;
  }
  char buffer[256];
  std::snprintf(buffer, sizeof buffer,
                "%llu/%llu%s files, %s/%s, %.0f MB/s, %.0f files/s, ETA %s, "
                "%llu errors",
                static_cast<unsigned long long>(files_done),
                static_cast<unsigned long long>(files_total),
                walk_done ? "" : "+", format_bytes(bytes_done).c_str(),
                format_bytes(bytes_total).c_str(), rate / 1e6,
                static_cast<double>(files_done) / safe, eta.c_str(),
                static_cast<unsigned long long>(errors));
  return buffer;
}

ProgressLine::ProgressLine(Reporter& reporter, const ProgressCounters& counters,
                           bool enabled)
    : m_reporter(reporter), m_counters(counters) {
  if (enabled) {
    m_thread = std::thread([this] {
      util::name_this_thread("hasher:progress");
      run();
    });
  }
}

ProgressLine::~ProgressLine() {
  if (!m_thread.joinable()) return;
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
  m_reporter.set_status("");
}

void ProgressLine::run() {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, std::chrono::milliseconds(250),
                          [this] { return m_stop; })) {
    double seconds =
        std::chrono::duration<double>(clock::now() - start).count();
    m_reporter.set_status(
        progress_text(m_counters.files_done, m_counters.files_total,
                      m_counters.bytes_done, m_counters.bytes_total,
                      m_counters.errors, m_counters.walk_done, seconds));
  }
}

} // namespace hasher::ui
