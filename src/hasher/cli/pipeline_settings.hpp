#pragma once

// Settings every command that reads files through the pipeline shares:
// worker count, retries, fail-fast, the progress line.

#include <hasher/config/config.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>

#include <cstddef>

namespace hasher::cli {

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
