#include <hasher/util/core_confinement.hpp>

#if defined(__linux__)
#include <dirent.h>
#include <sched.h>
#include <unistd.h>

#include <cstdlib>
#endif

namespace hasher::util {

#if defined(__linux__)

struct CoreConfinement::Saved {
  cpu_set_t cores;
};

CoreConfinement::CoreConfinement() {
  auto saved = std::make_unique<Saved>();
  if (sched_getaffinity(0, sizeof saved->cores, &saved->cores) != 0) return;
  if (CPU_COUNT(&saved->cores) < 2) return;
  int core = sched_getcpu();
  if (core < 0 || !CPU_ISSET(core, &saved->cores)) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(core, &one);
  // Threads inherit their creator's mask.
  if (sched_setaffinity(0, sizeof one, &one) != 0) return;
  m_saved = std::move(saved);
}

void CoreConfinement::spread() {
  if (!m_saved) return;
  // Every thread of the process, this one included: the job's threads were
  // all started by this one while confined (a thread's mask is set by its
  // id, which /proc/self/task lists). Without /proc, this thread at least.
  if (DIR* tasks = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(tasks)) {
      pid_t id = static_cast<pid_t>(std::atoi(entry->d_name));
      if (id > 0) sched_setaffinity(id, sizeof m_saved->cores, &m_saved->cores);
    }
    closedir(tasks);
  } else {
    sched_setaffinity(0, sizeof m_saved->cores, &m_saved->cores);
  }
  m_saved.reset();
}

#else

struct CoreConfinement::Saved {};

CoreConfinement::CoreConfinement() = default;

void CoreConfinement::spread() {}

#endif

CoreConfinement::~CoreConfinement() { spread(); }

bool CoreConfinement::confined() const { return m_saved != nullptr; }

} // namespace hasher::util
