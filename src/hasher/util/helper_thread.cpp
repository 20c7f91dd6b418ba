#include <hasher/util/helper_thread.hpp>

#include <hasher/util/thread_name.hpp>

#include <algorithm>
#include <utility>

namespace hasher::util {

HelperThread::HelperThread(const char* name, std::size_t depth)
    : m_depth(std::max<std::size_t>(1, depth)), m_thread([this, name] {
        name_this_thread(name);
        run();
      }) {}

HelperThread::~HelperThread() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

void HelperThread::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_changed.wait(lock, [&] { return !m_jobs.empty() || m_stopping; });
    if (m_jobs.empty()) return;
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    m_running = true;
    lock.unlock();
    // The poster may be waiting for room.
    m_changed.notify_all();
    std::exception_ptr error;
    try {
      job();
    } catch (...) {
      error = std::current_exception();
    }
    job = nullptr; // what it holds goes now, not at the next job
    lock.lock();
    if (error && !m_error) m_error = error;
    m_running = false;
    if (m_jobs.empty()) m_changed.notify_all();
  }
}

void HelperThread::post(Job job) {
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_jobs.size() < m_depth; });
    m_jobs.push_back(std::move(job));
  }
  m_changed.notify_all();
}

void HelperThread::wait() {
  std::exception_ptr error;
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_jobs.empty() && !m_running; });
    error = std::exchange(m_error, nullptr);
  }
  if (error) std::rethrow_exception(error);
}

} // namespace hasher::util
