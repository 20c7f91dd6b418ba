#pragma once

// What `hasher hash` does with each result, in walk order: print the record,
// queue the catalog row (or the failure), report problems on stderr, count
// for the summary and the progress line, and remember failed paths for
// --failed-list.

#include <hasher/format/writer.hpp>
#include <hasher/pipeline/catalog_writer.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/ui/reporter.hpp>
#include <hasher/ui/summary.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace hasher::pipeline {

struct HashCounts {
  ui::RunCounts run;              // hashed, bytes, failed, skipped
  std::uint64_t already_done = 0; // skipped: committed by the resumed run
  std::uint64_t unchanged = 0;    // skipped by --update
};

class HashSink final : public ResultSink {
public:
  // `writer` and `catalog` may be null (no records / no catalog); `cwd`
  // makes the paths of walk errors absolute for the catalog.
  HashSink(format::RecordWriter* writer, CatalogWriter* catalog,
           ui::Reporter& reporter, ui::ProgressCounters& progress,
           std::string cwd);

  void on_result(FileResult& result) override;
  void on_skip(const std::string& path, const std::string& reason) override;
  void on_walk_warning(const std::string& path,
                       const std::string& reason) override;
  void on_walk_error(const util::Error& error) override;

  [[nodiscard]] HashCounts counts() const;
  // Paths that failed, in walk order.
  [[nodiscard]] std::vector<std::string> failed_paths() const;

private:
  // Reports `path` on stderr and records `catalog_path` as failed.
  void fail(const std::string& path, const std::string& catalog_path,
            const std::string& reason);

  format::RecordWriter* m_writer;
  CatalogWriter* m_catalog;
  ui::Reporter& m_reporter;
  ui::ProgressCounters& m_progress;
  std::string m_cwd;
  format::FileRecord m_record;
  mutable std::mutex m_mutex;
  HashCounts m_counts;
  std::vector<std::string> m_failed;
};

} // namespace hasher::pipeline
