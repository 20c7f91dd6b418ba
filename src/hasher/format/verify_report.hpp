#pragma once

// The lines `hasher verify` prints on stdout, one per file (SPEC "Details
// that tests rely on"):
//   text   `path: OK`, `path: MISMATCH (sha256, md5)`, `path: MISSING`,
//          `path: NEW`, `path: CHANGED (mtime)`, `path: FAILED open or read`
//   check  as `sha256sum -c` prints: `path: OK`, `path: FAILED`,
//          `path: FAILED open or read`
//   jsonl  {"file_path": "...", "status": "mismatch", "algorithms": [...]}
// A path with a newline, CR or backslash is escaped the coreutils way in the
// text forms (the line starts with a backslash).

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::format {

enum class VerifyStatus { ok, mismatch, missing, new_file, changed, failed };

struct VerifyLine {
  std::string_view path;
  VerifyStatus status = VerifyStatus::ok;
  // mismatch: the algorithms that differ; changed: what changed ("mtime").
  std::vector<std::string> details;
};

class VerifyReport {
public:
  virtual ~VerifyReport() = default;
  virtual void write(const VerifyLine& line) = 0;
};

// `style` is "text", "check" or "jsonl". Throws util::UsageError for another.
std::unique_ptr<VerifyReport> make_verify_report(std::string_view style,
                                                 std::ostream& out);

} // namespace hasher::format
