// The tree walk, on POSIX directory calls. Every directory is opened once
// with openat() relative to its parent's descriptor, listed in full through
// readdir() on a duplicate descriptor, and its names sorted; the parent
// descriptor then serves fstatat() and openat() for the entries, so no path
// is ever resolved from the root again and no chdir() is needed. Depth first
// keeps a stack of (descriptor, sorted names) frames, one per level of the
// current path, and one growing path string; below k_open_levels levels a
// frame gives its descriptor back after listing (the process has a limited
// number) and its entries are reached by path through io::open_path and
// io::stat_path, which handle paths longer than PATH_MAX. Breadth first
// keeps a FIFO of directory paths, each with the chain of its ancestors'
// (st_dev, st_ino) for loop detection, and opens each by path when its turn
// comes. What it trades away: a directory's whole name list is held while
// its subtree is walked (needed for the sorted order), and a race in which
// an entry changes type between readdir and open is reported as an error or
// a skip, not retried.
//
// Per entry the walk makes one allocation, the path it hands on: a
// directory's names sit in one buffer (NUL-terminated, so they serve
// fstatat and fnmatch as they are), are sorted as small records keyed by
// their first eight bytes, and the filters get tails of the built path
// instead of copies.

#include <hasher/walk/tree_walker.hpp>

#include <hasher/io/long_path.hpp>

#include <algorithm>
#include <cerrno>
#include <compare>
#include <deque>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace hasher::walk {
namespace {

// Depth-first frames at this depth or deeper do not keep their directory
// open: far below the default limit of 1024 descriptors, leaving room for
// the workers' files.
constexpr std::uint64_t k_open_levels = 48;

// Owns a file descriptor.
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  [[nodiscard]] int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

private:
  int m_fd = -1;
};

// Identifies a directory for loop detection.
struct DirId {
  dev_t device;
  ino_t inode;
  auto operator<=>(const DirId&) const = default;
};

// A directory that is open, with its identity.
struct OpenDir {
  Fd fd;
  DirId id;
};

// A breadth-first directory's ancestor chain, shared by its subdirectories.
struct Ancestor {
  DirId id;
  std::shared_ptr<const Ancestor> parent;
};

enum class Type { regular, directory, link, special, unknown };

// One directory entry; `name` points into its Listing's buffer.
struct Child {
  std::uint64_t key; // the name's first 8 bytes, big-endian, zero-padded
  const char* name;  // NUL-terminated
  std::uint32_t size;
  Type type;

  [[nodiscard]] std::string_view view() const { return {name, size}; }
};

// A directory's entries, sorted bytewise by name. Moving it keeps the
// children's names valid (the buffer is on the heap).
struct Listing {
  std::vector<char> names;
  std::vector<Child> children;
};

// Bytewise name order: names cannot hold a NUL, so the zero padding of a
// short name's key sorts it before any longer name with the same start,
// and equal keys mean both names share their first eight bytes.
bool name_less(const Child& a, const Child& b) {
  if (a.key != b.key) return a.key < b.key;
  if (a.size <= 8 || b.size <= 8) return a.size < b.size;
  return std::string_view(a.name + 8, a.size - 8) <
         std::string_view(b.name + 8, b.size - 8);
}

std::uint64_t name_key(std::string_view name) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    key <<= 8;
    if (i < name.size()) key |= static_cast<unsigned char>(name[i]);
  }
  return key;
}

// What to do after an entry has been looked at.
enum class Step { next, descend, stop };

Type type_of_dirent(unsigned char d_type) {
  switch (d_type) {
  case DT_REG:
    return Type::regular;
  case DT_DIR:
    return Type::directory;
  case DT_LNK:
    return Type::link;
  case DT_UNKNOWN:
    return Type::unknown;
  default:
    return Type::special;
  }
}

Type type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return Type::regular;
  if (S_ISDIR(mode)) return Type::directory;
  if (S_ISLNK(mode)) return Type::link;
  return Type::special;
}

util::Error error_for(const std::string& path, int error) {
  util::ErrorKind kind = util::ErrorKind::io;
  if (error == ENOENT || error == ENOTDIR) kind = util::ErrorKind::not_found;
  if (error == EACCES || error == EPERM) kind = util::ErrorKind::permission;
  return util::Error{kind, path, io::errno_reason(error)};
}

// `dir` + "/" + `name` (no second slash after a root "/"), in one
// allocation.
std::string join(std::string_view dir, std::string_view name) {
  std::string path;
  const bool slash = dir.empty() || dir.back() != '/';
  path.reserve(dir.size() + (slash ? 1 : 0) + name.size());
  path.append(dir);
  if (slash) path.push_back('/');
  path.append(name);
  return path;
}

class Walker {
public:
  Walker(const std::string& root, const WalkOptions& options,
         WalkVisitor& visitor)
      : m_root(root), m_options(options), m_visitor(visitor),
        m_filters(options.filters),
        m_prefix(root.size() + (!root.empty() && root.back() == '/' ? 0 : 1)) {}

  bool run();

private:
  struct Frame {
    Fd fd; // -1 when given back (deep levels)
    DirId id;
    std::uint64_t depth;   // 0 = the root
    std::size_t path_size; // length of this directory's path
    Listing listing;
    std::size_t next = 0;
  };

  bool walk_depth_first(OpenDir root);
  bool walk_breadth_first(OpenDir root);
  // `name` is relative to `parent_fd`; with parent_fd -1, `path` is used.
  std::optional<OpenDir> open_directory(int parent_fd, const char* name,
                                        const std::string& path);
  std::optional<Listing> list(int fd, const std::string& path);
  // A file is handed on with `path` moved into its entry; for any other
  // step `path` is left as it was.
  Step visit(int dir_fd, const Child& child, std::string& path,
             std::uint64_t depth);
  int stat_entry(int dir_fd, const char* name, const std::string& path,
                 struct stat* st, io::FollowLinks follow) const;
  void skip_with_warning(const std::string& path, const std::string& reason);
  void report_loop(const std::string& path);

  const std::string& m_root;
  const WalkOptions& m_options;
  WalkVisitor& m_visitor;
  FilterSet m_filters;
  std::size_t m_prefix; // the root and its '/': cut to get relative paths
};

bool Walker::run() {
  if (m_root == "-") {
    return m_visitor.on_file({"-", EntryKind::standard_input, std::nullopt});
  }
  // A root is followed even when it is a symbolic link.
  struct stat st {};
  if (io::stat_path(m_root, &st, io::FollowLinks::yes) != 0) {
    m_visitor.on_error(error_for(m_root, errno));
    return true;
  }
  if (S_ISREG(st.st_mode)) {
    io::FileInfo info = io::file_info(st);
    std::string_view name = m_root;
    name.remove_prefix(std::min(name.size(), name.rfind('/') + 1));
    if (m_filters.drops_extension(name) || !m_filters.accepts(info)) {
      m_visitor.on_skip(m_root, "filtered");
      return true;
    }
    return m_visitor.on_file({m_root, EntryKind::file, info});
  }
  if (!S_ISDIR(st.st_mode)) {
    m_visitor.on_skip(m_root, "special file");
    return true;
  }
  if (m_options.max_depth && *m_options.max_depth == 0) return true;

  Fd fd(io::open_path(m_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
    m_visitor.on_error(error_for(m_root, errno));
    return true;
  }
  OpenDir root{std::move(fd), DirId{st.st_dev, st.st_ino}};
  if (m_options.order == WalkOrder::breadth_first) {
    return walk_breadth_first(std::move(root));
  }
  return walk_depth_first(std::move(root));
}

bool Walker::walk_depth_first(OpenDir root) {
  std::vector<Frame> stack;
  std::set<DirId> on_path;
  // The path of the directory on top of the stack (or deeper: cut on use).
  std::string dir_path = m_root;

  auto enter = [&](OpenDir dir, std::uint64_t depth) {
    std::optional<Listing> children = list(dir.fd.get(), dir_path);
    if (!children) return;
    if (depth >= k_open_levels) dir.fd.reset();
    on_path.insert(dir.id);
    stack.push_back(Frame{std::move(dir.fd), dir.id, depth, dir_path.size(),
                          std::move(*children)});
  };

  enter(std::move(root), 0);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.listing.children.size()) {
      on_path.erase(top.id);
      stack.pop_back();
      continue;
    }
    const Child& child = top.listing.children[top.next++];
    const std::uint64_t depth = top.depth + 1;
    std::string path =
        join(std::string_view(dir_path).substr(0, top.path_size), child.view());
    Step step = visit(top.fd.get(), child, path, depth);
    if (step == Step::stop) return false;
    if (step == Step::next) continue;

    // A directory to descend into, unless it is one of its own ancestors.
    std::optional<OpenDir> dir = open_directory(top.fd.get(), child.name, path);
    if (!dir) continue;
    if (on_path.contains(dir->id)) {
      report_loop(path);
      continue;
    }
    dir_path = std::move(path);
    enter(std::move(*dir), depth);
  }
  return true;
}

bool Walker::walk_breadth_first(OpenDir root) {
  struct Queued {
    std::string path;
    std::uint64_t depth;
    std::shared_ptr<const Ancestor> parent;
  };
  std::deque<Queued> queue;

  // Lists one directory, yields its files and queues its subdirectories.
  auto expand = [&](const std::string& path, const OpenDir& dir,
                    std::uint64_t depth,
                    std::shared_ptr<const Ancestor> parent) {
    std::optional<Listing> children = list(dir.fd.get(), path);
    if (!children) return true;
    auto self =
        std::make_shared<const Ancestor>(Ancestor{dir.id, std::move(parent)});
    for (const Child& child : children->children) {
      std::string child_path = join(path, child.view());
      Step step = visit(dir.fd.get(), child, child_path, depth + 1);
      if (step == Step::stop) return false;
      if (step == Step::descend) {
        queue.push_back({std::move(child_path), depth + 1, self});
      }
    }
    return true;
  };

  if (!expand(m_root, root, 0, nullptr)) return false;
  while (!queue.empty()) {
    Queued next = std::move(queue.front());
    queue.pop_front();
    std::optional<OpenDir> dir = open_directory(-1, "", next.path);
    if (!dir) continue;
    bool loop = false;
    for (const Ancestor* a = next.parent.get(); a != nullptr && !loop;
         a = a->parent.get()) {
      loop = a->id == dir->id;
    }
    if (loop) {
      report_loop(next.path);
      continue;
    }
    if (!expand(next.path, *dir, next.depth, std::move(next.parent))) {
      return false;
    }
  }
  return true;
}

std::optional<OpenDir> Walker::open_directory(int parent_fd, const char* name,
                                              const std::string& path) {
  int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
  // Not following: an entry that became a link since readdir stays a link.
  if (m_options.follow == FollowSymlinks::no) flags |= O_NOFOLLOW;
  Fd fd(parent_fd >= 0 ? ::openat(parent_fd, name, flags)
                       : io::open_path(path, flags));
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
    int error = errno;
    if (error == ELOOP && m_options.follow == FollowSymlinks::no) {
      m_visitor.on_skip(path, "symbolic link");
    } else {
      m_visitor.on_error(error_for(path, error));
    }
    return std::nullopt;
  }
  return OpenDir{std::move(fd), DirId{st.st_dev, st.st_ino}};
}

std::optional<Listing> Walker::list(int fd, const std::string& path) {
  // The stream gets its own descriptor: `fd` stays for openat/fstatat.
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  DIR* dir = copy >= 0 ? ::fdopendir(copy) : nullptr;
  if (dir == nullptr) {
    int error = errno;
    if (copy >= 0) ::close(copy);
    m_visitor.on_error(error_for(path, error));
    return std::nullopt;
  }
  Listing listing;
  // Names go into the buffer first; pointers are set once it stops growing.
  std::vector<std::size_t> offsets;
  int error = 0;
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      error = errno;
      break;
    }
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    offsets.push_back(listing.names.size());
    listing.names.insert(listing.names.end(), name.begin(), name.end());
    listing.names.push_back('\0');
    listing.children.push_back({name_key(name), nullptr,
                                static_cast<std::uint32_t>(name.size()),
                                type_of_dirent(entry->d_type)});
  }
  ::closedir(dir);
  // What was read before a read error is still walked.
  if (error != 0) m_visitor.on_error(error_for(path, error));
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    listing.children[i].name = listing.names.data() + offsets[i];
  }
  std::sort(listing.children.begin(), listing.children.end(), name_less);
  return listing;
}

Step Walker::visit(int dir_fd, const Child& child, std::string& path,
                   std::uint64_t depth) {
  const bool below_limit = !m_options.max_depth || depth < *m_options.max_depth;
  // A directory past the depth limit is not looked at at all.
  if (child.type == Type::directory && !below_limit) return Step::next;
  if (m_filters.drops_hidden(child.view())) {
    m_visitor.on_skip(path, "hidden");
    return Step::next;
  }
  // The path below the root: a tail of `path`, NUL-terminated.
  const char* relative = path.c_str() + m_prefix;
  if (m_filters.excludes(child.name, relative)) {
    m_visitor.on_skip(path, "filtered");
    return Step::next;
  }

  // Find out what the entry is, with a stat only where d_type is silent or
  // a link is to be followed.
  Type type = child.type;
  struct stat st {};
  bool have_stat = false;
  if (type == Type::unknown) {
    if (stat_entry(dir_fd, child.name, path, &st, io::FollowLinks::no) != 0) {
      m_visitor.on_error(error_for(path, errno));
      return Step::next;
    }
    have_stat = true;
    type = type_of_mode(st.st_mode);
  }
  if (type == Type::link) {
    if (m_options.follow == FollowSymlinks::no) {
      m_visitor.on_skip(path, "symbolic link");
      return Step::next;
    }
    if (stat_entry(dir_fd, child.name, path, &st, io::FollowLinks::yes) != 0) {
      int error = errno;
      if (error == ENOENT || error == ENOTDIR) {
        skip_with_warning(path, "dangling symbolic link");
      } else if (error == ELOOP) {
        skip_with_warning(path, "symbolic link loop");
      } else {
        m_visitor.on_error(error_for(path, error));
      }
      return Step::next;
    }
    have_stat = true;
    type = type_of_mode(st.st_mode);
  }
  if (type == Type::directory) {
    return below_limit ? Step::descend : Step::next;
  }
  if (type != Type::regular) {
    m_visitor.on_skip(path, "special file");
    return Step::next;
  }

  // A regular file: name filters first, then those that need a stat.
  if (!m_filters.includes(child.name, relative) ||
      m_filters.drops_extension(child.view())) {
    m_visitor.on_skip(path, "filtered");
    return Step::next;
  }
  if ((m_filters.needs_stat() || m_options.stat_files == StatFiles::always) &&
      !have_stat) {
    if (stat_entry(dir_fd, child.name, path, &st, io::FollowLinks::no) != 0) {
      m_visitor.on_error(error_for(path, errno));
      return Step::next;
    }
    have_stat = true;
  }
  std::optional<io::FileInfo> info;
  if (have_stat) info = io::file_info(st);
  if (info && !m_filters.accepts(*info)) {
    m_visitor.on_skip(path, "filtered");
    return Step::next;
  }
  return m_visitor.on_file({std::move(path), EntryKind::file, info})
             ? Step::next
             : Step::stop;
}

int Walker::stat_entry(int dir_fd, const char* name, const std::string& path,
                       struct stat* st, io::FollowLinks follow) const {
  if (dir_fd < 0) return io::stat_path(path, st, follow);
  int flags = follow == io::FollowLinks::yes ? 0 : AT_SYMLINK_NOFOLLOW;
  return ::fstatat(dir_fd, name, st, flags);
}

void Walker::skip_with_warning(const std::string& path,
                               const std::string& reason) {
  m_visitor.on_warning(path, reason);
  m_visitor.on_skip(path, reason);
}

void Walker::report_loop(const std::string& path) {
  // Without following links only a bind mount can bring a directory back.
  skip_with_warning(path, m_options.follow == FollowSymlinks::yes
                              ? "symbolic link loop"
                              : "file system loop");
}

} // namespace

bool walk_root(const std::string& root, const WalkOptions& options,
               WalkVisitor& visitor) {
  return Walker(root, options, visitor).run();
}

} // namespace hasher::walk
