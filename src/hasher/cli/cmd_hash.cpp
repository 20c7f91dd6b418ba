// `hasher hash`: walk the PATHs, hash every file once with every requested
// algorithm, print records in walk order, summary on stderr.

#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>

#include <chrono>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

namespace hasher::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::size_t job_count(const config::Config& config) {
  std::int64_t jobs = config.integer("performance.worker_threads");
  if (jobs < 0) {
    throw util::UsageError(config.origin("performance.worker_threads") +
                           ": worker_threads: must be 0 (auto) or more");
  }
  if (jobs == 0) {
    jobs = std::max<std::int64_t>(1, std::thread::hardware_concurrency());
  }
  return static_cast<std::size_t>(jobs);
}

// Prints records as they arrive in walk order, reports failures, counts.
class PrintingSink final : public pipeline::ResultSink {
public:
  PrintingSink(format::RecordWriter* writer, ui::Reporter& reporter)
      : m_writer(writer), m_reporter(reporter) {}

  void on_result(const pipeline::FileResult& result) override {
    if (result.error) {
      if (result.error->kind == util::ErrorKind::interrupted) return;
      if (result.error->kind == util::ErrorKind::special) {
        note_skip(result.path, result.error->reason);
        return;
      }
      m_reporter.error(result.path, result.error->reason);
      std::lock_guard lock(m_mutex);
      ++m_counts.failed;
      return;
    }
    if (m_writer != nullptr) {
      m_record.path = result.path;
      m_record.size = result.bytes;
      m_record.mtime_ns.reset();
      if (result.kind == walk::EntryKind::file) {
        m_record.mtime_ns = result.info.mtime_ns;
      }
      m_record.digests = result.digests;
      m_writer->write(m_record);
    }
    std::lock_guard lock(m_mutex);
    ++m_counts.files;
    m_counts.bytes += result.bytes;
  }

  void on_skip(const std::string& path, const std::string& reason) override {
    note_skip(path, reason);
  }

  void on_walk_error(const util::Error& error) override {
    m_reporter.error(error.subject, error.reason);
    std::lock_guard lock(m_mutex);
    ++m_counts.failed;
  }

  ui::RunCounts counts() {
    std::lock_guard lock(m_mutex);
    return m_counts;
  }

private:
  void note_skip(const std::string& path, const std::string& reason) {
    m_reporter.verbose("hasher: skipped: " + path + ": " + reason);
    std::lock_guard lock(m_mutex);
    ++m_counts.skipped;
  }

  format::RecordWriter* m_writer;
  ui::Reporter& m_reporter;
  format::FileRecord m_record;
  std::mutex m_mutex;
  ui::RunCounts m_counts;
};

} // namespace

int cmd_hash(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  std::vector<digest::AlgorithmSpec> specs =
      digest::parse_algorithm_list(join(config.list("options.algorithms")));

  std::string format_name = config.text("options.format");
  if (config.flag("options.json_only")) format_name = "jsonl";
  if (format_name.empty()) {
    format_name = std::string(format::default_format(specs.size()));
  }
  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::RecordWriter> writer = format::make_writer(
      format_name, specs, std::cout,
      config.flag("options.pretty_json") ? format::Pretty::yes
                                         : format::Pretty::no);
  if (config.flag("options.sql_only")) writer.reset();

  std::vector<std::string> roots = invocation.arguments;
  if (config.flag("options.stdin")) roots.emplace_back("-");
  if (roots.empty()) roots.emplace_back(".");

  pipeline::PipelineOptions options;
  options.specs = specs;
  options.jobs = job_count(config);
  options.stop = &install_stop_handlers();
  options.fail_fast = config.flag("options.fail_fast")
                          ? pipeline::FailFast::yes
                          : pipeline::FailFast::no;

  PrintingSink sink(writer.get(), invocation.reporter);
  auto started = std::chrono::steady_clock::now();
  if (writer) writer->begin();
  pipeline::HashPipeline(options, sink).run(roots);
  if (writer) writer->end();
  std::cout.flush();
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - started)
                       .count();

  ui::RunCounts counts = sink.counts();
  invocation.reporter.info(ui::summary_line(counts, seconds));
  if (int signal = stop_signal(); signal != 0) {
    return signal == SIGTERM ? k_exit_terminated : k_exit_interrupted;
  }
  return counts.failed > 0 ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
