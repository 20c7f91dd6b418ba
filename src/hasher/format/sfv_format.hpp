#pragma once

// Simple File Verification: `path hex` with the CRC-32 of each file. Lines
// starting with `;` are comments; the reader takes the hex in either case
// (rhash prints it upper case).

#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>

#include <optional>
#include <string_view>

namespace hasher::format {

// Throws util::UsageError when crc32 is not among `specs`.
std::unique_ptr<RecordWriter>
make_sfv_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

// Whether `line` has the SFV shape: a path, a blank, then 8 hex digits.
bool looks_like_sfv(std::string_view line);

// Parses `path hex` (line without its newline): the path is everything
// before the last blank, the digest is that of `spec` (crc32 unless -a says
// otherwise). Trailing blanks are ignored. nullopt when malformed. The entry's
// `line` is left 0.
std::optional<ChecksumEntry> parse_sfv_line(std::string_view line,
                                            const digest::AlgorithmSpec& spec);

} // namespace hasher::format
