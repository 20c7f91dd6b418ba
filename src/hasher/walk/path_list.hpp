#pragma once

// Lists of paths, one per line: what --failed-list writes and --from-list
// reads back. A path holding a newline, CR or backslash is written the
// coreutils way (the line starts with a backslash and escapes them), so any
// name survives the round trip.

#include <string>
#include <vector>

namespace hasher::walk {

// Reads `file` ('-' = standard input). Blank lines are ignored. Throws
// util::UsageError "<file>: <reason>" when it cannot be read or a line has a
// bad escape.
std::vector<std::string> read_path_list(const std::string& file);

// Writes `paths` to `file` through a temporary name and a rename, so a
// reader never sees half a list. Throws util::FatalError when it cannot.
void write_path_list(const std::string& file,
                     const std::vector<std::string>& paths);

} // namespace hasher::walk
