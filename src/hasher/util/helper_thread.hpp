#pragma once

// A second pair of hands for one thread: jobs posted to the helper run on
// its own thread, in order, while the poster goes on; wait() returns once
// all have run. For work that splits in two, over and over, in pieces too
// small to start a thread for (a big download's pieces through half of its
// digests each, while the lane that posted them computes the other half).
// At most `depth` jobs wait: a helper that falls behind holds its poster.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace hasher::util {

class HelperThread {
public:
  using Job = std::function<void()>;

  // Starts the helper; `name` names it (util/thread_name.hpp).
  HelperThread(const char* name, std::size_t depth);
  // Runs what is posted, then joins it.
  ~HelperThread();
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  // Queues `job`; blocks while `depth` jobs wait. One poster at a time.
  void post(Job job);
  // Returns once every job posted has run; rethrows the first exception
  // one threw since the last wait() (the jobs after it ran all the same).
  void wait();

private:
  void run();

  const std::size_t m_depth;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Job> m_jobs;
  bool m_running = false; // a job taken from m_jobs runs
  bool m_stopping = false;
  std::exception_ptr m_error;
  std::thread m_thread;
};

} // namespace hasher::util
