// `hasher dupes [PATH...]`: groups of identical files from the catalog —
// the same size and the same digest of one deciding algorithm — under the
// PATHs (everything by default), largest waste (size × (files − 1)) first,
// without reading the files. `--hash-missing` first runs `hasher hash
// --update` with the deciding algorithm over the files under the PATHs
// that share their size with another one (dupe_candidates.hpp), so files new
// or changed since the catalog saw them count too.
//
// The deciding algorithm: the first of -a when the user set it (a 32-bit
// checksum is refused: it collides by accident in any large tree);
// otherwise the strongest column the catalog has, by k_ranking below; with
// --hash-missing and no usable column, BLAKE3 (fast and cryptographic).
//
// Output on stdout (records only), in the group order:
//   text (default), as jdupes and fdupes print groups, a blank line between
//   groups, paths absolute, escaped the coreutils way (the line then starts
//   with a backslash):
//     # 3 files of 1.2 MiB (2.4 MiB wasted), sha256 <hex>
//     /data/a
//     /data/b
//     /data/c
//   with --link, one line per action after the paths:
//     linked: /data/b -> /data/a      (would link: ... with --dry-run)
//   jsonl, one object per group:
//     {"size":N,"algorithm":"sha256","digest":"hex","wasted":N,
//      "files":["/data/a",...]}
//   with --link adding "keep":"/data/a" and "linked":[...] (or
//   "would_link":[...] with --dry-run).
// Then a summary on stderr: groups, files, bytes wasted; with --link what was
// linked, already linked, skipped, different and failed.
//
// Empty files are left out unless --min-size is given (even --min-size 0):
// they waste nothing, and linking unrelated empty placeholders together
// would tie them to one another. Hard links count as duplicates in the
// listing (the catalog's inodes may be stale; see --link for what is
// skipped).
//
// --link hard, per group: the oldest file (smallest mtime, now, from a fresh
// lstat; ties: first by path) is kept; every other member that is still a
// regular file of the group's size on the keeper's device, and not already
// the keeper's inode, is compared with it byte for byte and, when equal,
// replaced by a hard link to it (io::replace_with_hard_link: atomic). The
// replaced files take the keeper's owner, mode and times, as with jdupes -L
// and rdfind -makehardlinks. Their catalog rows stay valid (same content).
// Members on another device, no longer regular files, gone or resized are
// skipped with a warning; members already linked to the keeper are only
// counted (a second --link run would otherwise warn about every file the
// first one linked). --dry-run compares but links nothing (--hash-missing
// still brings the catalog up to date).
//
// Exit: 0, also when there are no duplicates; 1 when a file could not be
// compared or linked, when files the catalog calls identical differ, or
// when --hash-missing failed on some file; 2 for a bad option; 3 when the
// catalog is unusable.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/dupe_candidates.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/cli/walk_settings.hpp>
#include <hasher/config/settings.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/escape.hpp>
#include <hasher/io/hard_link.hpp>
#include <hasher/io/path.hpp>
#include <hasher/io/temporary_file.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <algorithm>
#include <array>
#include <csignal>
#include <iostream>
#include <optional>
#include <set>

namespace hasher::cli {
namespace {

enum class OutputFormat { text, jsonl };
enum class LinkMode { none, hard };
enum class DryRun { no, yes };
enum class HashMissing { no, yes };

// Which column decides when -a is not given, strongest first: the 512-bit
// digests (SHA-2, SHA-3, BLAKE2b, SHAKE256), then 384-, 256- and 224-bit
// ones, then SHA-1, RIPEMD-160 and MD5 (broken against attackers, still far
// beyond accidental collisions), then the 128-bit non-cryptographic xxh128.
// A column not listed decides only when none is present and it has 128 bits
// or more; 64- and 32-bit checksums never decide by themselves.
constexpr std::array<std::string_view, 20> k_ranking{
    "sha512",     "sha3_512", "blake2b512", "shake256",   "sha384",
    "sha3_384",   "blake3",   "sha512_256", "sha256",     "sha3_256",
    "blake2s256", "k12",      "shake128",   "sha512_224", "sha224",
    "sha3_224",   "sha1",     "ripemd160",  "md5",        "xxh128",
};

constexpr unsigned k_min_automatic_bits = 128;
constexpr unsigned k_max_weak_bits = 32;

struct DupesOptions {
  OutputFormat format = OutputFormat::text;
  LinkMode link = LinkMode::none;
  DryRun dry_run = DryRun::no;
  HashMissing hash_missing = HashMissing::no;
  std::uint64_t min_size = 1;
};

DupesOptions dupes_options(const config::Config& config) {
  DupesOptions options;
  std::string format = config.text("options.format");
  // A format from a configuration file may be meant for `hash`; only one
  // given on the command line must be one of ours.
  bool from_command_line = config.origin("options.format").rfind('-', 0) == 0;
  if (format == "jsonl") {
    options.format = OutputFormat::jsonl;
  } else if (!format.empty() && format != "text" && from_command_line) {
    throw util::UsageError(config.origin("options.format") +
                           ": options.format: dupes writes text or jsonl, "
                           "not '" +
                           format + "'");
  }
  std::string link = config.text("cli.link");
  if (link == "hard") {
    options.link = LinkMode::hard;
  } else if (!link.empty()) {
    throw util::UsageError(config.origin("cli.link") +
                           ": cli.link: only 'hard' links are made, not '" +
                           link + "'");
  }
  if (config.flag("options.dry_run")) options.dry_run = DryRun::yes;
  if (config.flag("cli.hash_missing")) options.hash_missing = HashMissing::yes;
  // An explicit --min-size, even 0, is taken as given.
  if (std::optional<std::uint64_t> min_size =
          config.size("optimizations.skip_files_smaller_than")) {
    options.min_size = *min_size;
  }
  return options;
}

// The strongest of `columns` by k_ranking, else the first of 128 bits or
// more; nullopt when none qualifies.
std::optional<digest::AlgorithmSpec>
strongest(const std::vector<std::string>& columns) {
  std::set<std::string, std::less<>> have(columns.begin(), columns.end());
  for (std::string_view name : k_ranking) {
    if (have.count(name) != 0) return digest::spec_for_column(name);
  }
  for (const std::string& column : columns) {
    std::optional<digest::AlgorithmSpec> spec = digest::spec_for_column(column);
    if (spec && spec->bits >= k_min_automatic_bits) return spec;
  }
  return std::nullopt;
}

// See the file comment. Throws util::UsageError when nothing can decide.
digest::AlgorithmSpec deciding_algorithm(const config::Config& config,
                                         catalog::Catalog& catalog,
                                         HashMissing hash_missing) {
  std::vector<std::string> stored = catalog.algorithm_columns();
  if (config.origin("options.algorithms") != "default") {
    std::vector<digest::AlgorithmSpec> requested = requested_algorithms(config);
    if (requested.empty()) {
      throw util::UsageError("options.algorithms: no algorithm given");
    }
    const digest::AlgorithmSpec& spec = requested.front();
    if (spec.bits <= k_max_weak_bits) {
      throw util::UsageError(
          "options.algorithms: " + spec.label() +
          " is a 32-bit checksum, too weak to tell duplicates apart; choose a "
          "digest such as sha256");
    }
    bool have =
        std::find(stored.begin(), stored.end(), spec.column()) != stored.end();
    if (!have && hash_missing == HashMissing::no) {
      throw util::UsageError("options.algorithms: the catalog holds no " +
                             spec.label() + " digests (hash with -a " +
                             spec.label() + ", or add --hash-missing PATH)");
    }
    return spec;
  }
  if (std::optional<digest::AlgorithmSpec> spec = strongest(stored)) {
    return *spec;
  }
  // Nothing stored decides and nothing was asked for: BLAKE3, a
  // cryptographic digest that runs at several GB/s, so hashing from nothing
  // costs little more than reading.
  if (hash_missing == HashMissing::yes) {
    return *digest::spec_for_column("blake3");
  }
  if (stored.empty()) {
    throw util::UsageError("dupes: the catalog holds no digests; hash the "
                           "files first, or add --hash-missing PATH");
  }
  throw util::UsageError(
      "dupes: the catalog holds only " + util::join(stored, ", ") +
      ", too weak to tell duplicates apart; add -a sha256 --hash-missing "
      "PATH, or choose one with -a");
}

// `hasher hash --update -a ALGORITHM` over the files under the PATHs that
// share their size with another one (the only ones that can have a
// duplicate), writing the catalog only.
int hash_missing_files(const Invocation& invocation,
                       const digest::AlgorithmSpec& spec,
                       std::uint64_t min_size) {
  config::Config config = invocation.config;
  auto set = [&config](std::string_view name, const std::string& value) {
    config.set(*config::find_setting(name), value, "dupes --hash-missing");
  };
  io::TemporaryFile list("hasher-dupes-candidates");
  Candidates candidates = write_dupe_candidates(
      invocation.arguments, walk_options(config), min_size, list.path());
  invocation.reporter.verbose("hasher: " + std::to_string(candidates.files) +
                              " files share their size with another one");
  if (candidates.files == 0) return k_exit_ok;
  set("options.algorithms", spec.label());
  set("options.update", "true");
  set("options.sql_only", "true");
  set("options.json_only", "false");
  set("options.format", "");
  set("options.stdin", "false");
  set("options.from_list", list.path());
  const std::vector<std::string> no_paths;
  return cmd_hash(Invocation{config, no_paths, invocation.reporter});
}

// `path` as a line of text output: escaped the coreutils way, with the
// leading backslash then.
std::string path_line(std::string_view prefix, const std::string& path) {
  std::string escaped;
  bool any = format::escape_coreutils(path, escaped);
  return (any ? "\\" : "") + std::string(prefix) + escaped;
}

// One "linked: DUP -> KEEP" line, escaped as a whole.
std::string action_line(DryRun dry_run, const std::string& duplicate,
                        const std::string& keeper) {
  std::string text = dry_run == DryRun::yes ? "would link: " : "linked: ";
  bool any = format::escape_coreutils(duplicate, text);
  text += " -> ";
  any = format::escape_coreutils(keeper, text) || any;
  return any ? "\\" + text : text;
}

struct LinkCounts {
  std::uint64_t linked = 0; // replaced (or would be, with --dry-run)
  std::uint64_t bytes = 0;  // their sizes
  std::uint64_t already = 0;
  std::uint64_t skipped = 0;
  std::uint64_t different = 0;
  std::uint64_t failed = 0;
};

// What --link did to one group.
struct GroupLinks {
  std::optional<std::string> keeper;
  std::vector<std::string> linked;
};

// One member as lstat sees it now, when it may still take part.
struct Candidate {
  const catalog::StoredEntry* entry;
  io::FileInfo now;
};

// --link hard over one group (see the file comment).
GroupLinks link_group(const catalog::DuplicateGroup& group, DryRun dry_run,
                      ui::Reporter& reporter, LinkCounts& counts) {
  std::vector<Candidate> candidates;
  for (const catalog::StoredEntry& entry : group.files) {
    util::Result<io::PathStatus> status = io::lstat_file(entry.path);
    if (!status) {
      if (status.error().kind == util::ErrorKind::not_found) {
        reporter.warning(entry.path, "no longer exists, not linked");
        ++counts.skipped;
      } else {
        reporter.error(entry.path, status.error().reason);
        ++counts.failed;
      }
      continue;
    }
    if (status->kind != io::FileKind::regular) {
      reporter.warning(entry.path,
                       "is not a regular file any more, not linked");
      ++counts.skipped;
      continue;
    }
    if (status->info.size != group.size) {
      reporter.warning(entry.path,
                       "changed size since it was hashed, not linked");
      ++counts.skipped;
      continue;
    }
    candidates.push_back({&entry, status->info});
  }
  GroupLinks links;
  if (candidates.size() < 2) return links;
  // The oldest is kept; members come by path, so ties go to the first.
  const Candidate* keeper = &candidates.front();
  for (const Candidate& candidate : candidates) {
    if (candidate.now.mtime_ns < keeper->now.mtime_ns) keeper = &candidate;
  }
  const std::string& keep = keeper->entry->path;
  links.keeper = keep;

  for (const Candidate& candidate : candidates) {
    if (&candidate == keeper) continue;
    const std::string& path = candidate.entry->path;
    if (candidate.now.device != keeper->now.device) {
      reporter.warning(path,
                       "on another file system than " + keep + ", not linked");
      ++counts.skipped;
      continue;
    }
    if (candidate.now.inode == keeper->now.inode) {
      reporter.verbose(
          path_line("hasher: ", path + ": already a hard link of " + keep));
      ++counts.already;
      continue;
    }
    util::Result<io::SameBytes> same =
        io::compare_files(keep, keeper->now, path, candidate.now);
    if (!same) {
      if (same.error().kind == util::ErrorKind::changed ||
          same.error().kind == util::ErrorKind::not_found) {
        reporter.warning(same.error().subject,
                         "changed while compared, not linked");
        ++counts.skipped;
      } else {
        reporter.error(same.error().subject, same.error().reason);
        ++counts.failed;
      }
      continue;
    }
    if (*same == io::SameBytes::no) {
      reporter.warning(path, "differs from " + keep +
                                 " although the catalog has the same "
                                 "digest, not linked");
      ++counts.different;
      continue;
    }
    if (dry_run == DryRun::no) {
      util::Result<io::FileInfo> linked =
          io::replace_with_hard_link(keep, keeper->now, path, candidate.now);
      if (!linked) {
        reporter.error(linked.error().subject, linked.error().reason);
        ++counts.failed;
        continue;
      }
    }
    links.linked.push_back(path);
    ++counts.linked;
    counts.bytes += group.size;
  }
  return links;
}

std::uint64_t wasted_bytes(const catalog::DuplicateGroup& group) {
  return group.size * (group.files.size() - 1);
}

std::string text_group(const catalog::DuplicateGroup& group,
                       const digest::AlgorithmSpec& spec,
                       const GroupLinks& links, DryRun dry_run) {
  std::string out = "# " + std::to_string(group.files.size()) + " files of " +
                    ui::format_bytes(group.size) + " (" +
                    ui::format_bytes(wasted_bytes(group)) + " wasted), " +
                    spec.column() + " " +
                    digest::encode_digest(spec, group.digest) + "\n";
  for (const catalog::StoredEntry& file : group.files) {
    out += path_line("", file.path) + "\n";
  }
  for (const std::string& linked : links.linked) {
    out += action_line(dry_run, linked, *links.keeper) + "\n";
  }
  return out;
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ",";
    out += format::json_string(item);
  }
  return out + "]";
}

std::string jsonl_group(const catalog::DuplicateGroup& group,
                        const digest::AlgorithmSpec& spec,
                        const GroupLinks& links, LinkMode link,
                        DryRun dry_run) {
  std::vector<std::string> paths;
  for (const catalog::StoredEntry& file : group.files) {
    paths.push_back(file.path);
  }
  std::string out =
      "{\"size\":" + std::to_string(group.size) +
      ",\"algorithm\":" + format::json_string(spec.column()) + ",\"digest\":" +
      format::json_string(digest::encode_digest(spec, group.digest)) +
      ",\"wasted\":" + std::to_string(wasted_bytes(group)) +
      ",\"files\":" + json_list(paths);
  if (link == LinkMode::hard) {
    if (links.keeper) out += ",\"keep\":" + format::json_string(*links.keeper);
    out += dry_run == DryRun::yes ? ",\"would_link\":" : ",\"linked\":";
    out += json_list(links.linked);
  }
  return out + "}\n";
}

std::string link_summary(const LinkCounts& counts, DryRun dry_run) {
  return std::string("hasher: ") +
         (dry_run == DryRun::yes ? "would link " : "linked ") +
         std::to_string(counts.linked) + " files (" +
         ui::format_bytes(counts.bytes) + "), " +
         std::to_string(counts.already) + " already linked, " +
         std::to_string(counts.skipped) + " skipped, " +
         std::to_string(counts.different) + " different, " +
         std::to_string(counts.failed) + " failed";
}

} // namespace

int cmd_dupes(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  ui::Reporter& reporter = invocation.reporter;
  install_stop_handlers();
  if (config.flag("options.no_db")) {
    throw util::UsageError("--no-db: dupes reads the catalog");
  }
  const DupesOptions options = dupes_options(config);
  if (options.hash_missing == HashMissing::yes &&
      invocation.arguments.empty()) {
    throw util::UsageError("--hash-missing: name the PATHs to hash");
  }
  const std::string cwd = io::current_directory();
  catalog::DuplicatesRequest request;
  for (const std::string& path : invocation.arguments) {
    request.roots.push_back(io::absolute_path(path, cwd));
  }
  request.min_size = options.min_size;

  std::unique_ptr<catalog::Catalog> catalog = catalog::open_catalog(
      config.text("database.db_string"), config.text("database.table_name"));
  const digest::AlgorithmSpec spec =
      deciding_algorithm(config, *catalog, options.hash_missing);
  request.column = spec.column();

  int status = k_exit_ok;
  if (options.hash_missing == HashMissing::yes) {
    status = hash_missing_files(invocation, spec, options.min_size);
    if (status != k_exit_ok && status != k_exit_failures) return status;
  }

  std::ios::sync_with_stdio(false);
  std::uint64_t groups = 0;
  std::uint64_t files = 0;
  std::uint64_t wasted = 0;
  LinkCounts links;
  catalog->duplicates(request, [&](catalog::DuplicateGroup& group) {
    if (stop_signal() != 0) return false;
    GroupLinks done;
    if (options.link == LinkMode::hard) {
      done = link_group(group, options.dry_run, reporter, links);
    }
    if (options.format == OutputFormat::text) {
      if (groups > 0) std::cout << '\n';
      std::cout << text_group(group, spec, done, options.dry_run);
    } else {
      std::cout << jsonl_group(group, spec, done, options.link,
                               options.dry_run);
    }
    ++groups;
    files += group.files.size();
    wasted += wasted_bytes(group);
    return true;
  });
  std::cout.flush();
  if (!std::cout) {
    throw util::FatalError("stdout: cannot write the duplicate groups");
  }

  reporter.info("hasher: " + std::to_string(groups) + " groups, " +
                std::to_string(files) + " files, " + ui::format_bytes(wasted) +
                " wasted (" + spec.column() + ")");
  if (options.link == LinkMode::hard) {
    reporter.info(link_summary(links, options.dry_run));
    if (links.failed > 0 || links.different > 0) status = k_exit_failures;
  }
  if (int signal = stop_signal(); signal != 0) {
    return signal_exit_code(signal);
  }
  return status;
}

} // namespace hasher::cli
