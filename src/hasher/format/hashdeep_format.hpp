#pragma once

// hashdeep's CSV (hashdeep 4.4 "HASHDEEP-1.0" audit file): a header naming
// the columns, then `size,hex...,path` per file.

#include <hasher/format/writer.hpp>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_hashdeep_writer(std::span<const digest::AlgorithmSpec> specs,
                     std::ostream& out);

} // namespace hasher::format
