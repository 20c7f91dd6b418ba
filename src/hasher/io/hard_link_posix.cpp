// Hard-link replacement on POSIX. Both parent directories are opened once
// (O_PATH, any path length) and everything after is relative to them
// (fstatat, linkat, renameat, unlinkat), so a directory renamed meanwhile
// cannot send the link elsewhere. Nothing is fsynced: after a crash the
// duplicate's name holds either its old file or the link, both the same
// bytes, and at worst a temporary name is left behind.

#include <hasher/io/hard_link.hpp>

#include <hasher/io/long_path.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace hasher::io {
namespace {

constexpr std::size_t k_chunk_bytes = 256 * 1024;
constexpr int k_temp_attempts = 100;
// The longest file name POSIX file systems take (NAME_MAX on Linux).
constexpr std::size_t k_name_max = 255;
constexpr std::string_view k_temp_infix = ".hasher-link-";

util::Error errno_error(const std::string& subject, const std::string& doing,
                        int error) {
  std::string reason = errno_reason(error);
  if (!doing.empty()) reason = doing + ": " + reason;
  return util::Error{error_kind(error), subject, reason};
}

bool same_file(const FileInfo& a, const FileInfo& b) {
  return a.inode == b.inode && a.device == b.device;
}

bool unchanged(const FileInfo& before, const FileInfo& now) {
  return same_file(before, now) && before.size == now.size &&
         before.mtime_ns == now.mtime_ns;
}

util::Error changed(const std::string& path) {
  return util::Error{util::ErrorKind::changed, path,
                     "changed since it was compared"};
}

// "/a/b/c" → {"/a/b", "c"}, "/c" → {"/", "c"}, "c" → {".", "c"}.
std::pair<std::string, std::string> split_path(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  return {parent, path.substr(slash + 1)};
}

// A directory opened O_PATH for the *at calls, closed when done.
class Directory {
public:
  explicit Directory(const std::string& path)
      : m_fd(open_path(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) {}
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  ~Directory() {
    if (m_fd >= 0) ::close(m_fd);
  }
  [[nodiscard]] int fd() const { return m_fd; }

private:
  int m_fd;
};

// `.<name>.hasher-link-XXXXXX`, the name cut short where the whole would
// not fit in one directory entry.
std::string temporary_name(const std::string& name, std::mt19937& random) {
  static constexpr char k_letters[] = "abcdefghijklmnopqrstuvwxyz"
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof k_letters - 2);
  std::string suffix;
  for (int i = 0; i < 6; ++i) suffix += k_letters[pick(random)];
  std::size_t room = k_name_max - 1 - k_temp_infix.size() - suffix.size();
  return "." + name.substr(0, room) + std::string(k_temp_infix) + suffix;
}

} // namespace

util::Result<PathStatus> lstat_file(const std::string& path) {
  struct stat st {};
  if (stat_path(path, &st, FollowLinks::no) != 0) {
    return errno_error(path, "", errno);
  }
  PathStatus status;
  status.kind = S_ISREG(st.st_mode) ? FileKind::regular : FileKind::other;
  status.info = file_info(st);
  return status;
}

util::Result<SameBytes> compare_files(const std::string& first,
                                      const FileInfo& first_info,
                                      const std::string& second,
                                      const FileInfo& second_info) {
  util::Result<InputFile> a = InputFile::open(first, AT_FDCWD);
  if (!a) return a.error();
  if (!unchanged(first_info, a->info())) return changed(first);
  util::Result<InputFile> b = InputFile::open(second, AT_FDCWD);
  if (!b) return b.error();
  if (!unchanged(second_info, b->info())) return changed(second);
  if (a->info().size != b->info().size) return SameBytes::no;

  std::vector<std::uint8_t> a_bytes(k_chunk_bytes);
  std::vector<std::uint8_t> b_bytes(k_chunk_bytes);
  for (;;) {
    util::Result<std::size_t> a_read = a->read(a_bytes);
    if (!a_read) return a_read.error();
    util::Result<std::size_t> b_read = b->read(b_bytes);
    if (!b_read) return b_read.error();
    if (*a_read != *b_read ||
        std::memcmp(a_bytes.data(), b_bytes.data(), *a_read) != 0) {
      return SameBytes::no;
    }
    if (*a_read == 0) break;
  }
  // Equal bytes only count if neither file moved under us.
  for (InputFile* file : {&*a, &*b}) {
    util::Result<FileInfo> now = file->restat();
    if (!now) return now.error();
    if (!unchanged(file->info(), *now)) return changed(file->path());
  }
  return SameBytes::yes;
}

util::Result<FileInfo> replace_with_hard_link(const std::string& keeper,
                                              const FileInfo& keeper_info,
                                              const std::string& duplicate,
                                              const FileInfo& duplicate_info) {
  auto [duplicate_parent, duplicate_name] = split_path(duplicate);
  auto [keeper_parent, keeper_name] = split_path(keeper);
  Directory duplicate_dir(duplicate_parent);
  if (duplicate_dir.fd() < 0) {
    return errno_error(duplicate_parent, "cannot open directory", errno);
  }
  Directory keeper_dir(keeper_parent);
  if (keeper_dir.fd() < 0) {
    return errno_error(keeper_parent, "cannot open directory", errno);
  }
  struct stat st {};
  if (::fstatat(duplicate_dir.fd(), duplicate_name.c_str(), &st,
                AT_SYMLINK_NOFOLLOW) != 0) {
    return errno_error(duplicate, "", errno);
  }
  if (!S_ISREG(st.st_mode) || !unchanged(duplicate_info, file_info(st))) {
    return changed(duplicate);
  }

  // The link under a fresh temporary name beside the duplicate.
  std::mt19937 random(std::random_device{}());
  std::string temp;
  bool made = false;
  for (int attempt = 0; attempt < k_temp_attempts && !made; ++attempt) {
    temp = temporary_name(duplicate_name, random);
    if (::linkat(keeper_dir.fd(), keeper_name.c_str(), duplicate_dir.fd(),
                 temp.c_str(), 0) == 0) {
      made = true;
    } else if (errno != EEXIST) {
      return errno_error(duplicate, "cannot link to " + keeper, errno);
    }
  }
  if (!made) {
    return util::Error{util::ErrorKind::io, duplicate,
                       "no free temporary name for the link"};
  }
  auto drop_temp = [&] {
    int saved = errno;
    ::unlinkat(duplicate_dir.fd(), temp.c_str(), 0);
    errno = saved;
  };

  // The keeper's name may have been replaced since it was compared.
  if (::fstatat(duplicate_dir.fd(), temp.c_str(), &st, AT_SYMLINK_NOFOLLOW) !=
          0 ||
      !unchanged(keeper_info, file_info(st))) {
    drop_temp();
    return changed(keeper);
  }
  FileInfo linked = file_info(st);

  if (::renameat(duplicate_dir.fd(), temp.c_str(), duplicate_dir.fd(),
                 duplicate_name.c_str()) != 0) {
    int error = errno;
    drop_temp();
    return errno_error(duplicate, "cannot replace", error);
  }
  // rename(2) of two links to one inode succeeds doing nothing: should the
  // duplicate have become the keeper's inode meanwhile, the temporary
  // name is still there.
  if (::fstatat(duplicate_dir.fd(), temp.c_str(), &st, AT_SYMLINK_NOFOLLOW) ==
      0) {
    drop_temp();
  }
  return linked;
}

} // namespace hasher::io
