#pragma once

// The state a command's catalog run ends in, decided the same way for every
// command that keeps one (hash, verify, download).

#include <hasher/catalog/catalog.hpp>

#include <string>

namespace hasher::cli {

// interrupted when a stop signal came (`signal` != 0), failed after a fatal
// error (`fatal_message` not empty), else complete.
inline catalog::RunState ending_state(const std::string& fatal_message,
                                      int signal) {
  if (signal != 0) return catalog::RunState::interrupted;
  if (!fatal_message.empty()) return catalog::RunState::failed;
  return catalog::RunState::complete;
}

} // namespace hasher::cli
