#include <hasher/io/input_file.hpp>

#include <hasher/io/long_path.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hasher::io {
namespace {

constexpr off_t k_advise_threshold = 1 << 20;

} // namespace

std::string errno_reason(int error) { return std::strerror(error); }

util::ErrorKind error_kind(int error) {
  switch (error) {
  case ENOENT:
  case ENOTDIR:
    return util::ErrorKind::not_found;
  case EACCES:
  case EPERM:
    return util::ErrorKind::permission;
  case EAGAIN:
  case EBUSY:
  case EINTR:
  case EMFILE:
  case ENFILE:
  case ENOMEM:
    return util::ErrorKind::transient;
  default:
    return util::ErrorKind::io;
  }
}

FileInfo file_info(const struct stat& st) {
  FileInfo info;
  info.size = static_cast<std::uint64_t>(st.st_size);
  info.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                  st.st_mtim.tv_nsec;
  info.inode = static_cast<std::uint64_t>(st.st_ino);
  info.device = static_cast<std::uint64_t>(st.st_dev);
  info.permissions = static_cast<std::uint32_t>(st.st_mode & 07777);
  return info;
}

util::Result<InputFile> InputFile::open(const std::string& path, int dir_fd) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const int open_flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  // From the current directory, a path may be longer than PATH_MAX.
  int fd = dir_fd == AT_FDCWD ? open_path(path, open_flags)
                              : ::openat(dir_fd, path.c_str(), open_flags);
  if (fd < 0) {
    int error = errno;
    return util::Error{error_kind(error), path, errno_reason(error)};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int error = errno;
    ::close(fd);
    return util::Error{error_kind(error), path, errno_reason(error)};
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) {
      return util::Error{util::ErrorKind::invalid, path, "is a directory"};
    }
    return util::Error{util::ErrorKind::special, path, "not a regular file"};
  }
  // O_NONBLOCK stays set: it has no effect on regular files, and clearing it
  // would cost two system calls per file. Read-ahead hints only pay off for
  // files that take more than a few reads.
  if (st.st_size >= k_advise_threshold) {
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  return InputFile(fd, path, file_info(st), true);
}

InputFile InputFile::standard_input() {
  FileInfo info;
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
    info = file_info(st);
  }
  return InputFile(STDIN_FILENO, "-", info, false);
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_fd(other.m_fd), m_path(std::move(other.m_path)), m_info(other.m_info),
      m_owned(other.m_owned), m_offset(other.m_offset) {
  other.m_fd = -1;
}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (m_owned && m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    m_path = std::move(other.m_path);
    m_info = other.m_info;
    m_owned = other.m_owned;
    m_offset = other.m_offset;
    other.m_fd = -1;
  }
  return *this;
}

InputFile::~InputFile() {
  if (m_owned && m_fd >= 0) ::close(m_fd);
}

util::Result<std::size_t> InputFile::read(std::span<std::uint8_t> buffer) {
  std::size_t filled = 0;
  while (filled < buffer.size()) {
    // Once the size seen at open is read, stop without asking for the end:
    // restat() tells whether the file grew (a size of 0 may be a lie, as in
    // /proc, so such files are read to their end).
    if (m_info.size > 0 && m_offset >= m_info.size) break;
    ssize_t got = ::read(m_fd, buffer.data() + filled, buffer.size() - filled);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      int error = errno;
      return util::Error{error_kind(error), m_path, errno_reason(error)};
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
    m_offset += static_cast<std::uint64_t>(got);
  }
  return filled;
}

util::Result<FileInfo> InputFile::restat() const {
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) {
    int error = errno;
    return util::Error{error_kind(error), m_path, errno_reason(error)};
  }
  return file_info(st);
}

} // namespace hasher::io
