#pragma once

// SIGINT and SIGTERM only set a flag; the pipeline polls it between chunks,
// finishes the current batch and the command returns 130 or 143.

#include <atomic>

namespace hasher::cli {

// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_stop_handlers();

// The signal that set the flag (SIGINT or SIGTERM), or 0.
int stop_signal();

} // namespace hasher::cli
