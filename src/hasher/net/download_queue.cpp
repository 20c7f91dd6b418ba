#include <hasher/net/download_queue.hpp>

#include <hasher/net/commit_queue.hpp>
#include <hasher/net/part_hasher.hpp>
#include <hasher/net/worker_lanes.hpp>
#include <hasher/pipeline/multi_file_hasher.hpp>
#include <hasher/util/core_confinement.hpp>

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
// Pieces a helper lane may hold (each a lane job's, under 512 KiB).
constexpr std::size_t k_helper_depth = 8;

// Files waiting for the PartHasher beyond which the job spreads over every
// core: on one core the hashing gets only what the transfers leave idle,
// and a long list must not leave all of it to the end. 200 downloads of
// 256 KiB from a server on the same two cores left 56-109 waiting at most
// (five runs); this many are hashed in ~0.1 s on two cores at the end.
constexpr std::size_t k_backlog_to_spread = 128;

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
  // The job runs on one core (util/core_confinement.hpp) while transfers
  // run, unless its file work falls behind: the other cores are the
  // server's and the rest of the machine's. What is left once the last
  // transfer has ended (the hashing and naming of the last files) gets
  // every core.
  util::CoreConfinement core;
  // The commit queue outlives the lanes, whose last jobs add to it.
  CommitQueue commits;
  // Made before the lanes, whose jobs add to it, and finished after them.
  std::optional<PartHasher> parts;
  if (pipeline::MultiFileHasher::worthwhile(specs)) parts.emplace(specs);
  // Big files' digests in two halves where there are two cores for them,
  // the second half on a helper lane beside each lane (made before the
  // lanes, whose jobs post to them, and finished after them).
  const std::size_t lanes_wanted = lane_count(concurrency);
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const digest::LanePlan split = digest::plan_lanes(
      specs, std::min<std::size_t>(2, cores), digest::k_page_cache_read_cost);
  std::optional<WorkerLanes> helpers;
  if (split.lanes.size() > 1) {
    helpers.emplace(lanes_wanted, k_helper_depth, "hasher:helper");
  }
  WorkerLanes lanes(lanes_wanted, k_lane_depth);
  FileWork work{lanes,
                commits,
                [&client] { client.wake(); },
                parts ? &*parts : nullptr,
                &split,
                helpers ? &*helpers : nullptr};
  auto hashing_behind = [&] {
    return parts && parts->waiting() >= k_backlog_to_spread;
  };
  // The downloads started and not yet reported finished, in order: a poll
  // looks at these only, so a list of a million URLs costs no more per
  // poll than one of four.
  std::vector<std::size_t> live;
  std::size_t next_fresh = 0;
  auto report_finished = [&] {
    std::erase_if(live, [&](std::size_t i) {
      if (downloads[i]->state() != Download::State::finished) return false;
      finished(i);
      return true;
    });
  };
  while (next_fresh < downloads.size() || !live.empty()) {
    if (stop()) {
      client.cancel_all();
      break;
    }
    Download::Clock::time_point now = Download::Clock::now();
    Download::Clock::time_point wake = now + std::chrono::milliseconds(100);
    std::size_t running = 0;
    for (std::size_t i : live) {
      if (downloads[i]->state() == Download::State::running) ++running;
    }
    // Retries first (they were given earlier), then new downloads, in order.
    for (std::size_t i : live) {
      Download& download = *downloads[i];
      if (running >= concurrency) break;
      if (download.state() != Download::State::waiting) continue;
      if (download.ready_at() > now) {
        wake = std::min(wake, download.ready_at());
        continue;
      }
      client.start(download.next_request(), download);
      ++running;
    }
    while (running < concurrency && next_fresh < downloads.size()) {
      std::size_t i = next_fresh++;
      Download& download = *downloads[i];
      download.attach(work, i);
      live.push_back(i);
      client.start(download.next_request(), download);
      ++running;
    }
    if (core.confined() && running == 0 && next_fresh == downloads.size()) {
      core.spread();
    }
    // With no transfer on, the files that are done need not wait for a
    // fuller batch.
    commits.set_idle(running == 0 ? TransfersIdle::yes : TransfersIdle::no);
    if (parts) parts->set_idle(running == 0);
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        wake - Download::Clock::now());
    client.poll(std::max(wait, std::chrono::milliseconds(1)));
    // A lane found full (big files are hashed there), or the small files'
    // hashing too far behind: the file work needs more than one core.
    if (core.confined() && (lanes.backed_up() || hashing_behind())) {
      core.spread();
    }
    for (std::size_t i : live) {
      if (downloads[i]->state() == Download::State::running) {
        downloads[i]->hand_off();
      }
    }
    report_finished();
  }
  // What is past its transfer ends (written, checked, named) before the
  // lanes and the commit thread stop.
  commits.set_idle(TransfersIdle::yes);
  lanes.finish();
  if (helpers) helpers->finish();
  if (parts) parts->finish();
  commits.finish();
  report_finished();
}

} // namespace hasher::net
