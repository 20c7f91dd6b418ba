#pragma once

// Simple File Verification: `path hex` with the CRC-32 of each file.

#include <hasher/format/writer.hpp>

namespace hasher::format {

// Throws util::UsageError when crc32 is not among `specs`.
std::unique_ptr<RecordWriter>
make_sfv_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

} // namespace hasher::format
