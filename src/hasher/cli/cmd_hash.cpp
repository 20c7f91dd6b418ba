// `hasher hash`: walk the PATHs, hash every file once with every requested
// algorithm, print records in walk order, record them in the catalog as one
// run (locked, resumable), and end with a summary on stderr.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/run_state.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/cli/walk_settings.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/io/path.hpp>
#include <hasher/pipeline/hash_pipeline.hpp>
#include <hasher/pipeline/hash_sink.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>
#include <hasher/walk/path_list.hpp>

#include <chrono>
#include <csignal>
#include <iostream>

namespace hasher::cli {
namespace {

// The run's root as the catalog keys it: every PATH made absolute, one per
// line ('-' has none).
std::string run_root(const std::vector<std::string>& roots,
                     const std::string& cwd) {
  std::vector<std::string> absolute;
  for (const std::string& root : roots) {
    if (root != "-") absolute.push_back(io::absolute_path(root, cwd));
  }
  return util::join(absolute, "\n");
}

// --decompress (or --hash-uncompressed): the content of .gz/.zst files is
// hashed, not their bytes; --hash-compressed is the default made explicit.
// Compressing is copy's; --hash-both would need a second record per file,
// which copy makes and hash does not.
bool decompress_wanted(const config::Config& config) {
  if (!config.text("options.compress").empty()) {
    throw util::UsageError("--compress: hash writes nothing; see copy");
  }
  if (config.flag("options.hash_both")) {
    throw util::UsageError("--hash-both: copy only (hash reads a file one "
                           "way: as it is, or decoded with --decompress)");
  }
  bool decoded = config.flag("options.decompress") ||
                 config.flag("options.hash_uncompressed");
  if (decoded && config.flag("options.hash_compressed")) {
    throw util::UsageError(
        "--hash-compressed: contradicts --decompress / --hash-uncompressed");
  }
  return decoded;
}

} // namespace

int cmd_hash(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  ui::Reporter& reporter = invocation.reporter;
  std::vector<digest::AlgorithmSpec> specs = requested_algorithms(config);

  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::RecordWriter> writer =
      record_writer(config, specs, std::cout);
  if (config.flag("options.sql_only")) writer.reset();

  std::vector<std::string> roots = invocation.arguments;
  if (std::string list = config.text("options.from_list"); !list.empty()) {
    std::vector<std::string> listed = walk::read_path_list(list);
    roots.insert(roots.end(), listed.begin(), listed.end());
  }
  if (config.flag("options.stdin")) roots.emplace_back("-");
  if (roots.empty() && config.text("options.from_list").empty()) {
    roots.emplace_back(".");
  }

  pipeline::PipelineOptions options = pipeline_options(config, specs);
  options.walk = walk_options(config);
  options.decompress = decompress_wanted(config);

  // The catalog run: locked, resumed when an interrupted one matches.
  std::unique_ptr<catalog::Catalog> catalog;
  std::optional<catalog::RunInfo> run;
  const std::string cwd = io::current_directory();
  std::string root = run_root(roots, cwd);
  bool use_catalog = !config.flag("options.no_db") &&
                     !config.flag("options.json_only") && !root.empty();
  std::vector<std::string> columns;
  for (const digest::AlgorithmSpec& spec : specs) {
    columns.push_back(spec.column());
  }
  // Catalog keys are absolute paths; without a catalog none are made.
  if (use_catalog) options.cwd = cwd;
  if (use_catalog) {
    catalog = catalog::open_catalog(config.text("database.db_string"),
                                    config.text("database.table_name"));
    run = catalog->begin_run({root, "hash", columns,
                              config.flag("options.restart")
                                  ? catalog::Restart::yes
                                  : catalog::Restart::no});
    pipeline::UpdateOnly update = config.flag("options.update")
                                      ? pipeline::UpdateOnly::yes
                                      : pipeline::UpdateOnly::no;
    if (run->resumed || update == pipeline::UpdateOnly::yes) {
      std::int64_t resumed = run->resumed ? run->id : 0;
      catalog::Catalog& source = *catalog;
      options.make_skip_check = [&source, columns, resumed, update] {
        return pipeline::make_catalog_skip_check(source.open_reader(columns),
                                                 resumed, update);
      };
    }
  }
  std::optional<pipeline::CatalogWriter> catalog_writer;
  if (run) {
    catalog_writer.emplace(*catalog, run->id, commit_policy(config));
  }

  ui::ProgressCounters progress;
  const bool show_progress = progress_wanted(config);
  // Only the live line needs the walk to count (and stat) ahead.
  if (show_progress) {
    options.progress = &progress;
    options.walk.stat_files = walk::StatFiles::always;
  }
  pipeline::HashSink sink(writer.get(),
                          catalog_writer ? &*catalog_writer : nullptr, reporter,
                          progress, cwd);
  auto started = std::chrono::steady_clock::now();
  std::string fatal_message; // set: the run cannot go on (exit 3)
  {
    ui::ProgressLine line(reporter, progress, show_progress);
    if (writer) writer->begin();
    try {
      pipeline::HashPipeline(options, sink).run(roots);
    } catch (const util::FatalError& error) {
      fatal_message = error.what();
    }
    if (writer) writer->end();
    std::cout.flush();
  }
  int signal =
      run ? close_run(*catalog, run->id, &*catalog_writer, fatal_message)
          : stop_signal();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();

  pipeline::HashCounts counts = sink.counts();
  if (std::string list = config.text("options.failed_list"); !list.empty()) {
    walk::write_path_list(list, sink.failed_paths());
  }
  if (!fatal_message.empty()) {
    reporter.error(fatal_message);
    return k_exit_fatal;
  }
  ui::RunCounts shown = counts.run;
  shown.skipped += counts.unchanged + counts.already_done;
  reporter.info(ui::summary_line(shown, seconds));
  if (std::string tail =
          run_tail(run ? &*run : nullptr, counts.already_done,
                   counts.run.files + counts.run.failed, counts.unchanged,
                   "unchanged since the catalog saw them (--update)");
      !tail.empty()) {
    reporter.info(tail);
  }
  if (signal != 0) {
    return signal_exit_code(signal);
  }
  return counts.run.failed > 0 ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
