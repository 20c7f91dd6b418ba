#pragma once

// walk → read → digest fan-out → sink. One walker thread runs ahead of the
// workers through a bounded queue; `jobs` workers each own a FileHasher and
// hash whole files side by side; a big file met while other workers are idle
// is split over lanes (threads) by algorithm cost. Results reach the sink in
// walk order whatever the thread count, through a reorder window that also
// bounds memory (a worker waits rather than run too far ahead of the oldest
// unfinished file). This is the only place that starts threads.

#include <hasher/codec/codec.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/pipeline/skip_check.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/result.hpp>
#include <hasher/util/retry.hpp>
#include <hasher/walk/tree_walker.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hasher::pipeline {

struct FileResult {
  std::uint64_t seq = 0; // position in walk order
  std::string path;      // as walked
  walk::EntryKind kind = walk::EntryKind::file;
  std::string absolute_path; // the catalog key (absolute, normalised); empty
                             // for a file skipped on purpose
  io::FileInfo info;         // stat at open (after the last retry)
  // Not none: the content was read through this codec (the file is a .gz or
  // .zst); digests, bytes and info.size are of the decoded content.
  codec::Codec decoded = codec::Codec::none;
  SkipReason skipped = SkipReason::none; // set when not read on purpose
  std::optional<util::Error> error;      // set when the file failed
  std::vector<util::Bytes> digests;      // in spec order, when no error
  std::uint64_t bytes = 0;               // bytes read
};

// Receives what the pipeline finds. on_result is called in walk order, one
// call at a time; on_skip and on_walk_error come from the walker thread
// whenever they happen.
class ResultSink {
public:
  virtual ~ResultSink() = default;
  // The sink may take what it keeps (digests) out of `result`.
  virtual void on_result(FileResult& result) = 0;
  virtual void on_skip(const std::string& path, const std::string& reason) = 0;
  virtual void on_walk_error(const util::Error& error) = 0;
  // A walk warning (dangling link, symlink loop); on_skip follows for the
  // same path. From the walker thread. Ignored unless overridden.
  virtual void on_walk_warning(const std::string& /*path*/,
                               const std::string& /*reason*/) {}
};

enum class FailFast { no, yes };

struct PipelineOptions {
  std::vector<digest::AlgorithmSpec> specs;
  std::size_t jobs = 1;                      // worker threads, >= 1
  const std::atomic<bool>* stop = nullptr;   // set by a signal handler
  FailFast fail_fast = FailFast::no;         // stop at the first failed file
  util::RetryPolicy retry;                   // for opens failing transiently
  std::uint64_t split_threshold = 16u << 20; // bytes; smaller files never split
  // --decompress: files named .gz/.zst are read decoded (their content is
  // hashed); other sources say so per file (WalkEntry::decode).
  bool decompress = false;
  // Hash many files at once through the multi-buffer kernels when the CPU
  // has them and an algorithm uses them (MultiFileHasher); false: one file
  // per worker at a time.
  bool side_by_side = true;
  walk::WalkOptions walk; // order, depth, links and filters of the walk
  std::string cwd; // working directory for catalog keys; empty: none made
  // Makes one SkipCheck per worker (resume, --update); empty = read all.
  std::function<std::unique_ptr<SkipCheck>()> make_skip_check;
  // When set, the walk counts files and bytes ahead for the progress line
  // (byte totals need walk.stat_files = always).
  ui::ProgressCounters* progress = nullptr;
};

class HashPipeline {
public:
  HashPipeline(PipelineOptions options, ResultSink& sink);

  // Walks every root and hashes what it finds; returns when all is done or a
  // stop was requested. Throws what the digest factories throw (before any
  // thread starts).
  void run(std::span<const std::string> roots);

  // Hashes what `source` hands to the visitor (on_file for each file, in the
  // order results should reach the sink; it should stop when on_file returns
  // false), from the calling thread while the workers hash: verify feeds
  // catalog rows or checksum-file lines this way. What `source` throws is
  // rethrown once the workers have stopped.
  using FileSource = std::function<void(walk::WalkVisitor&)>;
  void run_source(const FileSource& source);

private:
  PipelineOptions m_options;
  ResultSink& m_sink;
};

} // namespace hasher::pipeline
