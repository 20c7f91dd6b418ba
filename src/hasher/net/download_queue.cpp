#include <hasher/net/download_queue.hpp>

#include <hasher/net/commit_queue.hpp>
#include <hasher/net/part_hasher.hpp>
#include <hasher/net/worker_lanes.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>

#include <algorithm>
#include <optional>
#include <thread>

namespace hasher::net {
namespace {

// Jobs a lane may hold: each is under Download::k_handoff_bytes plus one
// receive buffer (512 KiB), so a lane holds under 8 MiB that the disk and
// the digests have not taken yet; a full lane makes the transfer thread
// wait (and the network with it).
constexpr std::size_t k_lane_depth = 16;

// One lane per core, but no more than transfers at once: hashing is the
// work, and a lane per running transfer is all that can be busy.
std::size_t lane_count(std::size_t concurrency) {
  std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::min(cores, concurrency);
}

} // namespace

void run_downloads(HttpClient& client,
                   std::vector<std::unique_ptr<Download>>& downloads,
                   std::size_t concurrency,
                   std::span<const digest::AlgorithmSpec> specs,
                   const std::function<void(std::size_t)>& finished,
                   const std::function<bool()>& stop) {
  concurrency = std::max<std::size_t>(1, concurrency);
  // The commit queue outlives the lanes, whose last jobs add to it.
  CommitQueue commits;
  // Made before the lanes, whose jobs add to it, and finished after them.
  std::optional<PartHasher> parts;
  if (pipeline::MultiFileHasher::worthwhile(specs)) parts.emplace(specs);
  WorkerLanes lanes(lane_count(concurrency), k_lane_depth);
  FileWork work{lanes, commits, [&client] { client.wake(); },
                parts ? &*parts : nullptr};
  for (std::size_t i = 0; i < downloads.size(); ++i) {
    downloads[i]->attach(work, i);
  }
  std::vector<bool> reported(downloads.size(), false);
  std::size_t left = downloads.size();
  // Only downloads before `end` can have finished.
  auto report = [&](std::size_t end) {
    for (std::size_t i = 0; i < end; ++i) {
      if (!reported[i] && downloads[i]->state() == Download::State::finished) {
        reported[i] = true;
        --left;
        finished(i);
      }
    }
  };
  // The first download not yet started: those before it are running,
  // waiting to retry or finished, so a slot is looked for from here on.
  std::size_t next_fresh = 0;
  while (left > 0) {
    if (stop()) {
      client.cancel_all();
      break;
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
    // With no transfer on, the files that are done need not wait for a
    // fuller batch.
    commits.set_idle(running == 0 ? TransfersIdle::yes : TransfersIdle::no);
    if (parts) parts->set_idle(running == 0);
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        wake - Download::Clock::now());
    client.poll(std::max(wait, std::chrono::milliseconds(1)));
    for (std::size_t i = 0; i < next_fresh; ++i) {
      if (downloads[i]->state() == Download::State::running) {
        downloads[i]->hand_off();
      }
    }
    report(next_fresh);
  }
  // What is past its transfer ends (written, checked, named) before the
  // lanes and the commit thread stop.
  commits.set_idle(TransfersIdle::yes);
  lanes.finish();
  if (parts) parts->finish();
  commits.finish();
  report(downloads.size());
}

} // namespace hasher::net
