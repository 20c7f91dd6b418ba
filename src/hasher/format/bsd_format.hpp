#pragma once

// BSD tagged lines (`sha256sum --tag`, `rhash --bsd`): `TAG (path) = hex`,
// one line per algorithm per file, no padding; escaped like GNU lines.

#include <hasher/format/writer.hpp>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_bsd_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

} // namespace hasher::format
