#pragma once

// Splits argv into the subcommand, the settings given as options (by the
// table in config/settings.hpp) and the positional arguments. Options may
// come anywhere; `--` ends them; `--name=value`, `--name value`, `-j4`,
// `-j 4` and bundled short flags (`-qv`) are accepted.

#include <hasher/config/config.hpp>

#include <string>
#include <utility>
#include <vector>

namespace hasher::cli {

struct CommandLine {
  std::string command; // empty when none was given
  std::vector<std::pair<const config::Setting*, std::string>> options;
  std::vector<std::string> positionals;
  std::vector<std::string> flags_used; // the flag spelling, parallel to options
};

// Throws util::UsageError naming the unknown option or the missing value.
CommandLine parse_command_line(int argc, const char* const* argv);

} // namespace hasher::cli
