// `hasher verify -c FILE...`: check files against checksum files, as
// `sha256sum -c` does (stdin when no FILE): `path: OK`, `path: FAILED`,
// `path: FAILED open or read`, the coreutils warnings at the end, and
// --status, --quiet, --warn, --strict, --ignore-missing with their coreutils
// meanings. Any dialect format::ChecksumReader knows is accepted (GNU, BSD
// tags with several algorithms, SFV, hashdeep, our jsonl). Each checksum file
// is read twice, once for the set of algorithms to compute and once to feed
// the pipeline, so a file of millions of lines is never held in memory
// (standard input and pipes are kept in memory: they cannot be read twice).
// Paths are relative to the working directory, as for coreutils. No catalog is
// used.

#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/verify_report.hpp>
#include <hasher/io/input_file.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/pipeline/verify_sink.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>

namespace hasher::cli {
namespace {

struct CheckCounts {
  std::uint64_t ok = 0;
  std::uint64_t mismatched = 0;
  std::uint64_t unreadable = 0;
  std::uint64_t malformed = 0;
};

struct CheckOptions {
  std::optional<digest::AlgorithmSpec> forced;
  bool status = false; // print nothing
  bool quiet = false;  // no OK lines
  bool warn = false;
  bool strict = false;
  bool ignore_missing = false;
};

// "1 line is", "2 lines are": coreutils' wording.
std::string count_phrase(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// An open checksum file that can be read from the start again.
class ChecksumInput {
public:
  // Throws nothing; ok() tells whether it opened.
  explicit ChecksumInput(const std::string& name) : m_name(name) {
    if (name == "-") {
      keep_in_memory(std::cin);
      return;
    }
    struct stat st {};
    const bool regular = io::stat_path(name, &st, io::FollowLinks::yes) == 0 &&
                         S_ISREG(st.st_mode);
    if (!regular && S_ISDIR(st.st_mode)) {
      m_error = EISDIR;
      return;
    }
    m_file.open(name, std::ios::binary);
    if (!m_file) {
      m_error = errno;
      return;
    }
    if (!regular) {
      // A pipe, such as `verify -c <(sha256sum ...)`, or a FIFO: it cannot
      // be read twice (nor sought), so, like standard input, it is kept.
      keep_in_memory(m_file);
      m_file.close();
      return;
    }
    m_stream = &m_file;
  }

  [[nodiscard]] bool ok() const { return m_error == 0; }
  [[nodiscard]] std::string reason() const { return io::errno_reason(m_error); }
  std::istream& rewind() {
    m_stream->clear();
    m_stream->seekg(0);
    return *m_stream;
  }

private:
  void keep_in_memory(std::istream& in) {
    std::ostringstream all;
    all << in.rdbuf();
    m_text.str(all.str());
    m_stream = &m_text;
  }

  std::string m_name;
  std::ifstream m_file;
  std::istringstream m_text;
  std::istream* m_stream = nullptr;
  int m_error = 0;
};

// Checks the files listed in one checksum file; false when the file gave
// nothing to check (missing, unreadable, no well-formed line).
bool check_file(const std::string& name, const CheckOptions& options,
                const config::Config& config, format::VerifyReport* report,
                ui::Reporter& reporter, CheckCounts& counts) {
  ChecksumInput input(name);
  if (!input.ok()) {
    reporter.error(name, input.reason());
    return false;
  }
  // First pass: which algorithms to compute.
  std::vector<digest::AlgorithmSpec> specs;
  std::map<std::string, std::size_t> index_of; // column → spec index
  std::uint64_t entries = 0;
  {
    format::ChecksumReader reader(input.rewind(), name, options.forced);
    while (std::optional<format::ChecksumEntry> entry = reader.next()) {
      ++entries;
      for (const digest::AlgorithmSpec& spec : entry->specs) {
        if (index_of.emplace(spec.column(), specs.size()).second) {
          specs.push_back(spec);
        }
      }
    }
  }
  // Second pass: hash and compare, in the file's order.
  format::ChecksumReader reader(input.rewind(), name, options.forced);
  if (entries > 0) {
    ui::ProgressCounters progress;
    pipeline::VerifySink sink(
        specs,
        [&](const pipeline::Expectation& expected,
            const pipeline::VerifyOutcome& outcome,
            const pipeline::FileResult&) {
          format::VerifyLine line;
          line.path = expected.shown;
          switch (outcome.verdict) {
          case pipeline::Verdict::ok:
          case pipeline::Verdict::changed:
            ++counts.ok;
            if (options.quiet) return;
            line.status = format::VerifyStatus::ok;
            break;
          case pipeline::Verdict::mismatch:
            ++counts.mismatched;
            line.status = format::VerifyStatus::mismatch;
            break;
          case pipeline::Verdict::missing:
            if (options.ignore_missing) return;
            [[fallthrough]];
          case pipeline::Verdict::failed:
            ++counts.unreadable;
            line.status = format::VerifyStatus::failed;
            if (!options.status) reporter.error(expected.shown, outcome.reason);
            break;
          }
          if (report != nullptr) report->write(line);
        },
        reporter, progress);
    pipeline::PipelineOptions pipe = pipeline_options(config, specs);
    pipeline::HashPipeline(pipe, sink)
        .run_source([&](walk::WalkVisitor& visitor) {
          while (std::optional<format::ChecksumEntry> entry = reader.next()) {
            pipeline::Expectation expected;
            expected.shown = entry->path;
            expected.digests.assign(specs.size(), std::nullopt);
            for (std::size_t i = 0; i < entry->specs.size(); ++i) {
              expected.digests[index_of.at(entry->specs[i].column())] =
                  std::move(entry->digests[i]);
            }
            sink.expect(std::move(expected));
            if (!visitor.on_file(
                    {entry->path, walk::EntryKind::file, std::nullopt})) {
              return;
            }
          }
        });
  }
  const std::vector<std::uint64_t>& malformed = reader.malformed_lines();
  counts.malformed += malformed.size();
  if (options.warn && !options.status) {
    for (std::uint64_t line : malformed) {
      reporter.warning(name + ":" + std::to_string(line),
                       "improperly formatted checksum line");
    }
  }
  if (entries == 0) {
    reporter.error(name, "no properly formatted checksum lines found");
    return false;
  }
  return true;
}

} // namespace

int cmd_verify_check(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  ui::Reporter& reporter = invocation.reporter;
  install_stop_handlers();
  CheckOptions options;
  if (config.origin("options.algorithms") != "default") {
    std::vector<digest::AlgorithmSpec> specs = requested_algorithms(config);
    if (specs.size() != 1) {
      throw util::UsageError("options.algorithms: verify -c takes one "
                             "algorithm for GNU-style lines");
    }
    options.forced = specs.front();
  }
  options.status = config.flag("cli.status");
  options.quiet = config.flag("options.quiet");
  options.warn = config.flag("cli.warn");
  options.strict = config.flag("cli.strict");
  options.ignore_missing = config.flag("cli.ignore_missing");

  std::vector<std::string> files = invocation.arguments;
  if (files.empty()) files.emplace_back("-");
  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::VerifyReport> report;
  if (!options.status) report = format::make_verify_report("check", std::cout);

  CheckCounts counts;
  bool all_read = true;
  for (const std::string& file : files) {
    all_read &=
        check_file(file, options, config, report.get(), reporter, counts);
    if (stop_signal() != 0) break;
  }
  std::cout.flush();
  if (!options.status) {
    if (counts.malformed > 0) {
      reporter.warning("verify",
                       count_phrase(counts.malformed, "line is", "lines are") +
                           " improperly formatted");
    }
    if (counts.unreadable > 0) {
      reporter.warning("verify",
                       count_phrase(counts.unreadable,
                                    "listed file could not be read",
                                    "listed files could not be read"));
    }
    if (counts.mismatched > 0) {
      reporter.warning("verify",
                       count_phrase(counts.mismatched,
                                    "computed checksum did NOT match",
                                    "computed checksums did NOT match"));
    }
  }
  if (int signal = stop_signal(); signal != 0) {
    return signal_exit_code(signal);
  }
  bool bad = !all_read || counts.mismatched > 0 || counts.unreadable > 0 ||
             (options.strict && counts.malformed > 0);
  return bad ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
