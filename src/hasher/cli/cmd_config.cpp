// `hasher config`: the effective configuration as TOML, each value followed
// by a comment naming where it came from.

#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/config/settings.hpp>

#include <cstdio>
#include <string>

namespace hasher::cli {
namespace {

// A TOML basic string (TOML 1.0 "Basic strings": escape quote, backslash
// and control characters).
std::string toml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string toml_value(const config::Config& config,
                       const config::Setting& setting) {
  std::string name(setting.name);
  switch (setting.type) {
  case config::ValueType::flag:
  case config::ValueType::boolean:
    return config.flag(name) ? "true" : "false";
  case config::ValueType::integer:
    return std::to_string(config.integer(name));
  case config::ValueType::size:
    // A size with a suffix ("5G") is a TOML string; plain bytes a number.
    return std::to_string(config.size(name).value_or(0));
  case config::ValueType::text:
    return toml_quote(config.text(name));
  case config::ValueType::list: {
    std::string out = "[";
    for (const std::string& item : config.list(name)) {
      if (out.size() > 1) out += ", ";
      out += toml_quote(item);
    }
    return out + "]";
  }
  }
  return {};
}

} // namespace

int cmd_config(const Invocation& invocation) {
  std::string section;
  std::string text;
  for (const config::Setting& setting : config::all_settings()) {
    std::string name(setting.name);
    std::size_t dot = name.find('.');
    std::string this_section = name.substr(0, dot);
    if (this_section == "cli") continue;
    // An unset optional value has no TOML spelling: show it as a comment.
    bool unset = setting.type != config::ValueType::text &&
                 setting.type != config::ValueType::list &&
                 invocation.config.text(name).empty();
    if (this_section != section) {
      text += (section.empty() ? "[" : "\n[") + this_section + "]\n";
      section = this_section;
    }
    std::string key = name.substr(dot + 1);
    if (unset) {
      text += "# " + key + " = (unset)\n";
      continue;
    }
    text += key + " = " + toml_value(invocation.config, setting) + "  # " +
            invocation.config.origin(name) + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_ok;
}

} // namespace hasher::cli
