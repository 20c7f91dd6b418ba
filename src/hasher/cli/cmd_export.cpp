// `hasher export [PATH...]`: the catalog rows under the PATHs (all by
// default) written as checksum files in any output format, without reading
// the data. Paths are absolute, or relative to --relative-to DIR. A row that
// lacks one of the requested algorithms is left out and counted.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/io/path.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <csignal>
#include <iostream>
#include <set>

namespace hasher::cli {
namespace {

// -a when given; otherwise the configured default set as far as the catalog
// has it, else every stored algorithm.
std::vector<digest::AlgorithmSpec> export_specs(const config::Config& config,
                                                catalog::Catalog& catalog) {
  std::vector<std::string> stored = catalog.algorithm_columns();
  std::set<std::string> have(stored.begin(), stored.end());
  std::vector<digest::AlgorithmSpec> requested = requested_algorithms(config);
  if (config.origin("options.algorithms") != "default") {
    for (const digest::AlgorithmSpec& spec : requested) {
      if (have.count(spec.column()) == 0) {
        throw util::UsageError("options.algorithms: the catalog holds no " +
                               spec.label() + " digests");
      }
    }
    return requested;
  }
  std::vector<digest::AlgorithmSpec> specs;
  for (const digest::AlgorithmSpec& spec : requested) {
    if (have.count(spec.column()) != 0) specs.push_back(spec);
  }
  if (!specs.empty()) return specs;
  for (const std::string& column : stored) {
    if (std::optional<digest::AlgorithmSpec> spec =
            digest::spec_for_column(column)) {
      specs.push_back(*spec);
    }
  }
  if (specs.empty()) {
    throw util::UsageError("export: the catalog holds no digests");
  }
  return specs;
}

} // namespace

int cmd_export(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  install_stop_handlers();
  if (config.flag("options.no_db")) {
    throw util::UsageError("--no-db: export reads the catalog");
  }
  const std::string cwd = io::current_directory();
  std::string relative_to = config.text("cli.relative_to");
  if (!relative_to.empty()) relative_to = io::absolute_path(relative_to, cwd);

  std::unique_ptr<catalog::Catalog> catalog = catalog::open_catalog(
      config.text("database.db_string"), config.text("database.table_name"));
  std::vector<digest::AlgorithmSpec> specs = export_specs(config, *catalog);
  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::RecordWriter> writer =
      record_writer(config, specs, std::cout);

  catalog::ScanRequest scan;
  for (const std::string& path : invocation.arguments) {
    scan.roots.push_back(io::absolute_path(path, cwd));
  }
  for (const digest::AlgorithmSpec& spec : specs) {
    scan.columns.push_back(spec.column());
  }
  std::uint64_t incomplete = 0;
  format::FileRecord record;
  writer->begin();
  catalog->scan(scan, [&](catalog::StoredEntry& entry) {
    if (stop_signal() != 0) return false;
    record.digests.clear();
    for (std::optional<util::Bytes>& digest : entry.digests) {
      if (!digest) break;
      record.digests.push_back(std::move(*digest));
    }
    if (record.digests.size() != specs.size()) {
      ++incomplete;
      return true;
    }
    record.path = relative_to.empty()
                      ? entry.path
                      : io::relative_path(entry.path, relative_to);
    record.size = entry.size;
    record.mtime_ns = entry.mtime_ns;
    writer->write(record);
    return true;
  });
  writer->end();
  std::cout.flush();
  if (incomplete > 0) {
    invocation.reporter.warning(
        "export", std::to_string(incomplete) +
                      " files lack some of the algorithms and were left out");
  }
  if (!std::cout) {
    throw util::FatalError("stdout: cannot write the checksums");
  }
  if (int signal = stop_signal(); signal != 0) {
    return signal_exit_code(signal);
  }
  return k_exit_ok;
}

} // namespace hasher::cli
