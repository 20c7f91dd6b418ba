#pragma once

// JSON output with the original tool's key names: one object per file,
// {"file_path", "file_size", "mtime", "<algo>"...}. `jsonl` prints one object
// per line; `json` prints one array (indented when pretty). The reader takes
// `jsonl` back, one flat object per line (RFC 8259), undoing json_string()
// exactly, \udcXX surrogate escapes included.

#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>

#include <optional>
#include <string_view>

namespace hasher::format {

enum class JsonLayout { lines, array };

std::unique_ptr<RecordWriter>
make_json_writer(std::span<const digest::AlgorithmSpec> specs,
                 std::ostream& out, JsonLayout layout, Pretty pretty);

// Parses one jsonl line: a flat JSON object whose values are strings,
// numbers, true, false or null. `file_path` (a string, not empty) is the
// path, `file_size` (a non-negative integer) the size, and every key that is
// an algorithm column (`sha256`, `shake256_1024`) a digest of that algorithm,
// as a string; other keys (`mtime`) are ignored. nullopt when the line is not
// such an object, a known key is repeated or of the wrong type, a digest is
// bad, or no digest is given. The entry's `line` is left 0.
std::optional<ChecksumEntry> parse_jsonl_line(std::string_view line);

} // namespace hasher::format
