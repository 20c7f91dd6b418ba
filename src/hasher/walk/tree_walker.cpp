#include <hasher/walk/tree_walker.hpp>

#include <hasher/io/input_file.hpp>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <sys/stat.h>
#include <vector>

namespace hasher::walk {
namespace {

struct Child {
  std::string name;
  unsigned char type;
};

util::Error error_for(const std::string& path, int error) {
  util::ErrorKind kind = util::ErrorKind::io;
  if (error == ENOENT) kind = util::ErrorKind::not_found;
  if (error == EACCES || error == EPERM) kind = util::ErrorKind::permission;
  return util::Error{kind, path, io::errno_reason(error)};
}

unsigned char type_of(mode_t mode) {
  if (S_ISREG(mode)) return DT_REG;
  if (S_ISDIR(mode)) return DT_DIR;
  if (S_ISLNK(mode)) return DT_LNK;
  return DT_UNKNOWN;
}

std::string join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool walk_directory(const std::string& path, WalkVisitor& visitor) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    visitor.on_error(error_for(path, errno));
    return true;
  }
  std::vector<Child> children;
  errno = 0;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    children.push_back({std::move(name), entry->d_type});
  }
  int read_error = errno;
  ::closedir(dir);
  if (read_error != 0) visitor.on_error(error_for(path, read_error));
  std::sort(children.begin(), children.end(),
            [](const Child& a, const Child& b) { return a.name < b.name; });

  for (Child& child : children) {
    std::string child_path = join(path, child.name);
    unsigned char type = child.type;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      if (::lstat(child_path.c_str(), &st) != 0) {
        visitor.on_error(error_for(child_path, errno));
        continue;
      }
      type = type_of(st.st_mode);
    }
    if (type == DT_REG) {
      if (!visitor.on_file(std::move(child_path), EntryKind::file)) {
        return false;
      }
    } else if (type == DT_DIR) {
      if (!walk_directory(child_path, visitor)) return false;
    } else if (type == DT_LNK) {
      visitor.on_skip(child_path, "symbolic link (use -L to follow)");
    } else {
      visitor.on_skip(child_path, "special file");
    }
  }
  return true;
}

} // namespace

bool walk_root(const std::string& root, WalkVisitor& visitor) {
  if (root == "-") return visitor.on_file(root, EntryKind::standard_input);
  struct stat st {};
  if (::stat(root.c_str(), &st) != 0) {
    visitor.on_error(error_for(root, errno));
    return true;
  }
  if (S_ISDIR(st.st_mode)) return walk_directory(root, visitor);
  if (S_ISREG(st.st_mode)) return visitor.on_file(root, EntryKind::file);
  visitor.on_skip(root, "special file");
  return true;
}

} // namespace hasher::walk
