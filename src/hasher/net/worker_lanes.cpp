#include <hasher/net/worker_lanes.hpp>

#include <hasher/util/thread_name.hpp>

#include <algorithm>
#include <future>

namespace hasher::net {

WorkerLanes::WorkerLanes(std::size_t lanes, std::size_t depth,
                         const char* name) {
  lanes = std::max<std::size_t>(1, lanes);
  depth = std::max<std::size_t>(1, depth);
  for (std::size_t i = 0; i < lanes; ++i) {
    m_lanes.push_back(std::make_unique<Lane>(depth));
  }
  for (std::unique_ptr<Lane>& lane : m_lanes) {
    Lane* self = lane.get();
    self->thread = std::thread([self, name] {
      util::name_this_thread(name);
      while (std::optional<Job> job = self->queue.pop()) {
        try {
          (*job)();
        } catch (...) {
          // Jobs report their own trouble; nothing may end the thread.
        }
      }
    });
  }
}

WorkerLanes::~WorkerLanes() { finish(); }

void WorkerLanes::post(std::size_t lane, Job job) {
  m_lanes[lane % m_lanes.size()]->queue.push(std::move(job));
}

bool WorkerLanes::backed_up() const {
  return std::any_of(m_lanes.begin(), m_lanes.end(), [](const auto& lane) {
    return lane->queue.has_been_full();
  });
}

void WorkerLanes::drain(std::size_t lane) {
  // The lane runs its jobs in order: when this one runs, so have the rest.
  std::promise<void> ran;
  std::future<void> done = ran.get_future();
  post(lane, [&ran] { ran.set_value(); });
  done.wait();
}

void WorkerLanes::finish() {
  for (std::unique_ptr<Lane>& lane : m_lanes) lane->queue.close();
  for (std::unique_ptr<Lane>& lane : m_lanes) {
    if (lane->thread.joinable()) lane->thread.join();
  }
}

} // namespace hasher::net
