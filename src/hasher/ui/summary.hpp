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

// `hasher: resumed run N: K files already done, M read` (SPEC).
std::string resumed_line(std::int64_t run_id, std::uint64_t already_done,
                         std::uint64_t read);

// What a verify found.
struct VerifyCounts {
  std::uint64_t ok = 0;
  std::uint64_t mismatched = 0;
  std::uint64_t missing = 0;
  std::uint64_t changed = 0;      // equal content, new metadata
  std::uint64_t failed = 0;       // could not be read
  std::uint64_t fresh = 0;        // on disk, not in the catalog (--new)
  std::uint64_t already_done = 0; // verified by the resumed run
  std::uint64_t recent = 0;       // verified within --older-than
  std::uint64_t bytes = 0;        // read

  [[nodiscard]] std::uint64_t verified() const {
    return ok + mismatched + missing + changed + failed;
  }
};

// "1.5 GiB", "912 B".
std::string format_bytes(std::uint64_t bytes);

// `hasher: 12 files, 1.5 GiB in 2.01 s (783 MB/s, 6 files/s), 0 errors,
// 3 skipped`.
std::string summary_line(const RunCounts& counts, double seconds);

// `hasher: verified 12 files, 1.5 GiB in 2.01 s (783 MB/s): 11 ok,
// 1 mismatched, 0 missing, 0 changed, 0 failed`, then the new and recently
// verified counts when there are any.
std::string verify_summary_line(const VerifyCounts& counts, double seconds);

} // namespace hasher::ui
