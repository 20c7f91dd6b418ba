#pragma once

// The platform seam for reading one input: a regular file opened so that a
// FIFO or device can never block us, or standard input. Reads are plain
// read(2) calls into the caller's buffer (no whole-file reads, no mmap), with
// a sequential read-ahead hint.

#include <hasher/io/byte_reader.hpp>
#include <hasher/util/result.hpp>

#include <cstdint>
#include <span>
#include <string>

struct stat;

namespace hasher::io {

// What stat said when the file was opened.
struct FileInfo {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::uint32_t permissions = 0; // st_mode & 07777
};

// The FileInfo of a stat(2) result.
FileInfo file_info(const struct stat& st);

class InputFile final : public ByteReader {
public:
  // Opens `path` (relative to `dir_fd`, or the current directory with
  // AT_FDCWD) for reading. Fails with ErrorKind::special for anything but a
  // regular file (opened non-blocking, so a FIFO is never waited on), and
  // with not_found/permission/io from open(2) or fstat(2).
  static util::Result<InputFile> open(const std::string& path, int dir_fd);

  // Standard input; size and mtime unknown (0).
  static InputFile standard_input();

  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() override;

  // Reads up to buffer.size() bytes, retrying on EINTR and short reads until
  // the buffer is full or the end is reached; 0 means end of file. A file
  // whose size was known at open is read up to that size only; restat() then
  // tells whether it changed meanwhile.
  util::Result<std::size_t> read(std::span<std::uint8_t> buffer) override;

  // Stats the open file again (to detect a change while reading).
  util::Result<FileInfo> restat() const;

  [[nodiscard]] const FileInfo& info() const { return m_info; }
  [[nodiscard]] const std::string& path() const override { return m_path; }
  [[nodiscard]] std::uint64_t size_hint() const override { return m_info.size; }

private:
  InputFile(int fd, std::string path, FileInfo info, bool owned)
      : m_fd(fd), m_path(std::move(path)), m_info(info), m_owned(owned) {}

  int m_fd = -1;
  std::string m_path;
  FileInfo m_info;
  bool m_owned = true;
  std::uint64_t m_offset = 0;
};

// The one-line reason for an errno value ("Permission denied").
std::string errno_reason(int error);

// The ErrorKind of an errno value: not_found, permission, transient (worth
// another try: EAGAIN, EBUSY, EINTR, EMFILE, ENFILE, ENOMEM) or io.
util::ErrorKind error_kind(int error);

} // namespace hasher::io
