#pragma once

// Run-level failures. They are thrown below cli/ and caught only in cli::run,
// which maps them to exit codes: UsageError → 2 (nothing done), FatalError → 3.

#include <stdexcept>
#include <string>

namespace hasher::util {

// A bad option, setting or argument; `what()` is the whole one-line message
// after "hasher: error: " (subject first, then the reason).
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The run cannot go on: catalog unusable, lock held, destination not writable.
class FatalError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace hasher::util
