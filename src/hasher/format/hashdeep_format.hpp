#pragma once

// hashdeep's CSV (hashdeep 4.4 "HASHDEEP-1.0" audit file): a header naming
// the columns, then `size,hex...,path` per file. hashdeep's column names (md5,
// sha1, sha256, tiger, whirlpool) are ours too; the reader also takes every
// other column our writer prints (digest::AlgorithmSpec::column()). Paths are
// written as they are, so one holding a newline cannot be read back.

#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_hashdeep_writer(std::span<const digest::AlgorithmSpec> specs,
                     std::ostream& out);

// Parses the column header `%%%% size,md5,sha256,filename` into its
// algorithms, in order. nullopt when it does not start with `size`, end with
// `filename`, name at least one algorithm, or when a column is unknown or
// repeated.
std::optional<std::vector<digest::AlgorithmSpec>>
parse_hashdeep_columns(std::string_view line);

// Parses `size,digest...,path` for `columns` (from parse_hashdeep_columns):
// a decimal size, one digest per column, then the path (the rest of the line,
// commas included). nullopt when malformed. The entry's `line` is left 0.
std::optional<ChecksumEntry>
parse_hashdeep_line(std::string_view line,
                    std::span<const digest::AlgorithmSpec> columns);

} // namespace hasher::format
