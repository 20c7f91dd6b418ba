// Reads the TOML configuration file with toml++ and maps it onto the settings
// table. A setting's TOML key is its name, "section.key", so the reader keeps
// no table of its own: every value becomes the text the command line would
// give (booleans "true"/"false", integers in decimal, arrays joined with ',')
// with its "path:line" origin, and Config::set validates it just as it does
// the environment and the command line. Only the TOML type is checked here,
// because only here is it known. toml++ keeps tables sorted by key, so values
// and warnings are put back into file order by their source positions.
// `[hashes]`, the original tool's section, is special: its keys are algorithm
// names, folded into one "options.algorithms" value. Unknown keys are
// warnings, so a file written for another version still loads; a wrong type
// is an error, since the value would otherwise be silently dropped.

#include <hasher/config/config_file.hpp>

#include <hasher/digest/algorithm.hpp>
#include <hasher/util/errors.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <compare>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <system_error>
#include <utility>

namespace hasher::config {
namespace {

constexpr std::string_view k_hashes_section = "hashes";
constexpr std::string_view k_cli_section = "cli";
constexpr std::string_view k_algorithms_setting = "options.algorithms";
constexpr std::string_view k_local_file = "hasher.toml";
constexpr std::string_view k_user_file = "hasher/config.toml";

// A place in the file; orders values and warnings as the file does.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  auto operator<=>(const Position&) const = default;
};

Position position_of(const toml::source_region& region) {
  return {region.begin.line, region.begin.column};
}

std::string type_name(toml::node_type type) {
  switch (type) {
  case toml::node_type::none:
    return "nothing";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a float";
  case toml::node_type::boolean:
    return "a boolean";
  case toml::node_type::date:
    return "a date";
  case toml::node_type::time:
    return "a time";
  case toml::node_type::date_time:
    return "a date-time";
  }
  return "an unknown type";
}

std::string expected_type(ValueType type) {
  switch (type) {
  case ValueType::flag:
  case ValueType::boolean:
    return "a boolean";
  case ValueType::integer:
    return "an integer";
  case ValueType::size:
    return "an integer or a string such as \"5G\"";
  case ValueType::text:
    return "a string";
  case ValueType::list:
    return "an array of strings";
  }
  return "a value";
}

std::string read_error(const std::string& path, int error) {
  if (error == 0) error = EIO;
  return path + ": cannot read: " +
         std::error_code(error, std::generic_category()).message();
}

std::string read_text(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw util::UsageError(read_error(path, errno));
  std::string text;
  char buffer[1 << 14];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, got);
  }
  if (std::ferror(file.get())) throw util::UsageError(read_error(path, errno));
  return text;
}

// The key/value pairs of `table` in file order.
std::vector<std::pair<const toml::key*, const toml::node*>>
entries_of(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& left, const auto& right) {
                     return position_of(left.first->source()) <
                            position_of(right.first->source());
                   });
  return entries;
}

// True when some setting lives in `section` (`cli` included: its keys are
// then reported as unknown keys, not as an unknown section).
bool is_known_section(std::string_view section) {
  if (section == k_hashes_section) return true;
  std::span<const Setting> settings = all_settings();
  return std::any_of(settings.begin(), settings.end(),
                     [&](const Setting& setting) {
                       return setting.name.size() > section.size() &&
                              setting.name.starts_with(section) &&
                              setting.name[section.size()] == '.';
                     });
}

// Walks the parsed document, collecting values and warnings with their
// positions; finish() sorts them into file order.
class Reader {
public:
  explicit Reader(std::string path) : m_path(std::move(path)) {}

  void read_document(const toml::table& document);
  ConfigFile finish() &&;

private:
  void read_section(const std::string& section, const toml::table& table);
  void read_hashes(const toml::key& key, const toml::node& node);
  std::string text_for(const Setting& setting, const toml::node& node,
                       Position at) const;

  [[nodiscard]] std::string origin(Position at) const {
    return m_path + ":" + std::to_string(at.line);
  }
  [[noreturn]] void fail(Position at, const std::string& name,
                         const std::string& reason) const {
    throw util::UsageError(origin(at) + ": " + name + ": " + reason);
  }
  void warn(Position at, const std::string& name, const std::string& reason) {
    m_warnings.emplace_back(at, origin(at) + ": " + name + ": " + reason);
  }

  std::string m_path;
  std::vector<std::pair<Position, FileSetting>> m_values;
  std::vector<std::pair<Position, std::string>> m_warnings;
};

void Reader::read_document(const toml::table& document) {
  for (const auto& [key, node] : entries_of(document)) {
    std::string section(key->str());
    Position at = position_of(key->source());
    if (section == k_hashes_section) {
      read_hashes(*key, *node);
    } else if (!is_known_section(section)) {
      warn(at, section, node->is_table() ? "unknown section" : "unknown key");
    } else if (const toml::table* table = node->as_table()) {
      read_section(section, *table);
    } else {
      fail(at, section, "expected a table, got " + type_name(node->type()));
    }
  }
}

void Reader::read_section(const std::string& section,
                          const toml::table& table) {
  for (const auto& [key, node] : entries_of(table)) {
    std::string name = section + "." + std::string(key->str());
    Position at = position_of(key->source());
    const Setting* setting = find_setting(name);
    // A nested table deeper than section.key names no setting either.
    if (setting == nullptr || section == k_cli_section) {
      warn(at, name, "unknown key");
      continue;
    }
    m_values.emplace_back(
        at, FileSetting{setting, text_for(*setting, *node, at), origin(at)});
  }
}

// `[hashes]` holds `algo = true/false`; the enabled ones, in file order,
// become "options.algorithms".
void Reader::read_hashes(const toml::key& key, const toml::node& node) {
  std::string section(k_hashes_section);
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    fail(position_of(key.source()), section,
         "expected a table, got " + type_name(node.type()));
  }
  auto entries = entries_of(*table);
  Position header = position_of(table->source());
  if (header.line == 0) {
    header = entries.empty() ? position_of(key.source())
                             : position_of(entries.front().first->source());
  }
  std::string enabled;
  for (const auto& [name_key, value] : entries) {
    std::string name(name_key->str());
    Position at = position_of(name_key->source());
    if (digest::find_algorithm(name) == nullptr) {
      fail(at, section + "." + name, "unknown algorithm");
    }
    const toml::value<bool>* on = value->as_boolean();
    if (on == nullptr) {
      fail(at, section + "." + name,
           "expected a boolean, got " + type_name(value->type()));
    }
    if (on->get()) enabled += (enabled.empty() ? "" : ",") + name;
  }
  if (enabled.empty()) fail(header, section, "no algorithm is enabled");
  m_values.emplace_back(header, FileSetting{find_setting(k_algorithms_setting),
                                            enabled, origin(header)});
}

std::string Reader::text_for(const Setting& setting, const toml::node& node,
                             Position at) const {
  std::string name(setting.name);
  switch (setting.type) {
  case ValueType::flag:
  case ValueType::boolean:
    if (const auto* value = node.as_boolean()) {
      return value->get() ? "true" : "false";
    }
    break;
  case ValueType::integer:
    if (const auto* value = node.as_integer()) {
      return std::to_string(value->get());
    }
    break;
  case ValueType::size:
    if (const auto* value = node.as_integer()) {
      return std::to_string(value->get());
    }
    if (const auto* value = node.as_string()) return value->get();
    break;
  case ValueType::text:
    if (const auto* value = node.as_string()) return value->get();
    break;
  case ValueType::list:
    // A string is taken as the command line's comma list.
    if (const auto* value = node.as_string()) return value->get();
    if (const toml::array* array = node.as_array()) {
      std::string joined;
      for (const toml::node& item : *array) {
        Position item_at = position_of(item.source());
        if (item_at.line == 0) item_at = at;
        const auto* text = item.as_string();
        if (text == nullptr) {
          fail(item_at, name,
               "expected an array of strings, got an item that is " +
                   type_name(item.type()));
        }
        // Config keeps lists as comma lists: a comma would split the item.
        if (text->get().find(',') != std::string::npos) {
          fail(item_at, name,
               "a list item cannot contain ',': '" + text->get() + "'");
        }
        if (!joined.empty()) joined += ',';
        joined += text->get();
      }
      return joined;
    }
    break;
  }
  fail(at, name,
       "expected " + expected_type(setting.type) + ", got " +
           type_name(node.type()));
}

ConfigFile Reader::finish() && {
  auto by_position = [](const auto& left, const auto& right) {
    return left.first < right.first;
  };
  std::stable_sort(m_values.begin(), m_values.end(), by_position);
  std::stable_sort(m_warnings.begin(), m_warnings.end(), by_position);
  ConfigFile file{std::move(m_path), {}, {}};
  for (auto& [at, value] : m_values) file.values.push_back(std::move(value));
  for (auto& [at, text] : m_warnings) file.warnings.push_back(std::move(text));
  return file;
}

// The status of `path` could be read and it names something.
bool exists(const std::string& path) {
  std::error_code error;
  std::filesystem::file_type type = std::filesystem::status(path, error).type();
  return !error && type != std::filesystem::file_type::not_found &&
         type != std::filesystem::file_type::none;
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

} // namespace

ConfigFile read_config_file(const std::string& path) {
  std::string text = read_text(path);
  toml::table document;
  try {
    document = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw util::UsageError(path + ":" +
                           std::to_string(error.source().begin.line) + ": " +
                           std::string(error.description()) + " (column " +
                           std::to_string(error.source().begin.column) + ")");
  }
  Reader reader(path);
  reader.read_document(document);
  return std::move(reader).finish();
}

std::optional<std::string>
find_config_file(const std::optional<std::string>& explicit_path) {
  if (explicit_path) {
    std::error_code ignored;
    if (std::filesystem::status(*explicit_path, ignored).type() ==
        std::filesystem::file_type::not_found) {
      throw util::UsageError(*explicit_path + ": no such configuration file");
    }
    return explicit_path;
  }
  if (exists(std::string(k_local_file))) return std::string(k_local_file);
  std::string base = environment("XDG_CONFIG_HOME");
  if (base.empty() || base.front() != '/') {
    std::string home = environment("HOME");
    if (home.empty()) return std::nullopt;
    base = home + "/.config";
  }
  std::string user_file = base + "/" + std::string(k_user_file);
  if (exists(user_file)) return user_file;
  return std::nullopt;
}

void apply_config_file(const ConfigFile& file, Config& config) {
  for (const FileSetting& value : file.values) {
    config.set(*value.setting, value.text, value.origin);
  }
}

} // namespace hasher::config
