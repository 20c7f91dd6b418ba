#pragma once

// GNU coreutils checksum lines (`sha256sum`): `hex  path`, one line per
// algorithm per file; a path holding a newline, CR or backslash is escaped and
// the line starts with a backslash (coreutils' rule).

#include <hasher/format/writer.hpp>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_gnu_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

} // namespace hasher::format
