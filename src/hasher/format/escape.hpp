#pragma once

// Text escaping shared by the writers.

#include <cstdint>
#include <string>
#include <string_view>

namespace hasher::format {

// coreutils' checksum-line escaping: when `path` holds a newline, carriage
// return or backslash, returns true and writes the escaped form (\\, \n, \r)
// to `out`; the line then starts with a backslash. Otherwise copies `path`.
bool escape_coreutils(std::string_view path, std::string& out);

// Undoes escape_coreutils (for readers); false on a bad escape.
bool unescape_coreutils(std::string_view text, std::string& out);

// A JSON string literal with quotes. Bytes that are not valid UTF-8 become
// \udcXX (the "surrogateescape" convention), so every name round-trips.
std::string json_string(std::string_view text);

// A CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

// RFC 3339 UTC time from nanoseconds since the epoch:
// 2026-11-23T18:33:52Z, with .fraction when not whole seconds.
std::string rfc3339(std::int64_t ns);

} // namespace hasher::format
