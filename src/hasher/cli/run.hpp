#pragma once

namespace hasher::cli {

// The whole program: parses the command line, layers the configuration,
// runs the subcommand, maps run-level errors to exit codes. Never throws.
int run(int argc, const char* const* argv);

} // namespace hasher::cli
