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
int cmd_verify(const Invocation& invocation);
// verify -c: against checksum files (cmd_verify_check.cpp).
int cmd_verify_check(const Invocation& invocation);
int cmd_export(const Invocation& invocation);
int cmd_dupes(const Invocation& invocation);
int cmd_copy(const Invocation& invocation);
int cmd_download(const Invocation& invocation);

} // namespace hasher::cli
