#pragma once

// Path normalising for what the catalog stores: absolute, lexically clean
// ("/a/./b//c/../d" → "/a/b/d"), no trailing slash. Lexical on purpose: the
// catalog records the path the user walked, not where symlinks lead.

#include <string>
#include <string_view>

namespace hasher::io {

// `path` made absolute against `cwd` (itself absolute) and normalised.
std::string absolute_path(std::string_view path, std::string_view cwd);

// The process's working directory; throws util::FatalError if unavailable.
std::string current_directory();

// True when `inner` is `outer` or lies below it (both normalised).
bool path_within(std::string_view inner, std::string_view outer);

} // namespace hasher::io
