#pragma once

// An exclusive OS advisory lock on a lock file (flock on POSIX). The lock is
// released by the kernel when the process dies, however it dies, which is
// what makes a stale run detectable.

#include <optional>
#include <string>

namespace hasher::io {

class FileLock {
public:
  // Creates `path` if needed and locks it without waiting; nullopt when
  // another process holds it. Throws util::FatalError when the file cannot
  // be created.
  static std::optional<FileLock> try_lock(const std::string& path);

  // True when some process holds the lock on `path` (false when the file
  // does not exist).
  static bool is_held(const std::string& path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  // Unlocks and removes the lock file.
  void release();

private:
  FileLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::string m_path;
};

// This machine's host name.
std::string host_name();

// True when a process with this id exists on this machine.
bool process_alive(long pid);

} // namespace hasher::io
