#pragma once

// Walks the PATHs given on the command line in a stable order: each root as
// given, directories recursively with the names of each directory sorted
// bytewise, a directory's contents at the place of its name (depth first).
// d_type spares a stat per entry where the file system fills it in. Symbolic
// links met inside a tree are skipped; a root given on the command line is
// followed (as sha256sum and find -H do).

#include <hasher/util/result.hpp>

#include <string>

namespace hasher::walk {

enum class EntryKind { file, standard_input };

class WalkVisitor {
public:
  virtual ~WalkVisitor() = default;
  // A file to hash. Return false to stop the walk.
  virtual bool on_file(std::string path, EntryKind kind) = 0;
  // Something not hashed on purpose (special file, symlink): counted as
  // skipped.
  virtual void on_skip(const std::string& path, const std::string& reason) = 0;
  // A root or directory that cannot be read: counted as failed.
  virtual void on_error(const util::Error& error) = 0;
};

// Walks `root` ('-' = standard input), calling `visitor` from this thread.
// Returns false when the visitor asked to stop.
bool walk_root(const std::string& root, WalkVisitor& visitor);

} // namespace hasher::walk
