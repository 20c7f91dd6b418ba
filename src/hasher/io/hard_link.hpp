#pragma once

// The platform part of `hasher dupes --link hard`: what a path is right now,
// whether two files hold the same bytes, and replacing a file by a hard link
// to another so that its name never stops naming one of the two (link under
// a temporary name, then rename over). Paths of any length work (the
// directories are opened a piece at a time, see long_path.hpp). All
// functions are thread-safe; none keeps state between calls.

#include <hasher/io/input_file.hpp>
#include <hasher/util/result.hpp>

#include <string>

namespace hasher::io {

enum class FileKind { regular, other };

// What lstat(2) says of a path: its kind (a symbolic link is `other`) and,
// for any kind, size, mtime, inode and device.
struct PathStatus {
  FileKind kind = FileKind::other;
  FileInfo info;
};

// lstat(2) of `path`. Fails with not_found, permission or io.
util::Result<PathStatus> lstat_file(const std::string& path);

enum class SameBytes { no, yes };

// Compares two regular files byte for byte, reading both a chunk at a time
// (never a whole file into memory). `first_info` and `second_info` are what
// lstat_file said of them: the files opened must be those (same device and
// inode), and must not change while compared, else the result is an Error of
// kind `changed`. Fails with not_found, permission, special or io when a file
// cannot be opened or read.
util::Result<SameBytes> compare_files(const std::string& first,
                                      const FileInfo& first_info,
                                      const std::string& second,
                                      const FileInfo& second_info);

// Replaces `duplicate` by a hard link to `keeper`, atomically: links
// `keeper` to `.<name>.hasher-link-XXXXXX` in the duplicate's directory (a
// new name while one exists), checks that the new link is `keeper_info`'s
// inode and that `duplicate` is still `duplicate_info`'s file, then renames
// the link over `duplicate`. Afterwards `duplicate` has the keeper's inode,
// owner, mode and times. On any failure the temporary name is removed and
// `duplicate` is left as it was; the Error names the path and the reason
// (kind `changed` when a file is no longer the one compared, permission, io
// as link(2) or rename(2) failed, e.g. EXDEV across file systems). Returns
// the new link's FileInfo.
util::Result<FileInfo> replace_with_hard_link(const std::string& keeper,
                                              const FileInfo& keeper_info,
                                              const std::string& duplicate,
                                              const FileInfo& duplicate_info);

} // namespace hasher::io
