#pragma once

// JSON output with the original tool's key names: one object per file,
// {"file_path", "file_size", "mtime", "<algo>"...}. `jsonl` prints one object
// per line; `json` prints one array (indented when pretty).

#include <hasher/format/writer.hpp>

namespace hasher::format {

enum class JsonLayout { lines, array };

std::unique_ptr<RecordWriter>
make_json_writer(std::span<const digest::AlgorithmSpec> specs,
                 std::ostream& out, JsonLayout layout, Pretty pretty);

} // namespace hasher::format
