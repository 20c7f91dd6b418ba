#pragma once

// The `.part` file a download grows in, beside its final name, and the
// moves that end it: synced and renamed over the final name (atomic on
// POSIX), or removed. A file under its final name is therefore always
// whole and checked; a `.part` may be anything and is only ever resumed
// after its bytes were hashed again. Many finished parts are made durable
// by one sync of their file system (sync_file_system) rather than an fsync
// each, then renamed (DirSync::no) and synced once more.
//
// A `.part`'s resume record (URL, then validator, a line each) lives in an
// extended attribute of the `.part` itself where the file system has them,
// so a download creates one file, not two; elsewhere it is the file
// `NAME.part.meta` beside it, which is also what is read when the `.part`
// has no attribute (a `.part` from another tool or an older run).

#include <hasher/util/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace hasher::net {

enum class PartStart { resume, truncate };
// Where a `.part`'s resume record is, if it has one.
enum class RecordPlace { none, attribute, file };
// Whether rename_file() syncs the directory itself, or the caller syncs the
// file system afterwards for many renames at once.
enum class DirSync { yes, no };

class PartFile {
public:
  PartFile() = default;
  ~PartFile();
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;
  PartFile(PartFile&& other) noexcept;
  PartFile& operator=(PartFile&& other) noexcept;

  // Opens (creating it and its directories) `path` for appending, emptied
  // first for PartStart::truncate. Returns the size it has.
  util::Result<std::uint64_t> open(const std::string& path, PartStart start);
  // Appends all of `bytes`; fails with ErrorKind::io (ENOSPC included).
  util::Result<std::uint64_t> append(std::span<const std::uint8_t> bytes);
  // Empties the file (a server that ignored Range sends it all again).
  util::Result<std::uint64_t> truncate();
  // Records `text` as the resume record: in the `.part`'s extended
  // attribute, else (no attributes here) in the file `meta_path`. Errors
  // are ignored: a `.part` without a record is downloaded again, not
  // resumed.
  void write_meta(const std::string& text, const std::string& meta_path);
  // The record an earlier run left (read_part_meta), which drop_record
  // must remove too: an attribute outlives O_TRUNC.
  void note_record(RecordPlace place) { m_record = place; }
  // Removes the record, from the attribute or the file `meta_path`, once
  // the file has its final name (which must not carry it); nothing when
  // the `.part` never had one. Errors are ignored.
  void drop_record(const std::string& meta_path);
  // The file system's id (st_dev, taken at open()), for grouping parts by
  // file system.
  [[nodiscard]] util::Result<std::uint64_t> device() const;
  // Flushes every file of the file system holding this one (syncfs): one
  // call makes many closed-or-open parts durable. Fails with ErrorKind::io.
  util::Result<std::uint64_t> sync_file_system();
  // Another handle on the same open file (for a later sync_file_system).
  [[nodiscard]] util::Result<PartFile> duplicate() const;
  void close();
  [[nodiscard]] bool is_open() const { return m_fd >= 0; }
  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  int m_fd = -1;
  std::string m_path;
  RecordPlace m_record = RecordPlace::none;
  std::uint64_t m_device = 0;
};

// Renames `from` over `to` (same directory, so atomic) and, with
// DirSync::yes, syncs the directory. Fails with ErrorKind::io.
util::Result<std::uint64_t> rename_file(const std::string& from,
                                        const std::string& to,
                                        DirSync sync = DirSync::yes);

struct PartRecord {
  std::string text;
  RecordPlace place = RecordPlace::none;
};

// The resume record of the `.part` at `part` (see write_meta), from its
// attribute or else the file `meta_path`; nullopt when there is none.
std::optional<PartRecord> read_part_meta(const std::string& part,
                                         const std::string& meta_path);

// Removes `path`; a missing file is no error.
void remove_file(const std::string& path);

// True when something exists at `path` (not following a last symlink).
bool path_exists(const std::string& path);

} // namespace hasher::net
