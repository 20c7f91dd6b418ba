#pragma once

// What `hasher verify` does with each result: compare the digests read with
// the ones expected, and hand the verdict to the command, which prints and
// records it. The expected values travel beside the pipeline, not through
// it: the source calls expect() just before it queues the file, and since
// results reach the sink in the order files were queued, each result meets
// its expectation at the front of a FIFO. The FIFO holds at most what is in
// flight (the task queue plus the reorder window), so memory stays bounded.

#include <hasher/digest/algorithm.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/ui/reporter.hpp>
#include <hasher/util/encoding.hpp>

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hasher::pipeline {

// What one file should hash to.
struct Expectation {
  std::string shown; // the path as reported
  std::string key;   // the catalog key ("" when not from the catalog)
  // Parallel to the pipeline's specs; nullopt: not to be compared.
  std::vector<std::optional<util::Bytes>> digests;
  // The metadata the catalog had, to tell "content equal, metadata new".
  std::optional<io::FileInfo> stored;
};

enum class Verdict { ok, mismatch, missing, changed, failed };

struct VerifyOutcome {
  Verdict verdict = Verdict::ok;
  std::vector<std::size_t> mismatched; // spec indices, for mismatch
  std::vector<std::string> changed;    // "size", "mtime", for changed
  std::string reason;                  // for failed and missing
};

class VerifySink final : public ResultSink {
public:
  // Called in walk order, one at a time, with the file's expectation, the
  // verdict and the result (its info is the file's metadata now).
  using Handler = std::function<void(const Expectation&, const VerifyOutcome&,
                                     const FileResult&)>;

  VerifySink(std::vector<digest::AlgorithmSpec> specs, Handler handler,
             ui::Reporter& reporter, ui::ProgressCounters& progress);

  // The expectation of the next file the source queues. Source thread.
  void expect(Expectation expectation);

  void on_result(FileResult& result) override;
  void on_skip(const std::string& path, const std::string& reason) override;
  void on_walk_error(const util::Error& error) override;

private:
  VerifyOutcome judge(const Expectation& expected,
                      const FileResult& result) const;

  std::vector<digest::AlgorithmSpec> m_specs;
  Handler m_handler;
  ui::Reporter& m_reporter;
  ui::ProgressCounters& m_progress;
  std::mutex m_mutex;
  std::deque<Expectation> m_expected;
};

} // namespace hasher::pipeline
