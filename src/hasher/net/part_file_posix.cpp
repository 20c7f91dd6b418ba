#include <hasher/net/part_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace hasher::net {
namespace {

util::Error io_error(const std::string& path, int error) {
  return util::Error{util::ErrorKind::io, path, std::strerror(error)};
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

} // namespace

PartFile::~PartFile() { close(); }

util::Result<std::uint64_t> PartFile::open(const std::string& path,
                                           PartStart start) {
  close();
  std::error_code error;
  std::filesystem::create_directories(parent_of(path), error);
  if (error) {
    return util::Error{util::ErrorKind::io, parent_of(path), error.message()};
  }
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
  if (start == PartStart::truncate) flags |= O_TRUNC;
  m_fd = ::open(path.c_str(), flags, 0644);
  if (m_fd < 0) return io_error(path, errno);
  m_path = path;
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) return io_error(path, errno);
  return static_cast<std::uint64_t>(st.st_size);
}

util::Result<std::uint64_t>
PartFile::append(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    ssize_t done = ::write(m_fd, bytes.data(), bytes.size());
    if (done < 0) {
      if (errno == EINTR) continue;
      return io_error(m_path, errno);
    }
    bytes = bytes.subspan(static_cast<std::size_t>(done));
  }
  return std::uint64_t{0};
}

util::Result<std::uint64_t> PartFile::truncate() {
  if (::ftruncate(m_fd, 0) != 0) return io_error(m_path, errno);
  return std::uint64_t{0};
}

util::Result<std::uint64_t> PartFile::close_synced() {
  if (::fsync(m_fd) != 0) return io_error(m_path, errno);
  int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) return io_error(m_path, errno);
  return std::uint64_t{0};
}

void PartFile::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

util::Result<std::uint64_t> rename_file(const std::string& from,
                                        const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error(to, errno);
  // The rename lasts a power cut only once the directory is synced.
  int dir = ::open(parent_of(to).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return std::uint64_t{0};
}

void remove_file(const std::string& path) { ::unlink(path.c_str()); }

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

} // namespace hasher::net
