#pragma once

// The settings table: every setting hasher knows, declared once with its TOML
// key, environment variable, command-line flags, type, default and help. The
// command-line parser, the TOML reader, `hasher config` and `--help` all read
// this table; a new setting is one row here.

#include <span>
#include <string_view>

namespace hasher::config {

enum class ValueType {
  flag,    // on the command line: present = true; in TOML: a boolean
  boolean, // true/false value
  integer, // signed 64-bit
  size,    // bytes, with optional K/M/G/T suffix (powers of 1024)
  text,    // any string
  list,    // comma list on the command line, array in TOML
};

struct Setting {
  std::string_view name;       // unique key, also the TOML key: section.key
  std::string_view long_flags; // space-separated, e.g. "--jobs --threads"
  char short_flag;             // 0 when none
  std::string_view env;        // environment variable, or empty
  ValueType type;
  std::string_view default_value; // as text; empty = unset
  std::string_view help;
};

// Every setting, in the order `hasher config` prints them.
std::span<const Setting> all_settings();

// The row named `name` (e.g. "performance.worker_threads"), or nullptr.
const Setting* find_setting(std::string_view name);

// The row that has `flag` ("--jobs" or "-j") among its flags, or nullptr.
const Setting* find_flag(std::string_view flag);

} // namespace hasher::config
