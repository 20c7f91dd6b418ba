#pragma once

// The one-line end-of-run summary and human-readable sizes and rates.

#include <cstdint>
#include <string>

namespace hasher::ui {

struct RunCounts {
  std::uint64_t files = 0;   // hashed successfully
  std::uint64_t bytes = 0;   // bytes read
  std::uint64_t failed = 0;  // files that failed
  std::uint64_t skipped = 0; // special files, symlinks, filtered
};

// "1.5 GiB", "912 B".
std::string format_bytes(std::uint64_t bytes);

// `hasher: 12 files, 1.5 GiB in 2.01 s (783 MB/s, 6 files/s), 0 errors,
// 3 skipped`.
std::string summary_line(const RunCounts& counts, double seconds);

} // namespace hasher::ui
