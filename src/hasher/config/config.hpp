#pragma once

// The resolved configuration: one value per setting of the table, each with
// its origin (`default`, `path:line`, `HASHER_DB`, `--db`). Built by layering
// defaults < file < environment < command line (see layering in cli/), then
// passed by const& and never changed.

#include <hasher/config/settings.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hasher::config {

class Config {
public:
  // Every setting at its default, origin "default".
  Config();

  // Sets `setting` from text. A list setting set again from the same origin
  // kind appends (`--exclude a --exclude b`); from a higher layer it
  // replaces. Throws util::UsageError "<origin>: <name>: <reason>" when the
  // text is not of the setting's type.
  void set(const Setting& setting, const std::string& text,
           const std::string& origin);

  [[nodiscard]] bool flag(std::string_view name) const;
  [[nodiscard]] std::int64_t integer(std::string_view name) const;
  [[nodiscard]] std::optional<std::uint64_t> size(std::string_view name) const;
  [[nodiscard]] std::string text(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> list(std::string_view name) const;
  // False while the value is the built-in default.
  [[nodiscard]] bool is_set(std::string_view name) const;
  [[nodiscard]] std::string origin(std::string_view name) const;

  // Parses a size with optional K/M/G/T suffix (powers of 1024); nullopt if
  // malformed.
  static std::optional<std::uint64_t> parse_size(std::string_view text);

private:
  struct Value {
    std::string text;
    std::vector<std::string> items; // for lists
    std::string origin;
  };
  const Value& value(std::string_view name) const;

  std::map<std::string, Value, std::less<>> m_values;
};

} // namespace hasher::config
