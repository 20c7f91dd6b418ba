#include <hasher/util/thread_name.hpp>

#include <pthread.h>

#include <cstring>

namespace hasher::util {

void name_this_thread(const char* name) {
#if defined(__linux__)
  char cut[16] = {};
  std::strncpy(cut, name, sizeof cut - 1);
  pthread_setname_np(pthread_self(), cut);
#else
  (void)name;
#endif
}

} // namespace hasher::util
