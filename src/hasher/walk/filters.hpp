#pragma once

// Which files the walk hands on: the --include/--exclude globs,
// --skip-hidden, --min-size/--max-size, --newer/--older and the skipped
// extensions, as users of find, rsync and rhash expect them.
//
// - Globs follow fnmatch(3) without flags: '*', '?', '[...]', '\' escapes;
//   '*' also matches '/' and a leading '.'. A pattern without '/' is matched
//   against the name alone, a pattern with '/' against the path relative to
//   the directory root ("sub/*.o" matches ROOT/sub/x.o and ROOT/sub/d/x.o).
//   Exclude applies to files and directories (an excluded directory is not
//   read at all); include applies to files only: when any include is given,
//   a file must match one of them. Globs never apply to a root itself.
// - Hidden names (starting with '.') are dropped, files and directories,
//   when skip_hidden is set; a root is never hidden.
// - Sizes are inclusive bounds in bytes; times are nanoseconds since the
//   epoch and compared with the mtime strictly (newer: mtime > newer_ns,
//   older: mtime < older_ns).
// - An extension ".tmp" or "tmp" drops a name ending in ".tmp", compared
//   without regard to ASCII case.

#include <hasher/io/input_file.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::walk {

enum class SkipHidden { no, yes };

// The filter settings, as given by the user.
struct Filters {
  std::vector<std::string> include; // globs; a file must match one if any
  std::vector<std::string> exclude; // globs; drops files and directories
  SkipHidden skip_hidden = SkipHidden::no;
  std::optional<std::uint64_t> min_size;    // bytes, inclusive
  std::optional<std::uint64_t> max_size;    // bytes, inclusive
  std::optional<std::int64_t> newer_ns;     // keep mtime > this
  std::optional<std::int64_t> older_ns;     // keep mtime < this
  std::vector<std::string> skip_extensions; // "tmp" or ".tmp"
};

// Filters prepared for matching many names. Immutable after construction;
// its const members are thread-safe.
class FilterSet {
public:
  explicit FilterSet(const Filters& filters);

  // True when a file's size or mtime must be known to decide (a stat).
  [[nodiscard]] bool needs_stat() const { return m_needs_stat; }

  // True when `name` (one path component) is hidden and hidden names are
  // skipped.
  [[nodiscard]] bool drops_hidden(std::string_view name) const;

  // True when an exclude glob matches `name` or `relative` (the path below
  // the root, no leading "./"), both NUL-terminated: the walk passes tails of
  // the path it built, without a copy. For files and directories.
  [[nodiscard]] bool excludes(const char* name, const char* relative) const;

  // True when the file `name` at `relative` (as for excludes) passes the
  // include globs (always true when there are none).
  [[nodiscard]] bool includes(const char* name, const char* relative) const;

  // True when `name` ends with one of the skipped extensions.
  [[nodiscard]] bool drops_extension(std::string_view name) const;

  // True when a file of this size and mtime passes the size and time bounds.
  [[nodiscard]] bool accepts(const io::FileInfo& info) const;

private:
  struct Glob {
    std::string pattern;
    bool whole_path; // the pattern holds a '/': match the relative path
  };

  static bool any_matches(const std::vector<Glob>& globs, const char* name,
                          const char* relative);

  std::vector<Glob> m_include;
  std::vector<Glob> m_exclude;
  bool m_skip_hidden;
  std::optional<std::uint64_t> m_min_size;
  std::optional<std::uint64_t> m_max_size;
  std::optional<std::int64_t> m_newer_ns;
  std::optional<std::int64_t> m_older_ns;
  std::vector<std::string> m_extensions; // ".tmp", lower case
  bool m_needs_stat;
};

// Parses a --newer/--older value into nanoseconds since the epoch:
// - a date "2024-05-01" (midnight UTC);
// - a time "2024-05-01T12:00:00Z", or with an offset "+02:00"/"-0530" in
//   place of the Z, seconds optionally with a fraction ("12:00:00.25Z");
// - an age "90s", "45m", "12h", "30d", "2w" (seconds, minutes, hours, days,
//   weeks), meaning `now_ns` minus that.
// Returns nullopt when the text is malformed, names an impossible date or
// time, or lies outside what nanoseconds in 64 bits can hold (1678..2261).
// Pure; thread-safe.
std::optional<std::int64_t> parse_time_filter(std::string_view text,
                                              std::int64_t now_ns);

} // namespace hasher::walk
