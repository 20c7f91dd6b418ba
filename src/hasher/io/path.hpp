#pragma once

// Path normalising for what the catalog stores: absolute, lexically clean
// ("/a/./b//c/../d" → "/a/b/d"), no trailing slash. Lexical on purpose: the
// catalog records the path the user walked, not where symlinks lead.

#include <string>
#include <string_view>

namespace hasher::io {

// `path` made absolute against `cwd` (itself absolute) and normalised.
std::string absolute_path(std::string_view path, std::string_view cwd);

// absolute_path for many paths against one working directory, remembering
// the last parent directory's absolute form, so the files of one directory
// cost a copy each instead of a parse each. One per thread.
class AbsolutePaths {
public:
  explicit AbsolutePaths(std::string cwd) : m_cwd(std::move(cwd)) {}
  std::string make(std::string_view path);

private:
  std::string m_cwd;
  std::string m_parent;          // as given
  std::string m_parent_absolute; // its absolute_path
};

// The process's working directory; throws util::FatalError if unavailable.
std::string current_directory();

// `path` relative to `base` (both absolute and normalised), lexically:
// "/a/b/c" against "/a" is "b/c", against "/a/x" is "../b/c"; `base`
// itself is ".".
std::string relative_path(std::string_view path, std::string_view base);

// True when `inner` is `outer` or lies below it (both normalised).
bool path_within(std::string_view inner, std::string_view outer);

} // namespace hasher::io
