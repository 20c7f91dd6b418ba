#pragma once

// The configuration-file layer: finding the TOML file (SPEC "Configuration")
// and turning it into setting texts, each with its "path:line" origin, for
// Config::set. Reading and layering are separate so that the caller decides
// the order (defaults < file < environment < command line) and where the
// warnings go.

#include <hasher/config/config.hpp>
#include <hasher/config/settings.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hasher::config {

// One value from the file, as text for Config::set.
struct FileSetting {
  const Setting* setting;
  std::string text;
  std::string origin; // "path:line"
};

struct ConfigFile {
  std::string path;
  // In file order, ready for Config::set(*setting, text, origin).
  std::vector<FileSetting> values;
  // One line each, "path:line: section.key: unknown key" (without the
  // "hasher: warning: " prefix), in file order.
  std::vector<std::string> warnings;
};

// Parses the TOML file at `path`. Every key of every section maps to the
// setting named "section.key"; `[hashes]` (the original tool's `algo = true`
// table) becomes one value of "options.algorithms". Unknown sections and keys,
// `cli.*` keys and tables nested deeper than section.key are warnings. The
// texts are not validated beyond their TOML type: Config::set does that.
// Throws util::UsageError "path: cannot read: <reason>" when the file cannot
// be read, "path:line: <reason>" for a TOML syntax error,
// "path:line: section.key: expected a <type>, got a <type>" for a value of
// the wrong TOML type, and "path:line: hashes...: <reason>" for an unknown
// algorithm, a non-boolean or no enabled algorithm in `[hashes]`.
// Thread-safe.
ConfigFile read_config_file(const std::string& path);

// The file to use: `explicit_path` (from --config or HASHER_CONFIG) if given,
// else ./hasher.toml, else $XDG_CONFIG_HOME/hasher/config.toml
// (XDG_CONFIG_HOME defaults to $HOME/.config; a relative one is ignored, as
// the XDG base directory specification says); nullopt when none exists (no
// file is needed). Throws util::UsageError "<path>: no such configuration
// file" when `explicit_path` does not exist. Reads the environment and the
// current directory: call it before starting threads.
std::optional<std::string>
find_config_file(const std::optional<std::string>& explicit_path);

// Sets every value of `file` into `config`, in file order. Throws
// util::UsageError "path:line: section.key: <reason>" (from Config::set) for
// the first value that is not valid for its setting.
void apply_config_file(const ConfigFile& file, Config& config);

} // namespace hasher::config
