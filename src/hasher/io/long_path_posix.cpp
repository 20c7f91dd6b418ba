// Long paths on POSIX: a path shorter than PATH_MAX goes straight to
// open/stat/lstat. A longer one is cut after a '/' so that each piece is
// shorter than PATH_MAX; every piece but the last is opened with
// openat(O_PATH | O_DIRECTORY) relative to the directory the previous piece
// reached, and the last piece is opened (or stat'ed) relative to the final
// directory. Cutting only between components keeps the meaning of the path:
// the kernel resolves each piece exactly as it would have resolved that part
// of the whole path (symlinks followed, ".." physical).

#include <hasher/io/long_path.hpp>

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>

namespace hasher::io {
namespace {

// Closes `fd` (when it is one of ours) without disturbing errno.
void close_quietly(int fd) {
  if (fd < 0) return;
  int saved = errno;
  ::close(fd);
  errno = saved;
}

// Resolves all of `path` but its last piece. Returns the directory the last
// piece is relative to (AT_FDCWD for a short path, else a descriptor the
// caller closes) and sets `rest` to that piece; -1 with errno set on failure.
int open_prefix(const std::string& path, std::string& rest) {
  if (path.size() < PATH_MAX) {
    rest = path;
    return AT_FDCWD;
  }
  std::string_view remaining = path;
  int base = AT_FDCWD;
  while (remaining.size() >= PATH_MAX) {
    // The piece ends with the last '/' that keeps it shorter than PATH_MAX.
    std::size_t cut = remaining.rfind('/', PATH_MAX - 2);
    if (cut == std::string_view::npos) {
      close_quietly(base);
      errno = ENAMETOOLONG;
      return -1;
    }
    std::string piece(remaining.substr(0, cut + 1));
    int next = ::openat(base, piece.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    close_quietly(base);
    if (next < 0) return -1;
    base = next;
    // Further slashes would make the rest look absolute.
    remaining.remove_prefix(cut + 1);
    while (!remaining.empty() && remaining.front() == '/') {
      remaining.remove_prefix(1);
    }
  }
  // "long/dir/" names the directory itself, as plain open would take it.
  rest = remaining.empty() ? std::string(".") : std::string(remaining);
  return base;
}

} // namespace

int open_path(const std::string& path, int flags, mode_t mode) {
  if (path.size() < PATH_MAX) return ::open(path.c_str(), flags, mode);
  std::string rest;
  int base = open_prefix(path, rest);
  if (base == -1) return -1;
  int fd = ::openat(base, rest.c_str(), flags, mode);
  close_quietly(base);
  return fd;
}

int stat_path(const std::string& path, struct stat* st, FollowLinks follow) {
  int at_flags = follow == FollowLinks::yes ? 0 : AT_SYMLINK_NOFOLLOW;
  if (path.size() < PATH_MAX) {
    return ::fstatat(AT_FDCWD, path.c_str(), st, at_flags);
  }
  std::string rest;
  int base = open_prefix(path, rest);
  if (base == -1) return -1;
  int result = ::fstatat(base, rest.c_str(), st, at_flags);
  close_quietly(base);
  return result;
}

} // namespace hasher::io
