// AtomicFile on POSIX: the destination directory is opened once (any path
// length) and the temp is created, renamed and removed relative to it.
// Overwrite::refuse uses renameat2(RENAME_NOREPLACE), or link + unlink where
// the file system lacks it, so an existing file is never replaced.

#include <hasher/io/atomic_file.hpp>

#include <hasher/io/input_file.hpp>
#include <hasher/io/long_path.hpp>

#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hasher::io {
namespace {

constexpr std::string_view k_infix = ".hasher-";
constexpr std::size_t k_suffix_length = 6;
constexpr int k_create_attempts = 100;
// Room left in NAME_MAX (255) for the dot, the infix and the suffix.
constexpr std::size_t k_name_keep = 255 - 1 - 8 - k_suffix_length;

util::Error errno_error(const std::string& subject, const std::string& doing,
                        int error) {
  return util::Error{error_kind(error), subject,
                     doing + ": " + errno_reason(error)};
}

std::string random_suffix() {
  static constexpr std::string_view k_alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, k_alphabet.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < k_suffix_length; ++i) {
    out += k_alphabet[pick(engine)];
  }
  return out;
}

// Renames without replacing: renameat2 where the file system has it, else a
// hard link (which fails on an existing name) and removal of the temp.
int rename_no_replace(int dir_fd, const std::string& from,
                      const std::string& to) {
  if (::renameat2(dir_fd, from.c_str(), dir_fd, to.c_str(), RENAME_NOREPLACE) ==
      0) {
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS) return errno;
  if (::linkat(dir_fd, from.c_str(), dir_fd, to.c_str(), 0) != 0) return errno;
  ::unlinkat(dir_fd, from.c_str(), 0);
  return 0;
}

} // namespace

TempDirectory::~TempDirectory() { ::close(m_fd); }

std::shared_ptr<const TempDirectory>
TempDirectories::open(const std::string& directory) {
  if (m_last && directory == m_path) return m_last;
  int fd = open_path(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  m_path = directory;
  m_last = std::make_shared<const TempDirectory>(fd);
  return m_last;
}

util::Result<AtomicFile> AtomicFile::create(const std::string& path,
                                            TempDirectories* directories) {
  std::size_t slash = path.rfind('/');
  std::string directory = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : path.substr(0, slash);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::shared_ptr<const TempDirectory> dir;
  if (directories != nullptr) {
    dir = directories->open(directory);
  } else if (int fd = open_path(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
             fd >= 0) {
    dir = std::make_shared<const TempDirectory>(fd);
  }
  if (!dir) return errno_error(path, "cannot open its directory", errno);
  std::string stem = "." + name.substr(0, k_name_keep) + std::string(k_infix);
  for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
    std::string temp = stem + random_suffix();
    int fd = ::openat(dir->fd(), temp.c_str(),
                      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      return AtomicFile(std::move(dir), fd, path, directory, temp, name);
    }
    if (errno != EEXIST) {
      return errno_error(path, "cannot create a temporary file", errno);
    }
  }
  return util::Error{util::ErrorKind::io, path,
                     "cannot create a temporary file: every name is taken"};
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_dir(std::move(other.m_dir)), m_fd(std::exchange(other.m_fd, -1)),
      m_path(std::move(other.m_path)),
      m_directory(std::move(other.m_directory)),
      m_temp_name(std::move(other.m_temp_name)),
      m_name(std::move(other.m_name)), m_written(other.m_written),
      m_committed(std::exchange(other.m_committed, true)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    m_dir = std::move(other.m_dir);
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
    m_directory = std::move(other.m_directory);
    m_temp_name = std::move(other.m_temp_name);
    m_name = std::move(other.m_name);
    m_written = other.m_written;
    m_committed = std::exchange(other.m_committed, true);
  }
  return *this;
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (m_fd >= 0) ::close(m_fd);
  if (m_dir && !m_committed) ::unlinkat(dir_fd(), m_temp_name.c_str(), 0);
  m_fd = -1;
  m_dir.reset();
}

util::Result<std::uint64_t>
AtomicFile::write(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    ssize_t done = ::write(m_fd, bytes.data(), bytes.size());
    if (done < 0) {
      if (errno == EINTR) continue;
      return util::Error{util::ErrorKind::io, m_path,
                         "cannot write: " + errno_reason(errno)};
    }
    bytes = bytes.subspan(static_cast<std::size_t>(done));
    m_written += static_cast<std::uint64_t>(done);
  }
  return m_written;
}

util::Result<std::uint64_t> AtomicFile::sync(DropCache drop) {
  if (::fsync(m_fd) != 0) return errno_error(m_path, "cannot sync", errno);
  // Clean pages can be dropped; a kernel that keeps them anyway only makes
  // the read-back less of a test, never wrong.
  if (drop == DropCache::yes) ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_DONTNEED);
  return m_written;
}

void AtomicFile::start_writeback() {
  // A hint: where the call is not supported the sync does it all later.
  ::sync_file_range(m_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

util::Result<std::uint64_t> AtomicFile::sync_file_system() {
  if (::syncfs(dir_fd()) != 0) return errno_error(m_path, "cannot sync", errno);
  return m_written;
}

util::Result<FileInfo> AtomicFile::commit(const CommitOptions& options) {
  // The data first, so the rename can never expose a file whose blocks are
  // not on disk yet.
  if (options.flush == Flush::each_file && ::fsync(m_fd) != 0) {
    return errno_error(m_path, "cannot sync", errno);
  }
  if (::fchmod(m_fd, static_cast<mode_t>(options.mode & 07777)) != 0) {
    return errno_error(m_path, "cannot set the mode", errno);
  }
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = options.mtime_ns / 1'000'000'000;
  times[1].tv_nsec = options.mtime_ns % 1'000'000'000;
  if (times[1].tv_nsec < 0) {
    times[1].tv_nsec += 1'000'000'000;
    times[1].tv_sec -= 1;
  }
  if (::futimens(m_fd, times) != 0) {
    return errno_error(m_path, "cannot set the modification time", errno);
  }
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) return errno_error(m_path, "cannot stat", errno);
  if (::close(std::exchange(m_fd, -1)) != 0) {
    return errno_error(m_path, "cannot close", errno);
  }
  if (options.overwrite == Overwrite::refuse) {
    int error = rename_no_replace(dir_fd(), m_temp_name, m_name);
    if (error == EEXIST) {
      return util::Error{util::ErrorKind::invalid, m_path, "exists"};
    }
    if (error != 0) return errno_error(m_path, "cannot rename", error);
  } else if (::renameat(dir_fd(), m_temp_name.c_str(), dir_fd(),
                        m_name.c_str()) != 0) {
    return errno_error(m_path, "cannot rename", errno);
  }
  m_committed = true;
  // The rename itself must survive a crash too.
  if (options.flush == Flush::each_file && ::fsync(dir_fd()) != 0) {
    return errno_error(m_path, "cannot sync its directory", errno);
  }
  return file_info(st);
}

bool is_atomic_temp_name(const std::string& name) {
  if (name.size() < 1 + 1 + k_infix.size() + k_suffix_length ||
      name[0] != '.') {
    return false;
  }
  std::size_t infix = name.size() - k_suffix_length - k_infix.size();
  return name.compare(infix, k_infix.size(), k_infix) == 0;
}

std::uint64_t remove_stale_temps(const std::string& directory) {
  int fd = open_path(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return 0;
  }
  std::uint64_t removed = 0;
  while (const struct dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (is_atomic_temp_name(name) && ::unlinkat(fd, name.c_str(), 0) == 0) {
      ++removed;
    }
  }
  ::closedir(dir);
  return removed;
}

void AtomicFile::rename_target(const std::string& name) {
  m_path.resize(m_path.size() - m_name.size());
  m_path += name;
  m_name = name;
}

} // namespace hasher::io
