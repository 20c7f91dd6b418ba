#include <hasher/net/part_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utility>

namespace hasher::net {
namespace {

// The extended attribute that holds a `.part`'s resume record.
constexpr const char* k_meta_attribute = "user.hasher.resume";

util::Error io_error(const std::string& path, int error) {
  return util::Error{util::ErrorKind::io, path, std::strerror(error)};
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

} // namespace

PartFile::~PartFile() { close(); }

PartFile::PartFile(PartFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)),
      m_record(std::exchange(other.m_record, RecordPlace::none)),
      m_device(other.m_device) {}

PartFile& PartFile::operator=(PartFile&& other) noexcept {
  if (this != &other) {
    close();
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
    m_record = std::exchange(other.m_record, RecordPlace::none);
    m_device = other.m_device;
  }
  return *this;
}

util::Result<std::uint64_t> PartFile::open(const std::string& path,
                                           PartStart start) {
  close();
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
  if (start == PartStart::truncate) flags |= O_TRUNC;
  m_fd = ::open(path.c_str(), flags, 0644);
  if (m_fd < 0 && errno == ENOENT) {
    // The directories are made only when missing: a stat of each level for
    // every download was a tenth of the calls of a run into one directory.
    std::error_code error;
    std::filesystem::create_directories(parent_of(path), error);
    if (error) {
      return util::Error{util::ErrorKind::io, parent_of(path), error.message()};
    }
    m_fd = ::open(path.c_str(), flags, 0644);
  }
  if (m_fd < 0) return io_error(path, errno);
  m_path = path;
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) return io_error(path, errno);
  m_device = static_cast<std::uint64_t>(st.st_dev);
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

void PartFile::write_meta(const std::string& text,
                          const std::string& meta_path) {
  if (::fsetxattr(m_fd, k_meta_attribute, text.data(), text.size(), 0) == 0) {
    m_record = RecordPlace::attribute;
    return;
  }
  std::ofstream meta(meta_path, std::ios::trunc);
  meta << text;
  m_record = RecordPlace::file;
}

void PartFile::drop_record(const std::string& meta_path) {
  if (m_record == RecordPlace::attribute) {
    ::fremovexattr(m_fd, k_meta_attribute);
  } else if (m_record == RecordPlace::file) {
    remove_file(meta_path);
  }
  m_record = RecordPlace::none;
}

util::Result<std::uint64_t> PartFile::device() const {
  if (m_fd < 0) return io_error(m_path, EBADF);
  return m_device;
}

util::Result<std::uint64_t> PartFile::sync_file_system() {
  if (::syncfs(m_fd) != 0) return io_error(m_path, errno);
  return std::uint64_t{0};
}

util::Result<PartFile> PartFile::duplicate() const {
  PartFile copy;
  copy.m_fd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
  if (copy.m_fd < 0) return io_error(m_path, errno);
  copy.m_path = m_path;
  copy.m_device = m_device;
  return copy;
}

void PartFile::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

util::Result<std::uint64_t> rename_file(const std::string& from,
                                        const std::string& to, DirSync sync) {
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error(to, errno);
  if (sync == DirSync::no) return std::uint64_t{0};
  // The rename lasts a power cut only once the directory is synced.
  int dir = ::open(parent_of(to).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return std::uint64_t{0};
}

std::optional<PartRecord> read_part_meta(const std::string& part,
                                         const std::string& meta_path) {
  ssize_t size = ::getxattr(part.c_str(), k_meta_attribute, nullptr, 0);
  if (size >= 0) {
    std::string text(static_cast<std::size_t>(size), '\0');
    size = ::getxattr(part.c_str(), k_meta_attribute, text.data(), text.size());
    if (size >= 0) {
      text.resize(static_cast<std::size_t>(size));
      return PartRecord{std::move(text), RecordPlace::attribute};
    }
  }
  // No `.part` at all: nothing to resume, whatever a meta file says.
  if (errno == ENOENT) return std::nullopt;
  std::ifstream meta(meta_path, std::ios::binary);
  if (!meta) return std::nullopt;
  std::ostringstream text;
  text << meta.rdbuf();
  return PartRecord{text.str(), RecordPlace::file};
}

void remove_file(const std::string& path) { ::unlink(path.c_str()); }

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

} // namespace hasher::net
