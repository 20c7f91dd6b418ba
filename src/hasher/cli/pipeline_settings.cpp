#include <hasher/cli/pipeline_settings.hpp>

#include <hasher/cli/signals.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <algorithm>
#include <thread>
#include <unistd.h>

namespace hasher::cli {

std::vector<digest::AlgorithmSpec>
requested_algorithms(const config::Config& config) {
  return digest::parse_algorithm_list(
      util::join(config.list("options.algorithms"), ","));
}

std::unique_ptr<format::RecordWriter>
record_writer(const config::Config& config,
              std::span<const digest::AlgorithmSpec> specs, std::ostream& out) {
  std::string name = config.text("options.format");
  if (config.flag("options.json_only")) name = "jsonl";
  if (name.empty()) name = std::string(format::default_format(specs.size()));
  return format::make_writer(name, specs, out,
                             config.flag("options.pretty_json")
                                 ? format::Pretty::yes
                                 : format::Pretty::no);
}

pipeline::CommitPolicy commit_policy(const config::Config& config) {
  return {static_cast<std::size_t>(std::max<std::int64_t>(
              1, config.integer("performance.batch_size"))),
          std::chrono::seconds(std::max<std::int64_t>(
              1, config.integer("performance.checkpoint_interval")))};
}

std::size_t job_count(const config::Config& config) {
  std::int64_t jobs = config.integer("performance.worker_threads");
  if (jobs < 0) {
    throw util::UsageError(config.origin("performance.worker_threads") +
                           ": performance.worker_threads: must be 0 (auto) "
                           "or more");
  }
  if (jobs == 0) {
    jobs = std::max<std::int64_t>(1, std::thread::hardware_concurrency());
  }
  return static_cast<std::size_t>(jobs);
}

util::RetryPolicy retry_policy(const config::Config& config) {
  std::int64_t retries = config.integer("options.retry_count");
  std::int64_t delay = config.integer("options.retry_delay");
  if (retries < 0 || delay < 0) {
    const char* name =
        retries < 0 ? "options.retry_count" : "options.retry_delay";
    throw util::UsageError(config.origin(name) + ": " + name +
                           ": must be 0 or more");
  }
  return {static_cast<int>(std::min<std::int64_t>(retries, 100)),
          std::chrono::milliseconds(delay)};
}

bool progress_wanted(const config::Config& config) {
  if (config.flag("options.quiet") || config.flag("options.no_progress")) {
    return false;
  }
  return config.flag("options.progress") || ::isatty(STDERR_FILENO) == 1;
}

pipeline::PipelineOptions
pipeline_options(const config::Config& config,
                 std::vector<digest::AlgorithmSpec> specs) {
  pipeline::PipelineOptions options;
  options.specs = std::move(specs);
  options.jobs = job_count(config);
  options.stop = &install_stop_handlers();
  options.fail_fast = config.flag("options.fail_fast") ? pipeline::FailFast::yes
                                                       : pipeline::FailFast::no;
  options.retry = retry_policy(config);
  return options;
}

} // namespace hasher::cli
