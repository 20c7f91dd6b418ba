// Filters: globs go to fnmatch(3) (POSIX; a Windows port would bring its own
// matcher with the same rules), extensions are compared after folding ASCII
// case, and times are parsed by hand into std::chrono calendar types, which
// check the date (leap years included) without depending on the local time
// zone or on strptime.

#include <hasher/walk/filters.hpp>

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace hasher::walk {
namespace {

constexpr std::int64_t k_ns_per_second = 1000000000;

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` decimal digits at `pos`, advancing it.
bool read_number(std::string_view text, std::size_t& pos, std::size_t count,
                 int& value) {
  if (text.size() - pos < count) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[pos + i])) return false;
    value = value * 10 + (text[pos + i] - '0');
  }
  pos += count;
  return true;
}

bool read_char(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

// Seconds since the epoch plus a fraction in nanoseconds, when it fits.
std::optional<std::int64_t> to_ns(std::int64_t seconds, std::int64_t frac) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  if (seconds > max / k_ns_per_second || seconds < min / k_ns_per_second) {
    return std::nullopt;
  }
  if (seconds == max / k_ns_per_second && frac > max % k_ns_per_second) {
    return std::nullopt;
  }
  return seconds * k_ns_per_second + frac;
}

// "30d": now minus the age.
std::optional<std::int64_t> parse_age(std::string_view text,
                                      std::int64_t now_ns) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
  case 's':
    unit = 1;
    break;
  case 'm':
    unit = 60;
    break;
  case 'h':
    unit = 3600;
    break;
  case 'd':
    unit = 86400;
    break;
  case 'w':
    unit = 7 * 86400;
    break;
  default:
    return std::nullopt;
  }
  std::string_view digits = text.substr(0, text.size() - 1);
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::int64_t count = 0;
  for (char c : digits) {
    if (!is_digit(c) || count > (max - 9) / 10) return std::nullopt;
    count = count * 10 + (c - '0');
  }
  if (count > max / unit) return std::nullopt;
  std::optional<std::int64_t> age = to_ns(count * unit, 0);
  if (!age) return std::nullopt;
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  if (now_ns < min + *age) return std::nullopt;
  return now_ns - *age;
}

// "2024-05-01" or "2024-05-01T12:00:00[.fff]Z|+HH:MM|-HHMM".
std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_number(text, pos, 4, year) || !read_char(text, pos, '-') ||
      !read_number(text, pos, 2, month) || !read_char(text, pos, '-') ||
      !read_number(text, pos, 2, day)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{
      std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
      std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  std::int64_t seconds =
      static_cast<std::int64_t>(
          std::chrono::sys_days{date}.time_since_epoch().count()) *
      86400;
  if (pos == text.size()) return to_ns(seconds, 0);

  // The time of day.
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_char(text, pos, 'T') || !read_number(text, pos, 2, hour) ||
      !read_char(text, pos, ':') || !read_number(text, pos, 2, minute) ||
      !read_char(text, pos, ':') || !read_number(text, pos, 2, second) ||
      hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  seconds += hour * 3600 + minute * 60 + second;
  std::int64_t frac = 0;
  if (read_char(text, pos, '.')) {
    std::int64_t scale = k_ns_per_second;
    std::size_t start = pos;
    while (pos < text.size() && is_digit(text[pos]) && pos - start < 9) {
      scale /= 10;
      frac += (text[pos] - '0') * scale;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }

  // The zone: Z, or an offset east (+) or west (-) of UTC.
  if (read_char(text, pos, 'Z')) {
    if (pos != text.size()) return std::nullopt;
    return to_ns(seconds, frac);
  }
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
    return std::nullopt;
  }
  int sign = text[pos] == '+' ? 1 : -1;
  ++pos;
  int offset_hours = 0;
  int offset_minutes = 0;
  if (!read_number(text, pos, 2, offset_hours)) return std::nullopt;
  read_char(text, pos, ':');
  if (!read_number(text, pos, 2, offset_minutes) || pos != text.size() ||
      offset_hours > 23 || offset_minutes > 59) {
    return std::nullopt;
  }
  seconds -= sign * (offset_hours * 3600 + offset_minutes * 60);
  return to_ns(seconds, frac);
}

} // namespace

FilterSet::FilterSet(const Filters& filters)
    : m_skip_hidden(filters.skip_hidden == SkipHidden::yes),
      m_min_size(filters.min_size), m_max_size(filters.max_size),
      m_newer_ns(filters.newer_ns), m_older_ns(filters.older_ns) {
  auto compile = [](const std::vector<std::string>& patterns) {
    std::vector<Glob> globs;
    for (const std::string& pattern : patterns) {
      globs.push_back({pattern, pattern.find('/') != std::string::npos});
    }
    return globs;
  };
  m_include = compile(filters.include);
  m_exclude = compile(filters.exclude);
  for (const std::string& extension : filters.skip_extensions) {
    std::string folded = ".";
    for (char c : std::string_view(extension).substr(
             !extension.empty() && extension.front() == '.' ? 1 : 0)) {
      folded += lower_ascii(c);
    }
    if (folded.size() > 1) m_extensions.push_back(std::move(folded));
  }
  m_needs_stat = m_min_size || m_max_size || m_newer_ns || m_older_ns;
}

bool FilterSet::drops_hidden(std::string_view name) const {
  return m_skip_hidden && !name.empty() && name.front() == '.';
}

bool FilterSet::any_matches(const std::vector<Glob>& globs, const char* name,
                            const char* relative) {
  return std::any_of(globs.begin(), globs.end(), [&](const Glob& glob) {
    const char* subject = glob.whole_path ? relative : name;
    return ::fnmatch(glob.pattern.c_str(), subject, 0) == 0;
  });
}

bool FilterSet::excludes(const char* name, const char* relative) const {
  return any_matches(m_exclude, name, relative);
}

bool FilterSet::includes(const char* name, const char* relative) const {
  return m_include.empty() || any_matches(m_include, name, relative);
}

bool FilterSet::drops_extension(std::string_view name) const {
  return std::any_of(
      m_extensions.begin(), m_extensions.end(), [&](const std::string& ext) {
        if (name.size() < ext.size()) return false;
        std::string_view tail = name.substr(name.size() - ext.size());
        return std::equal(tail.begin(), tail.end(), ext.begin(),
                          [](char a, char b) { return lower_ascii(a) == b; });
      });
}

bool FilterSet::accepts(const io::FileInfo& info) const {
  if (m_min_size && info.size < *m_min_size) return false;
  if (m_max_size && info.size > *m_max_size) return false;
  if (m_newer_ns && !(info.mtime_ns > *m_newer_ns)) return false;
  if (m_older_ns && !(info.mtime_ns < *m_older_ns)) return false;
  return true;
}

std::optional<std::int64_t> parse_time_filter(std::string_view text,
                                              std::int64_t now_ns) {
  if (text.size() >= 10 && text[4] == '-') return parse_timestamp(text);
  return parse_age(text, now_ns);
}

} // namespace hasher::walk
