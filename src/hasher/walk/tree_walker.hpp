#pragma once

// Walks the PATHs given on the command line in a stable order and hands the
// regular files to a visitor, as users of find, rsync and rhash expect:
//
// - Order. Depth first (default): names sorted bytewise within a directory,
//   a directory's contents at the place of its name. Breadth first: a level
//   at a time (all files directly in the root, then those one level down),
//   each directory's names sorted, directories of a level in the order their
//   names were met.
// - Roots. '-' is standard input. A root is followed even when it is a
//   symbolic link (as sha256sum and find -H do). A root that is a file is
//   yielded if the size, time and extension filters keep it; globs and
//   skip_hidden apply only below a directory root. A missing root is an
//   error (not_found), a special root is skipped.
// - Depth. Files directly in a root directory are at depth 1; max_depth N
//   yields files at depth <= N and reads no directory deeper (0 = nothing
//   below a directory root, which is not even read).
// - Filters (filters.hpp): a dropped file or directory is reported once with
//   on_skip(path, "filtered"), or "hidden" for a hidden name; an excluded
//   or hidden directory is not read.
// - Symbolic links inside a tree are skipped (on_skip "symbolic link",
//   dangling ones too) unless FollowSymlinks::yes: then the target is used,
//   a file or a directory; a dangling link is skipped with a warning
//   ("dangling symbolic link"), and a directory that is one of its own
//   ancestors (same st_dev and st_ino as a directory on the current path) is
//   skipped with a warning ("symbolic link loop"; "file system loop" for a
//   bind mount met without following links).
// - Special files (FIFO, socket, device) are skipped ("special file"),
//   never opened.
// - A directory that cannot be opened or read, and an entry that vanishes
//   between listing and stat, are errors (on_error); the walk goes on.
// - Names are bytes: no encoding is assumed. Paths may be of any length: the
//   walk works relative to open directories, and paths handed on are the
//   root joined with the names below it ("root/sub/file").
//
// A stat is spent on an entry only when d_type is DT_UNKNOWN, the entry is a
// symbolic link to follow, a size/time filter needs it, or the caller wants
// every file's (StatFiles::always: --update, the progress line's byte
// totals); its result is passed on (WalkEntry::info) so nobody stats again.
// The walker's stat is relative to the open directory, which is much cheaper
// than resolving the whole path again later.
// Memory: depth first holds one sorted name list per level of the current
// path (and an open directory for the top levels); breadth first holds a
// queue of directory paths.

#include <hasher/codec/codec.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/util/result.hpp>
#include <hasher/walk/filters.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace hasher::walk {

enum class EntryKind { file, standard_input };

// One input to hash.
struct WalkEntry {
  std::string path; // as walked: root joined with the names below it; "-"
  EntryKind kind = EntryKind::file;
  std::optional<io::FileInfo> info; // set when the walker had to stat anyway
  // Not none: the file is to be read decoded (set by sources that know,
  // such as verify of a compressed copy; never by the walker).
  codec::Codec decode = codec::Codec::none;
};

enum class FollowSymlinks { no, yes };

enum class WalkOrder { depth_first, breadth_first };

enum class StatFiles { when_needed, always };

struct WalkOptions {
  FollowSymlinks follow = FollowSymlinks::no;
  std::optional<std::uint64_t> max_depth; // none: no limit
  WalkOrder order = WalkOrder::depth_first;
  StatFiles stat_files = StatFiles::when_needed;
  Filters filters;
};

// Receives what the walk finds, in walk order, on the walking thread.
class WalkVisitor {
public:
  virtual ~WalkVisitor() = default;
  // A file to hash. Return false to stop the walk.
  virtual bool on_file(WalkEntry entry) = 0;
  // Something not hashed on purpose (special file, symlink, filtered,
  // hidden, loop): counted as skipped.
  virtual void on_skip(const std::string& path, const std::string& reason) = 0;
  // Something the user should hear about though nothing failed (dangling
  // link, symlink loop under FollowSymlinks::yes); on_skip follows for the
  // same path.
  virtual void on_warning(const std::string& path,
                          const std::string& reason) = 0;
  // A root, directory or entry that cannot be read: counted as failed.
  virtual void on_error(const util::Error& error) = 0;
};

// Walks `root` ('-' = standard input) with `options`, calling `visitor` from
// this thread. Returns false when the visitor asked to stop, true otherwise
// (errors are reported through the visitor, never thrown). Thread-safe for
// distinct visitors (no shared state; the current directory is not changed).
bool walk_root(const std::string& root, const WalkOptions& options,
               WalkVisitor& visitor);

} // namespace hasher::walk
