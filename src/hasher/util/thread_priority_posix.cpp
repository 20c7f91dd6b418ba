#include <hasher/util/thread_priority.hpp>

#include <pthread.h>
#include <sched.h>

namespace hasher::util {

void run_this_thread_when_idle() {
#ifdef SCHED_IDLE
  sched_param none{};
  pthread_setschedparam(pthread_self(), SCHED_IDLE, &none);
#endif
}

} // namespace hasher::util
