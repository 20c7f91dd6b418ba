#pragma once

// Settings every command that reads files through the pipeline shares:
// the algorithms, the record format, worker count, retries, fail-fast, the
// progress line, when the catalog commits.

#include <hasher/config/config.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/pipeline/catalog_writer.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>

#include <cstddef>
#include <memory>
#include <ostream>
#include <span>

namespace hasher::cli {

// The algorithms of -a (or the configured default). Throws util::UsageError
// naming a bad item.
std::vector<digest::AlgorithmSpec>
requested_algorithms(const config::Config& config);

// The record writer of -f (or --json-only; the default for this many
// algorithms) for `specs` on `out`, indented with --pretty-json. Throws
// util::UsageError for a bad format.
std::unique_ptr<format::RecordWriter>
record_writer(const config::Config& config,
              std::span<const digest::AlgorithmSpec> specs, std::ostream& out);

// --batch-size and --checkpoint-interval (each at least 1).
pipeline::CommitPolicy commit_policy(const config::Config& config);

// performance.worker_threads, 0 = one per core. Throws util::UsageError for a
// negative value.
std::size_t job_count(const config::Config& config);

// --retry-count and --retry-delay. Throws util::UsageError for a negative
// value.
util::RetryPolicy retry_policy(const config::Config& config);

// Whether the live progress line is shown: --progress, or stderr is a
// terminal, and neither -q nor --no-progress.
bool progress_wanted(const config::Config& config);

// PipelineOptions with specs, jobs, the stop flag, fail-fast and retries
// set from `config`; the walk, catalog keys and skip checks are the
// caller's.
pipeline::PipelineOptions
pipeline_options(const config::Config& config,
                 std::vector<digest::AlgorithmSpec> specs);

} // namespace hasher::cli
