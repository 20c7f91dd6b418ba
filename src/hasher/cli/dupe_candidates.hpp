#pragma once

// What `dupes --hash-missing` needs to read: only a file that shares its
// size with another file under the PATHs can have a duplicate there, so only
// those are hashed (as jdupes and rdfind do), instead of the whole tree. Two
// walks: the first counts the files of each size, the second writes the
// paths of the sizes met more than once to a list for `hash --from-list`.
// Memory: one counter per distinct size, and the paths of the candidates
// (not of every file) until the list is written. What it trades away: files
// of a unique size get no digest in the catalog from this run.

#include <hasher/walk/tree_walker.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hasher::cli {

struct Candidates {
  std::uint64_t files = 0; // written to the list
  std::uint64_t bytes = 0;
};

// Walks `roots` with `walk` (its stat_files is forced to always), keeps
// regular files of at least `min_size` bytes whose size occurs at least
// twice, and writes them to `list_file` (walk::write_path_list). Throws
// util::FatalError when the list cannot be written; walk errors are left to
// the hash run that follows, which meets them again.
Candidates write_dupe_candidates(const std::vector<std::string>& roots,
                                 walk::WalkOptions walk, std::uint64_t min_size,
                                 const std::string& list_file);

} // namespace hasher::cli
