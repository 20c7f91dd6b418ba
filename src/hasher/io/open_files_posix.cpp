#include <hasher/io/open_files.hpp>

#include <sys/resource.h>

#include <algorithm>

namespace hasher::io {

std::uint64_t raise_open_file_limit() {
  constexpr rlim_t k_most = 65536;
  struct rlimit limit {};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  rlim_t wanted = limit.rlim_max == RLIM_INFINITY
                      ? k_most
                      : std::min(limit.rlim_max, k_most);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    struct rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? k_most : limit.rlim_cur;
}

} // namespace hasher::io
