#pragma once

// GNU coreutils checksum lines (`sha256sum`): `hex  path`, one line per
// algorithm per file; a path holding a newline, CR or backslash is escaped and
// the line starts with a backslash (coreutils' rule). The reader also takes
// `hex *path` (the binary marker) and names its algorithm from the checksum
// file's name or the digest length (SPEC "Details that tests rely on").

#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_gnu_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

// The two parts of a GNU line: the digest text and the path, unescaped.
struct GnuLine {
  std::string_view digest; // points into the line
  std::string path;
};

// Splits `hex  path`, `hex *path` or their escaped form `\hex  path` (line
// without its newline; leading blanks are skipped as coreutils does). The
// digest must be letters and digits (hex, or base32 for tth). nullopt when the
// line has not that shape, the path is empty or an escape is bad.
std::optional<GnuLine> split_gnu_line(std::string_view line);

// Parses one GNU line as a digest of `spec`, or, when `spec` is nullopt, of
// the algorithm its hex length names: 32 md5, 40 sha1, 64 sha256, 128 sha512.
// nullopt when malformed (bad shape, or a digest of another length). The
// entry's `line` is left 0.
std::optional<ChecksumEntry>
parse_gnu_line(std::string_view line,
               const std::optional<digest::AlgorithmSpec>& spec);

// The algorithm a checksum file's name implies, case-insensitive, directories
// ignored: the last extension (`.md5`, `.sha256`, `.b3`, `.blake3`, `.crc32`,
// `.sfv`, any algorithm name, with `sum`/`sums` after it: `.sha256sum`), the
// one before a final `.txt` (`checksums.sha256.txt`), or a stem ending in
// `sums`/`sum` (`SHA256SUMS`, `B3SUMS`, `md5sum.txt`). nullopt otherwise.
std::optional<digest::AlgorithmSpec>
algorithm_from_file_name(std::string_view file_name);

} // namespace hasher::format
