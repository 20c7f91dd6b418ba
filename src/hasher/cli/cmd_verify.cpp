// `hasher verify [PATH...]`: re-read the files the catalog holds under the
// PATHs (all by default) through the hashing engine and compare every stored
// algorithm (or the -a subset). Each file ends OK, MISMATCH, MISSING or
// CHANGED (equal content, new metadata; the row takes the new metadata);
// --new also walks the PATHs and names files the catalog lacks. A verify is
// a catalog run like a hash run: locked, resumed when interrupted (files it
// verified are not read again), and each row keeps when it was verified and
// with what result, which --older-than uses to re-verify only stale rows.
// `verify -c` (checksum files) lives in cmd_verify_check.cpp.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/run_state.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/cli/walk_settings.hpp>
#include <hasher/codec/codec.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/escape.hpp>
#include <hasher/format/verify_report.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/io/path.hpp>
#include <hasher/pipeline/catalog_writer.hpp>
#include <hasher/pipeline/verify_sink.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>
#include <hasher/walk/filters.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <iostream>
#include <set>
#include <sys/stat.h>

namespace hasher::cli {
namespace {

// A PATH as typed and its catalog form, to show catalog rows the way the
// user named them.
struct Root {
  std::string given;
  std::string absolute;
};

std::string shown_path(const std::vector<Root>& roots, const std::string& key) {
  for (const Root& root : roots) {
    if (root.absolute == "/" || !io::path_within(key, root.absolute)) continue;
    std::string rest = key.substr(root.absolute.size()); // "" or "/name..."
    if (rest.empty()) return root.given;
    std::string given = root.given;
    while (given.size() > 1 && given.back() == '/') given.pop_back();
    return given == "/" ? rest : given + rest;
  }
  return key;
}

// The algorithms to compare: every stored column, or those of -a the catalog
// has. Throws UsageError when that leaves none.
std::vector<digest::AlgorithmSpec> verify_specs(const config::Config& config,
                                                catalog::Catalog& catalog) {
  std::vector<std::string> stored = catalog.algorithm_columns();
  std::vector<digest::AlgorithmSpec> specs;
  if (config.origin("options.algorithms") != "default") {
    std::set<std::string> have(stored.begin(), stored.end());
    for (const digest::AlgorithmSpec& spec : requested_algorithms(config)) {
      if (have.count(spec.column()) != 0) specs.push_back(spec);
    }
    if (specs.empty()) {
      throw util::UsageError("options.algorithms: the catalog holds none of "
                             "these algorithms");
    }
    return specs;
  }
  for (const std::string& column : stored) {
    if (std::optional<digest::AlgorithmSpec> spec =
            digest::spec_for_column(column)) {
      specs.push_back(*spec);
    }
  }
  return specs;
}

// --older-than as the RFC 3339 text of the moment before which a
// verification counts as stale ("" when not given).
std::string stale_before(const config::Config& config) {
  std::string text = config.text("cli.older_than");
  if (text.empty()) return text;
  std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  std::optional<std::int64_t> when = walk::parse_time_filter(text, now);
  if (!when) {
    throw util::UsageError(config.origin("cli.older_than") +
                           ": --older-than: '" + text +
                           "' is not an age (30d, 12h) or a date (2024-05-01)");
  }
  return format::rfc3339(*when / 1000000000 * 1000000000);
}

format::VerifyStatus status_of(pipeline::Verdict verdict) {
  switch (verdict) {
  case pipeline::Verdict::ok:
    return format::VerifyStatus::ok;
  case pipeline::Verdict::mismatch:
    return format::VerifyStatus::mismatch;
  case pipeline::Verdict::missing:
    return format::VerifyStatus::missing;
  case pipeline::Verdict::changed:
    return format::VerifyStatus::changed;
  case pipeline::Verdict::failed:
    return format::VerifyStatus::failed;
  }
  return format::VerifyStatus::failed;
}

catalog::VerifyResult result_of(pipeline::Verdict verdict) {
  switch (verdict) {
  case pipeline::Verdict::ok:
    return catalog::VerifyResult::ok;
  case pipeline::Verdict::mismatch:
    return catalog::VerifyResult::mismatch;
  case pipeline::Verdict::missing:
    return catalog::VerifyResult::missing;
  case pipeline::Verdict::changed:
    return catalog::VerifyResult::changed;
  case pipeline::Verdict::failed:
    return catalog::VerifyResult::failed;
  }
  return catalog::VerifyResult::failed;
}

// --quick: metadata only.
// The codec a row's digests were taken through (a compressed copy's
// content row), or none.
codec::Codec content_codec(const catalog::StoredEntry& entry) {
  return codec::codec_named(entry.content_codec).value_or(codec::Codec::none);
}

// The file that holds a row's bytes: its path, or for a content row the
// compressed file beside it (`f.txt` → `f.txt.zst`).
std::string file_of(const catalog::StoredEntry& entry) {
  return entry.path + std::string(codec::codec_extension(content_codec(entry)));
}

pipeline::VerifyOutcome quick_outcome(const catalog::StoredEntry& entry,
                                      std::optional<io::FileInfo>& now) {
  pipeline::VerifyOutcome outcome;
  struct stat st {};
  if (io::stat_path(file_of(entry), &st, io::FollowLinks::yes) != 0) {
    int error = errno;
    outcome.verdict = io::error_kind(error) == util::ErrorKind::not_found
                          ? pipeline::Verdict::missing
                          : pipeline::Verdict::failed;
    outcome.reason = io::errno_reason(error);
    return outcome;
  }
  now = io::file_info(st);
  // A compressed file's size says nothing of its content's without reading.
  if (content_codec(entry) != codec::Codec::none) now->size = entry.size;
  if (now->size != entry.size) outcome.changed.emplace_back("size");
  if (now->mtime_ns != entry.mtime_ns) outcome.changed.emplace_back("mtime");
  // Without reading, a new size is a different content.
  if (now->size != entry.size) {
    outcome.verdict = pipeline::Verdict::mismatch;
  } else if (!outcome.changed.empty()) {
    outcome.verdict = pipeline::Verdict::changed;
  }
  return outcome;
}

// Walks the roots and reports files the catalog does not hold (--new).
class NewFileFinder final : public walk::WalkVisitor {
public:
  NewFileFinder(catalog::CatalogReader& reader, format::VerifyReport* report,
                ui::Reporter& reporter, const std::string& cwd,
                ui::VerifyCounts& counts)
      : m_reader(reader), m_report(report), m_reporter(reporter), m_keys(cwd),
        m_counts(counts) {}

  bool on_file(walk::WalkEntry entry) override {
    if (entry.kind != walk::EntryKind::file) return true;
    m_paths.push_back(std::move(entry.path));
    if (m_paths.size() >= 256) flush();
    return stop_signal() == 0;
  }
  void on_skip(const std::string&, const std::string&) override {}
  void on_warning(const std::string& path, const std::string& reason) override {
    m_reporter.warning(path, reason);
  }
  void on_error(const util::Error& error) override {
    m_reporter.error(error.subject, error.reason);
  }

  void flush() {
    std::vector<std::string> keys;
    for (const std::string& path : m_paths) keys.push_back(m_keys.make(path));
    std::vector<std::string_view> views(keys.begin(), keys.end());
    std::vector<std::optional<catalog::StoredFile>> found =
        m_reader.lookup(views);
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
      if (found[i]) continue;
      ++m_counts.fresh;
      if (m_report) {
        format::VerifyLine line;
        line.path = m_paths[i];
        line.status = format::VerifyStatus::new_file;
        m_report->write(line);
      }
    }
    m_paths.clear();
  }

private:
  catalog::CatalogReader& m_reader;
  format::VerifyReport* m_report;
  ui::Reporter& m_reporter;
  io::AbsolutePaths m_keys;
  ui::VerifyCounts& m_counts;
  std::vector<std::string> m_paths;
};

} // namespace

int cmd_verify(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  if (config.flag("cli.check")) return cmd_verify_check(invocation);
  ui::Reporter& reporter = invocation.reporter;
  install_stop_handlers();
  if (config.flag("options.no_db")) {
    throw util::UsageError("--no-db: verify without -c needs the catalog");
  }
  const std::string cwd = io::current_directory();
  std::vector<Root> roots;
  for (const std::string& given : invocation.arguments) {
    roots.push_back({given, io::absolute_path(given, cwd)});
  }
  if (config.flag("cli.new") && roots.empty()) {
    throw util::UsageError("--new: name the PATHs to look for new files in");
  }
  std::string style = config.text("options.format");
  if (style.empty()) style = "text";
  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::VerifyReport> report =
      format::make_verify_report(style, std::cout);
  const bool mismatches_only = config.flag("options.mismatches_only");
  const bool quick = config.flag("cli.quick");
  const std::string stale = stale_before(config);

  std::unique_ptr<catalog::Catalog> catalog = catalog::open_catalog(
      config.text("database.db_string"), config.text("database.table_name"));
  std::vector<digest::AlgorithmSpec> specs = verify_specs(config, *catalog);
  std::vector<std::string> columns;
  for (const digest::AlgorithmSpec& spec : specs) {
    columns.push_back(spec.column());
  }
  catalog::ScanRequest scan;
  std::vector<std::string> root_keys;
  for (const Root& root : roots) root_keys.push_back(root.absolute);
  scan.roots = root_keys;
  scan.columns = columns;
  std::string run_root = root_keys.empty() ? "/" : util::join(root_keys, "\n");
  catalog::RunInfo run = catalog->begin_run(
      {run_root, quick ? "verify-quick" : "verify", columns,
       config.flag("options.restart") ? catalog::Restart::yes
                                      : catalog::Restart::no});
  pipeline::CatalogWriter writer(*catalog, run.id, commit_policy(config));

  ui::VerifyCounts counts;
  // Prints, counts and records one verdict; one call at a time.
  auto conclude = [&](const std::string& shown, const std::string& key,
                      const pipeline::VerifyOutcome& outcome,
                      const std::optional<io::FileInfo>& now,
                      std::uint64_t bytes) {
    counts.bytes += bytes;
    switch (outcome.verdict) {
    case pipeline::Verdict::ok:
      ++counts.ok;
      break;
    case pipeline::Verdict::mismatch:
      ++counts.mismatched;
      break;
    case pipeline::Verdict::missing:
      ++counts.missing;
      break;
    case pipeline::Verdict::changed:
      ++counts.changed;
      break;
    case pipeline::Verdict::failed:
      ++counts.failed;
      reporter.error(shown, outcome.reason);
      break;
    }
    bool quiet_line =
        mismatches_only && (outcome.verdict == pipeline::Verdict::ok ||
                            outcome.verdict == pipeline::Verdict::changed);
    if (!quiet_line) {
      format::VerifyLine line;
      line.path = shown;
      line.status = status_of(outcome.verdict);
      for (std::size_t index : outcome.mismatched) {
        line.details.push_back(specs[index].label());
      }
      if (outcome.verdict == pipeline::Verdict::changed) {
        line.details = outcome.changed;
      }
      report->write(line);
    }
    catalog::VerifyRow row{key, result_of(outcome.verdict), std::nullopt};
    if (outcome.verdict == pipeline::Verdict::changed) row.now = now;
    writer.add(std::move(row), bytes);
  };

  // Which stored rows to read: not those the resumed run verified, nor
  // those verified since the --older-than moment.
  auto wanted = [&](const catalog::StoredEntry& entry) {
    if (run.resumed && entry.verify_run_id == run.id) {
      ++counts.already_done;
      return false;
    }
    if (!stale.empty() && !entry.verified_at.empty() &&
        entry.verified_at >= stale) {
      ++counts.recent;
      return false;
    }
    return true;
  };

  ui::ProgressCounters progress;
  auto started = std::chrono::steady_clock::now();
  std::string fatal_message; // set: the run cannot go on (exit 3)
  try {
    ui::ProgressLine line(reporter, progress, progress_wanted(config));
    if (quick) {
      catalog->scan(scan, [&](catalog::StoredEntry& entry) {
        if (stop_signal() != 0) return false;
        if (!wanted(entry)) return true;
        std::optional<io::FileInfo> now;
        pipeline::VerifyOutcome outcome = quick_outcome(entry, now);
        conclude(shown_path(roots, entry.path), entry.path, outcome, now, 0);
        progress.files_done.fetch_add(1);
        return true;
      });
    } else {
      pipeline::PipelineOptions options = pipeline_options(config, specs);
      pipeline::VerifySink sink(
          specs,
          [&](const pipeline::Expectation& expected,
              const pipeline::VerifyOutcome& outcome,
              const pipeline::FileResult& result) {
            conclude(expected.shown, expected.key, outcome, result.info,
                     result.bytes);
          },
          reporter, progress);
      pipeline::HashPipeline(options, sink)
          .run_source([&](walk::WalkVisitor& visitor) {
            catalog->scan(scan, [&](catalog::StoredEntry& entry) {
              if (!wanted(entry)) return true;
              progress.files_total.fetch_add(1);
              progress.bytes_total.fetch_add(entry.size);
              pipeline::Expectation expected;
              expected.shown = shown_path(roots, entry.path);
              expected.key = entry.path;
              expected.digests = std::move(entry.digests);
              expected.stored = io::FileInfo{entry.size, entry.mtime_ns,
                                             entry.inode, entry.device};
              sink.expect(std::move(expected));
              return visitor.on_file({file_of(entry), walk::EntryKind::file,
                                      std::nullopt, content_codec(entry)});
            });
          });
    }
    if (config.flag("cli.new") && stop_signal() == 0) {
      std::unique_ptr<catalog::CatalogReader> reader =
          catalog->open_reader(columns);
      NewFileFinder finder(*reader, report.get(), reporter, cwd, counts);
      walk::WalkOptions walk = walk_options(config);
      for (const Root& root : roots) {
        if (!walk::walk_root(root.given, walk, finder)) break;
      }
      finder.flush();
    }
  } catch (const util::FatalError& error) {
    fatal_message = error.what();
  }
  std::cout.flush();
  int signal = close_run(*catalog, run.id, &writer, fatal_message);
  if (!fatal_message.empty()) {
    reporter.error(fatal_message);
    return k_exit_fatal;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  reporter.info(ui::verify_summary_line(counts, seconds));
  if (run.resumed) {
    reporter.info(
        ui::resumed_line(run.id, counts.already_done, counts.verified()));
  }
  if (signal != 0) {
    return signal_exit_code(signal);
  }
  bool bad = counts.mismatched + counts.missing + counts.failed > 0;
  return bad ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
