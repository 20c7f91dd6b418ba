#pragma once

// CSV (RFC 4180): header `file_path,file_size,<algo>...`, one row per file.

#include <hasher/format/writer.hpp>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_csv_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

} // namespace hasher::format
