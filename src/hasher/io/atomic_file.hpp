#pragma once

// A file that is never seen half-written: the bytes go to a temporary name
// in the destination's own directory (`.NAME.hasher-XXXXXX`, mode 0600), and
// commit() syncs them, sets the final mode and mtime, renames the temp over
// the final name (atomic on POSIX, same file system) and syncs the
// directory. Until then the final name holds its old file or nothing; a
// crash leaves at most a temp, which remove_stale_temps() clears later. The
// price is an fsync per file, which is what makes the promise hold across a
// power loss; a caller writing many files syncs the file system once for a
// batch of them instead (Flush::already_synced).

#include <hasher/io/input_file.hpp>
#include <hasher/util/result.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace hasher::io {

// What commit() does when the final name exists already.
enum class Overwrite { replace, refuse };
// Whether sync() asks the kernel to drop the file's cached pages, so that a
// read that follows (copy --verify) comes from the disk.
enum class DropCache { no, yes };

// How commit() makes the file durable: fsync the file and then its
// directory (each_file), or trust the caller to have synced the whole file
// system since the last write (sync_file_system(), once for many files) and
// leave the rename to the next such sync.
enum class Flush { each_file, already_synced };

struct CommitOptions {
  std::uint32_t mode = 0644; // permission bits of the final file
  std::int64_t mtime_ns = 0; // modification time of the final file
  Overwrite overwrite = Overwrite::replace;
  Flush flush = Flush::each_file;
};

// An open destination directory; the temps made in it share it.
class TempDirectory {
public:
  explicit TempDirectory(int fd) : m_fd(fd) {}
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory();
  [[nodiscard]] int fd() const { return m_fd; }

private:
  int m_fd;
};

// The directory of the last temp made, kept open for the next one: files
// come a directory at a time, and opening the directory by its path for
// every file cost as much as creating the temp. One per thread.
class TempDirectories {
public:
  // `directory` opened, or the one it was last time; null (errno set) when
  // it cannot be opened.
  std::shared_ptr<const TempDirectory> open(const std::string& directory);

private:
  std::string m_path;
  std::shared_ptr<const TempDirectory> m_last;
};

class AtomicFile {
public:
  // Creates the temp beside `path`, whose directory must exist (paths of any
  // length), in a directory from `directories` if given. Fails with the
  // errno's kind (permission, not_found, io), the subject being `path`.
  static util::Result<AtomicFile>
  create(const std::string& path, TempDirectories* directories = nullptr);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temp unless commit() succeeded; never touches the final name.
  ~AtomicFile();

  // Appends all of `bytes`. Returns the bytes written so far; fails with
  // ErrorKind::io (ENOSPC, EIO) naming the final path.
  util::Result<std::uint64_t> write(std::span<const std::uint8_t> bytes);

  // Flushes what is written to the disk (fsync) and, with DropCache::yes,
  // drops it from the page cache where the kernel allows, so that reading
  // temp_path() back tests the disk, not memory. Returns the bytes written;
  // fails with ErrorKind::io.
  util::Result<std::uint64_t> sync(DropCache drop);

  // Asks the kernel to start writing what is written to the disk, without
  // waiting: a later sync() or sync_file_system() then has little left to
  // wait for, and the disk works while the next files are copied (with much
  // memory, the kernel would otherwise hold gigabytes back until the sync).
  void start_writeback();

  // Flushes every file of the file system that holds the temp (syncfs):
  // many temps written, one sync, then commit(Flush::already_synced) each;
  // also after a commit, to make renames durable. Fails with ErrorKind::io.
  util::Result<std::uint64_t> sync_file_system();

  // Syncs (see Flush), sets mode and mtime, renames over the final name, syncs
  // the directory. With Overwrite::refuse an existing final name fails it with
  // ErrorKind::invalid ("exists") and stays as it was. After a failure the
  // temp is still removed by the destructor. Returns the stat of the
  // committed file (size, mtime, inode, device).
  util::Result<FileInfo> commit(const CommitOptions& options);

  // Gives the file another final name in the same directory, before the
  // commit (copy --compress auto learns whether a `.zst` suffix is due only
  // once it has seen the first chunk).
  void rename_target(const std::string& name);

  [[nodiscard]] const std::string& path() const { return m_path; }
  [[nodiscard]] const std::string& temp_name() const { return m_temp_name; }
  // The temp's full path, for reading it back before the commit.
  [[nodiscard]] std::string temp_path() const {
    return m_directory + "/" + m_temp_name;
  }

private:
  AtomicFile(std::shared_ptr<const TempDirectory> dir, int fd, std::string path,
             std::string directory, std::string temp_name, std::string name)
      : m_dir(std::move(dir)), m_fd(fd), m_path(std::move(path)),
        m_directory(std::move(directory)), m_temp_name(std::move(temp_name)),
        m_name(std::move(name)) {}
  void discard();
  [[nodiscard]] int dir_fd() const { return m_dir->fd(); }

  // The destination directory, for the *at calls.
  std::shared_ptr<const TempDirectory> m_dir;
  int m_fd = -1; // the temp, open for writing
  std::string m_path;
  std::string m_directory;
  std::string m_temp_name; // in the directory
  std::string m_name;      // the final name in the directory
  std::uint64_t m_written = 0;
  bool m_committed = false;
};

// Whether `name` has the form of an AtomicFile temp (`.NAME.hasher-XXXXXX`).
bool is_atomic_temp_name(const std::string& name);

// Removes the temps a killed run left in `directory` (not below it);
// returns how many. Errors are ignored: a temp that stays is harmless.
// Not safe against another process writing into the same directory.
std::uint64_t remove_stale_temps(const std::string& directory);

} // namespace hasher::io
