#pragma once

// One function per subcommand (cmd_<name>.cpp); each returns the exit code.

#include <hasher/config/config.hpp>
#include <hasher/ui/reporter.hpp>

#include <string>
#include <vector>

namespace hasher::cli {

struct Invocation {
  const config::Config& config;
  const std::vector<std::string>& arguments; // positionals after the command
  ui::Reporter& reporter;
};

int cmd_hash(const Invocation& invocation);
int cmd_algorithms(const Invocation& invocation);
int cmd_config(const Invocation& invocation);

} // namespace hasher::cli
