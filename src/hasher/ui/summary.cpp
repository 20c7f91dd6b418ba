#include <hasher/ui/summary.hpp>

#include <cstdio>

namespace hasher::ui {

std::string format_bytes(std::uint64_t bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  if (unit == 0) {
    std::snprintf(buffer, sizeof buffer, "%llu B",
                  static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
  }
  return buffer;
}

std::string summary_line(const RunCounts& counts, double seconds) {
  double safe = seconds > 0 ? seconds : 1e-9;
  char buffer[256];
  std::snprintf(buffer, sizeof buffer,
                "hasher: %llu files, %s in %.2f s (%.0f MB/s, %.0f files/s), "
                "%llu errors, %llu skipped",
                static_cast<unsigned long long>(counts.files),
                format_bytes(counts.bytes).c_str(), seconds,
                static_cast<double>(counts.bytes) / safe / 1e6,
                static_cast<double>(counts.files) / safe,
                static_cast<unsigned long long>(counts.failed),
                static_cast<unsigned long long>(counts.skipped));
  return buffer;
}

std::string verify_summary_line(const VerifyCounts& counts, double seconds) {
  double safe = seconds > 0 ? seconds : 1e-9;
  char buffer[320];
  std::snprintf(buffer, sizeof buffer,
                "hasher: verified %llu files, %s in %.2f s (%.0f MB/s): %llu "
                "ok, %llu mismatched, %llu missing, %llu changed, %llu failed",
                static_cast<unsigned long long>(counts.verified()),
                format_bytes(counts.bytes).c_str(), seconds,
                static_cast<double>(counts.bytes) / safe / 1e6,
                static_cast<unsigned long long>(counts.ok),
                static_cast<unsigned long long>(counts.mismatched),
                static_cast<unsigned long long>(counts.missing),
                static_cast<unsigned long long>(counts.changed),
                static_cast<unsigned long long>(counts.failed));
  std::string text = buffer;
  if (counts.fresh > 0) text += ", " + std::to_string(counts.fresh) + " new";
  if (counts.recent > 0) {
    text += ", " + std::to_string(counts.recent) +
            " skipped (verified recently, --older-than)";
  }
  return text;
}

std::string resumed_line(std::int64_t run_id, std::uint64_t already_done,
                         std::uint64_t read) {
  return "hasher: resumed run " + std::to_string(run_id) + ": " +
         std::to_string(already_done) + " files already done, " +
         std::to_string(read) + " read";
}

} // namespace hasher::ui
