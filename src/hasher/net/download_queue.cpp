#include <hasher/net/download_queue.hpp>

#include <algorithm>

namespace hasher::net {

void run_downloads(HttpClient& client,
                   std::vector<std::unique_ptr<Download>>& downloads,
                   std::size_t concurrency,
                   const std::function<void(std::size_t)>& finished,
                   const std::function<bool()>& stop) {
  concurrency = std::max<std::size_t>(1, concurrency);
  std::vector<bool> reported(downloads.size(), false);
  std::size_t left = downloads.size();
  // The first download not yet started: those before it are running,
  // waiting to retry or finished, so a slot is looked for from here on.
  std::size_t next_fresh = 0;
  while (left > 0) {
    if (stop()) {
      client.cancel_all();
      return;
    }
    Download::Clock::time_point now = Download::Clock::now();
    Download::Clock::time_point wake = now + std::chrono::milliseconds(100);
    std::size_t running = 0;
    for (std::size_t i = 0; i < next_fresh; ++i) {
      if (downloads[i]->state() == Download::State::running) ++running;
    }
    // Retries first (they were given earlier), then new downloads, in order.
    for (std::size_t i = 0; i < downloads.size() && running < concurrency;
         ++i) {
      Download& download = *downloads[i];
      if (i >= next_fresh) next_fresh = i + 1;
      if (download.state() != Download::State::waiting) continue;
      if (download.ready_at() > now) {
        wake = std::min(wake, download.ready_at());
        continue;
      }
      client.start(download.next_request(), download);
      ++running;
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        wake - Download::Clock::now());
    client.poll(std::max(wait, std::chrono::milliseconds(1)));
    for (std::size_t i = 0; i < next_fresh; ++i) {
      if (!reported[i] && downloads[i]->state() == Download::State::finished) {
        reported[i] = true;
        --left;
        finished(i);
      }
    }
  }
}

} // namespace hasher::net
