#pragma once

// A few threads for the file work of downloads (writing the `.part`,
// hashing), so that the transfer thread only moves bytes. Each lane is one
// thread with its own bounded queue: the jobs of one lane run one at a
// time, in the order posted, which is what a download that posts all its
// jobs to one lane needs (its appends, restarts and end stay in order).
// What is traded: a download is tied to its lane, so two downloads on one
// lane wait for each other while another lane may be idle.

#include <hasher/util/bounded_queue.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace hasher::net {

class WorkerLanes {
public:
  // A job must not throw; one that does is dropped (and its exception).
  using Job = std::function<void()>;

  // Starts `lanes` threads (at least one) named `name`, each with room for
  // `depth` queued jobs.
  WorkerLanes(std::size_t lanes, std::size_t depth,
              const char* name = "hasher:lane");
  // Runs what is queued, then joins the threads.
  ~WorkerLanes();
  WorkerLanes(const WorkerLanes&) = delete;
  WorkerLanes& operator=(const WorkerLanes&) = delete;

  // Queues `job` on lane `lane` (modulo the count); blocks while that
  // lane's queue is full. Not to be called after finish().
  void post(std::size_t lane, Job job);
  // Whether a post() has found its lane's queue full: the lanes did not
  // keep up with what was posted. Any thread.
  [[nodiscard]] bool backed_up() const;
  // Runs what is queued and joins the threads; later calls do nothing.
  void finish();
  // Returns once every job posted to `lane` before the call has run. Not
  // to be called from that lane's own jobs.
  void drain(std::size_t lane);

  [[nodiscard]] std::size_t size() const { return m_lanes.size(); }

private:
  struct Lane {
    explicit Lane(std::size_t depth) : queue(depth) {}
    util::BoundedQueue<Job> queue;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Lane>> m_lanes;
};

} // namespace hasher::net
