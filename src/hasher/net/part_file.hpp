#pragma once

// The `.part` file a download grows in, beside its final name, and the
// moves that end it: synced and renamed over the final name (atomic on
// POSIX), or removed. A file under its final name is therefore always
// whole and checked; a `.part` may be anything and is only ever resumed
// after its bytes were hashed again.

#include <hasher/util/result.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace hasher::net {

enum class PartStart { resume, truncate };

class PartFile {
public:
  PartFile() = default;
  ~PartFile();
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;

  // Opens (creating it and its directories) `path` for appending, emptied
  // first for PartStart::truncate. Returns the size it has.
  util::Result<std::uint64_t> open(const std::string& path, PartStart start);
  // Appends all of `bytes`; fails with ErrorKind::io (ENOSPC included).
  util::Result<std::uint64_t> append(std::span<const std::uint8_t> bytes);
  // Empties the file (a server that ignored Range sends it all again).
  util::Result<std::uint64_t> truncate();
  // fsyncs and closes; then the file may be renamed.
  util::Result<std::uint64_t> close_synced();
  void close();
  [[nodiscard]] bool is_open() const { return m_fd >= 0; }
  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  int m_fd = -1;
  std::string m_path;
};

// Renames `from` over `to` (same directory, so atomic) and syncs the
// directory. Fails with ErrorKind::io.
util::Result<std::uint64_t> rename_file(const std::string& from,
                                        const std::string& to);

// Removes `path`; a missing file is no error.
void remove_file(const std::string& path);

// True when something exists at `path` (not following a last symlink).
bool path_exists(const std::string& path);

} // namespace hasher::net
