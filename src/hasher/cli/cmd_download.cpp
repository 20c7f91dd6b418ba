// `hasher download URL|@LIST... DEST`: fetch every URL (a LIST file holds
// one a line, `#` comments) into DEST/host/path or, with --flat, DEST/name,
// hashing the bytes as they arrive, several transfers at once (-j, default
// download.concurrency). The net/ layer does the transfers, retries and
// resumes, and hashes and names the files on threads of its own; this file
// turns the arguments into downloads, checks them against --expect /
// --checksums, prints one record per file in the order the URLs were given
// (finished ones wait for earlier ones), and records each file with its URL as
// the catalog row's source.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/run_state.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/io/path.hpp>
#include <hasher/net/download.hpp>
#include <hasher/net/download_queue.hpp>
#include <hasher/net/safe_name.hpp>
#include <hasher/net/url.hpp>
#include <hasher/pipeline/catalog_writer.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace hasher::cli {
namespace {

// The URLs of the arguments before DEST, @LIST files expanded in place.
std::vector<std::string> collect_urls(const std::vector<std::string>& args) {
  std::vector<std::string> urls;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '@') {
      urls.push_back(arg);
      continue;
    }
    std::ifstream list(arg.substr(1));
    if (!list) {
      throw util::UsageError(arg.substr(1) + ": cannot read the URL list");
    }
    std::string line;
    while (std::getline(list, line)) {
      std::size_t start = line.find_first_not_of(" \t\r");
      if (start == std::string::npos || line[start] == '#') continue;
      std::size_t end = line.find_last_not_of(" \t\r");
      urls.push_back(line.substr(start, end - start + 1));
    }
  }
  return urls;
}

// One digest a download must have.
struct Expectation {
  std::string column;
  util::Bytes digest;
};

std::vector<Expectation>
parse_expectations(const config::Config& config,
                   std::vector<digest::AlgorithmSpec>& specs) {
  std::vector<Expectation> out;
  for (const std::string& item : config.list("cli.expect")) {
    std::size_t equals = item.find('=');
    std::optional<util::Bytes> digest;
    if (equals != std::string::npos) {
      digest = util::from_hex(item.substr(equals + 1));
    }
    if (!digest) {
      throw util::UsageError("--expect: '" + item + "' is not ALGO=HEX");
    }
    digest::AlgorithmSpec spec =
        digest::parse_algorithm_list(item.substr(0, equals)).at(0);
    out.push_back({spec.column(), std::move(*digest)});
    specs.push_back(spec);
  }
  return out;
}

std::vector<format::ChecksumEntry>
read_checksums(const config::Config& config,
               std::vector<digest::AlgorithmSpec>& specs) {
  std::string file = config.text("cli.checksums");
  std::vector<format::ChecksumEntry> entries;
  if (file.empty()) return entries;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw util::UsageError(file + ": cannot read the checksum file");
  format::ChecksumReader reader(in, file, std::nullopt);
  while (std::optional<format::ChecksumEntry> entry = reader.next()) {
    for (const digest::AlgorithmSpec& spec : entry->specs)
      specs.push_back(spec);
    entries.push_back(std::move(*entry));
  }
  if (entries.empty()) {
    throw util::UsageError(file + ": no checksum lines");
  }
  return entries;
}

std::string base_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

// The specs with repeats removed, first occurrence kept.
std::vector<digest::AlgorithmSpec>
unique_specs(const std::vector<digest::AlgorithmSpec>& specs) {
  std::vector<digest::AlgorithmSpec> out;
  std::set<std::string> seen;
  for (const digest::AlgorithmSpec& spec : specs) {
    if (seen.insert(spec.column()).second) out.push_back(spec);
  }
  return out;
}

} // namespace

int cmd_download(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  ui::Reporter& reporter = invocation.reporter;
  install_stop_handlers();
  const auto started = std::chrono::steady_clock::now();
  if (invocation.arguments.size() < 2) {
    throw util::UsageError("download: give URLs (or @LIST files) and DEST");
  }
  const std::string cwd = io::current_directory();
  const std::string dest_given = invocation.arguments.back();
  const std::string dest = io::absolute_path(dest_given, cwd);
  std::vector<std::string> urls = collect_urls(invocation.arguments);
  if (urls.empty()) throw util::UsageError("download: no URLs given");
  std::vector<net::Url> parsed;
  for (const std::string& text : urls) {
    util::Result<net::Url> url = net::parse_url(text);
    if (!url) {
      throw util::UsageError(url.error().subject + ": " + url.error().reason);
    }
    parsed.push_back(*url);
  }

  // What to compute: the output algorithms, then any others the checks need.
  std::vector<digest::AlgorithmSpec> specs = requested_algorithms(config);
  const std::size_t shown = specs.size();
  std::vector<digest::AlgorithmSpec> all = specs;
  std::vector<Expectation> expected = parse_expectations(config, all);
  std::vector<format::ChecksumEntry> checksums = read_checksums(config, all);
  all = unique_specs(all);
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < all.size(); ++i) index_of[all[i].column()] = i;

  std::error_code made;
  std::filesystem::create_directories(dest, made);
  if (made || ::access(dest.c_str(), W_OK | X_OK) != 0) {
    throw util::FatalError(dest_given + ": destination not writable");
  }

  net::DownloadSettings settings;
  settings.specs = all;
  settings.retries = static_cast<int>(
      std::max<std::int64_t>(0, config.integer("download.retries")));
  settings.no_clobber = config.flag("options.no_clobber") ? net::NoClobber::yes
                                                          : net::NoClobber::no;
  const std::string checksum_file = config.text("cli.checksums");
  if (!expected.empty() || !checksums.empty()) {
    // Runs on the download workers, several at once: it only reads.
    settings.verify = [&](const std::string& path,
                          const std::vector<util::Bytes>& digests) {
      std::vector<std::string> bad;
      for (const Expectation& want : expected) {
        if (digests[index_of.at(want.column)] != want.digest) {
          bad.push_back(want.column);
        }
      }
      if (!checksums.empty()) {
        const std::string relative = io::relative_path(path, dest);
        const format::ChecksumEntry* match = nullptr;
        for (const format::ChecksumEntry& entry : checksums) {
          std::string name = entry.path;
          if (name.rfind("./", 0) == 0) name = name.substr(2);
          if (name == relative) {
            match = &entry;
            break;
          }
          if (match == nullptr && base_name(name) == base_name(relative)) {
            match = &entry;
          }
        }
        if (match == nullptr) return "not listed in " + checksum_file;
        for (std::size_t i = 0; i < match->specs.size(); ++i) {
          if (digests[index_of.at(match->specs[i].column())] !=
              match->digests[i]) {
            bad.push_back(match->specs[i].column());
          }
        }
      }
      return bad.empty() ? std::string()
                         : "digest mismatch (" + util::join(bad, ", ") + ")";
    };
  }

  // Every URL's final path; a second URL for the same path fails rather
  // than race the first for one `.part`.
  const net::Layout layout =
      config.flag("cli.flat") ? net::Layout::flat : net::Layout::tree;
  std::vector<std::unique_ptr<net::Download>> downloads;
  std::vector<std::optional<util::Error>> refused(urls.size());
  std::set<std::string> taken;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    std::string final_path =
        dest + "/" + net::relative_path_for(parsed[i], layout);
    if (!taken.insert(final_path).second) {
      refused[i] = util::Error{util::ErrorKind::invalid, urls[i],
                               "same file name as an earlier URL"};
    }
    downloads.push_back(
        std::make_unique<net::Download>(urls[i], final_path, settings));
    if (!refused[i]) downloads.back()->prepare();
  }

  const bool use_db = !config.flag("options.no_db");
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<pipeline::CatalogWriter> rows;
  catalog::RunInfo run;
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < shown; ++i) columns.push_back(specs[i].column());
  if (use_db) {
    catalog = catalog::open_catalog(config.text("database.db_string"),
                                    config.text("database.table_name"));
    run = catalog->begin_run({dest, "download", columns, catalog::Restart::no});
    rows = std::make_unique<pipeline::CatalogWriter>(*catalog, run.id,
                                                     commit_policy(config));
  }

  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::RecordWriter> writer =
      record_writer(config, std::span(specs).first(shown), std::cout);
  writer->begin();

  ui::RunCounts counts;
  std::vector<bool> done(urls.size(), false);
  // Download i, wherever its owner is.
  std::vector<net::Download*> owner;
  for (std::unique_ptr<net::Download>& download : downloads) {
    owner.push_back(download.get());
  }
  std::size_t printed = 0;
  // Prints and records download `i`, which is finished (or refused).
  auto conclude = [&](std::size_t i) {
    if (refused[i]) {
      reporter.error(refused[i]->subject, refused[i]->reason);
      ++counts.failed;
      return;
    }
    const util::Result<net::Downloaded>& result = owner[i]->result();
    if (!result) {
      reporter.error(result.error().subject, result.error().reason);
      ++counts.failed;
      if (rows) rows->add(catalog::FailureRow{urls[i], result.error().reason});
      return;
    }
    const net::Downloaded& file = *result;
    std::string shown_path =
        dest_given + "/" + io::relative_path(file.path, dest);
    if (file.skipped) {
      reporter.warning(shown_path, "exists; not downloaded (--no-clobber)");
      ++counts.skipped;
      return;
    }
    struct stat st {};
    if (io::stat_path(file.path, &st, io::FollowLinks::no) != 0) {
      reporter.error(file.path, "vanished after the download");
      ++counts.failed;
      return;
    }
    io::FileInfo info = io::file_info(st);
    std::vector<util::Bytes> digests(file.digests.begin(),
                                     file.digests.begin() +
                                         static_cast<std::ptrdiff_t>(shown));
    writer->write(
        format::FileRecord{shown_path, file.size, info.mtime_ns, digests});
    ++counts.files;
    counts.bytes += file.size;
    if (rows) {
      catalog::FileRow row;
      row.path = io::absolute_path(file.path, cwd);
      row.size = file.size;
      row.mtime_ns = info.mtime_ns;
      row.inode = info.inode;
      row.device = info.device;
      row.digests = std::move(digests);
      row.source = file.url;
      rows->add(std::move(row));
    }
  };
  auto finished = [&](std::size_t i) {
    done[i] = true;
    while (printed < done.size() && done[printed]) conclude(printed++);
  };
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (refused[i] || downloads[i]->state() == net::Download::State::finished) {
      finished(i);
    }
  }

  std::int64_t jobs = config.integer("performance.worker_threads");
  if (jobs <= 0) jobs = config.integer("download.concurrency");
  net::ClientOptions options;
  options.user_agent = config.text("download.user_agent");
  if (options.user_agent.empty()) {
    options.user_agent = std::string("hasher/") + HASHER_VERSION;
  }
  options.stall_timeout = std::chrono::seconds(
      std::max<std::int64_t>(1, config.integer("download.timeout")));
  options.max_redirects = static_cast<long>(
      std::max<std::int64_t>(0, config.integer("cli.max_redirects")));
  options.tls =
      config.flag("cli.insecure") ? net::TlsVerify::off : net::TlsVerify::on;
  std::vector<std::unique_ptr<net::Download>> active;
  std::vector<std::size_t> active_index;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (!done[i]) {
      active.push_back(std::move(downloads[i]));
      active_index.push_back(i);
    }
  }
  {
    net::HttpClient client(options);
    net::run_downloads(
        client, active, static_cast<std::size_t>(jobs), settings.specs,
        [&](std::size_t k) { finished(active_index[k]); },
        [] { return stop_signal() != 0; });
  }
  writer->end();
  std::cout.flush();

  std::string fatal_message;
  int signal = catalog ? close_run(*catalog, run.id, rows.get(), fatal_message)
                       : stop_signal();
  if (!fatal_message.empty()) {
    reporter.error(fatal_message);
    return k_exit_fatal;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  reporter.info(ui::summary_line(counts, seconds));
  if (signal != 0) {
    return signal_exit_code(signal);
  }
  return counts.failed > 0 ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
