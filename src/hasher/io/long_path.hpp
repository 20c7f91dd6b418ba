#pragma once

// open(2) and stat(2) for paths of any length. The kernel refuses a path of
// PATH_MAX bytes or more (ENAMETOOLONG), yet a tree may be deeper than that.
// These calls behave exactly like plain open/stat/lstat, which they are when
// the path is short; a longer path is resolved a piece at a time, each piece
// (a run of whole components shorter than PATH_MAX) opened with
// openat(O_PATH | O_DIRECTORY) relative to the previous one, and the last
// piece opened or stat'ed relative to that. Symbolic links in the middle of
// the path are followed, as plain open follows them; ".." is resolved by the
// kernel from the directory actually reached, as plain open does. What it
// trades away: a long path costs one extra system call per PATH_MAX bytes,
// and the path is not resolved atomically (a rename of a directory on the
// path between two pieces is seen half-way, as it would be by `cd a; cd b`).

#include <string>
#include <sys/stat.h>
#include <sys/types.h>

namespace hasher::io {

// Whether the last component, when a symbolic link, is followed (stat) or
// described itself (lstat).
enum class FollowLinks { no, yes };

// Opens `path` (absolute, or relative to the current directory) like
// open(path, flags, mode), whatever its length. `mode` matters only with
// O_CREAT/O_TMPFILE. Returns a file descriptor the caller owns, or -1 with
// errno set (as open would set it; ENAMETOOLONG only when a single component
// is longer than the file system allows). The intermediate descriptors are
// opened with O_CLOEXEC and closed before returning; add O_CLOEXEC to `flags`
// for the returned one. Thread-safe (no shared state, no chdir).
int open_path(const std::string& path, int flags, mode_t mode = 0);

// Stats `path` like stat(2) (FollowLinks::yes) or lstat(2) (no), whatever its
// length, into `*st`. Returns 0, or -1 with errno set as stat/lstat would.
// Thread-safe.
int stat_path(const std::string& path, struct stat* st, FollowLinks follow);

} // namespace hasher::io
