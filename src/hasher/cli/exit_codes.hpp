#pragma once

// Exit codes of SPEC "Exit codes".

#include <csignal>

namespace hasher::cli {

enum ExitCode : int {
  k_exit_ok = 0,       // success
  k_exit_failures = 1, // some file failed, mismatched or was missing
  k_exit_usage = 2,    // usage or configuration error, nothing done
  k_exit_fatal = 3,    // catalog unusable, lock held, destination unwritable
  k_exit_interrupted = 130, // SIGINT
  k_exit_terminated = 143,  // SIGTERM
};

// The exit code of a run stopped by `signal` (SIGTERM: 143, else 130).
inline int signal_exit_code(int signal) {
  return signal == SIGTERM ? k_exit_terminated : k_exit_interrupted;
}

} // namespace hasher::cli
