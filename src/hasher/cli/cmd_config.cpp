// `hasher config`: the effective configuration as TOML, each value followed
// by a comment naming where it came from.

#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/config/settings.hpp>

#include <cstdio>
#include <string>

namespace hasher::cli {
namespace {

std::string toml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
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
  case config::ValueType::size:
    return config.text(name);
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
