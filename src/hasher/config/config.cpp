#include <hasher/config/config.hpp>

#include <hasher/util/errors.hpp>

#include <charconv>
#include <stdexcept>

namespace hasher::config {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") {
    return true;
  }
  if (text == "false" || text == "0" || text == "no" || text == "off") {
    return false;
  }
  return std::nullopt;
}

// The kind of layer an origin names, to tell appending from replacing.
std::string layer_of(const std::string& origin) {
  if (origin.rfind("--", 0) == 0 || origin.rfind('-', 0) == 0) return "cli";
  return origin;
}

} // namespace

Config::Config() {
  for (const Setting& setting : all_settings()) {
    Value value{std::string(setting.default_value), {}, "default"};
    if (setting.type == ValueType::list) value.items = split_list(value.text);
    m_values.emplace(std::string(setting.name), std::move(value));
  }
}

std::optional<std::uint64_t> Config::parse_size(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t multiplier = 1;
  char last = text.back();
  if (last == 'B' || last == 'b') {
    text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    last = text.back();
  }
  switch (last) {
  case 'K':
  case 'k':
    multiplier = 1ull << 10;
    break;
  case 'M':
  case 'm':
    multiplier = 1ull << 20;
    break;
  case 'G':
  case 'g':
    multiplier = 1ull << 30;
    break;
  case 'T':
  case 't':
    multiplier = 1ull << 40;
    break;
  default:
    break;
  }
  if (multiplier != 1) text.remove_suffix(1);
  std::uint64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  if (value > UINT64_MAX / multiplier) return std::nullopt;
  return value * multiplier;
}

void Config::set(const Setting& setting, const std::string& text,
                 const std::string& origin) {
  auto fail = [&](const std::string& reason) {
    throw util::UsageError(origin + ": " + std::string(setting.name) + ": " +
                           reason);
  };
  switch (setting.type) {
  case ValueType::flag:
  case ValueType::boolean:
    if (!parse_boolean(text))
      fail("expected true or false, got '" + text + "'");
    break;
  case ValueType::integer:
    if (!parse_integer(text))
      fail("expected a whole number, got '" + text + "'");
    break;
  case ValueType::size:
    if (!parse_size(text)) {
      fail("expected a size such as 4096, 64K or 5G, got '" + text + "'");
    }
    break;
  case ValueType::text:
  case ValueType::list:
    break;
  }
  Value& value = m_values.find(setting.name)->second;
  if (setting.type == ValueType::list) {
    std::vector<std::string> items = split_list(text);
    if (layer_of(value.origin) == layer_of(origin)) {
      value.items.insert(value.items.end(), items.begin(), items.end());
    } else {
      value.items = std::move(items);
    }
    value.text.clear();
    for (const std::string& item : value.items) {
      if (!value.text.empty()) value.text += ',';
      value.text += item;
    }
  } else {
    value.text = text;
  }
  value.origin = origin;
}

const Config::Value& Config::value(std::string_view name) const {
  auto found = m_values.find(name);
  if (found == m_values.end()) {
    throw std::logic_error("unknown setting " + std::string(name));
  }
  return found->second;
}

bool Config::flag(std::string_view name) const {
  return parse_boolean(value(name).text).value_or(false);
}

std::int64_t Config::integer(std::string_view name) const {
  return parse_integer(value(name).text).value_or(0);
}

std::optional<std::uint64_t> Config::size(std::string_view name) const {
  return parse_size(value(name).text);
}

std::string Config::text(std::string_view name) const {
  return value(name).text;
}

std::vector<std::string> Config::list(std::string_view name) const {
  return value(name).items;
}

bool Config::is_set(std::string_view name) const {
  return value(name).origin != "default";
}

std::string Config::origin(std::string_view name) const {
  return value(name).origin;
}

} // namespace hasher::config
