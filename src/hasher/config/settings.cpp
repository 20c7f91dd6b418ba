#include <hasher/config/settings.hpp>

#include <array>

namespace hasher::config {
namespace {

using enum ValueType;

// Sections follow SPEC "Configuration"; `cli.*` rows exist only on the
// command line. The original tool's long options are accepted under their
// names as aliases.
// clang-format off
constexpr std::array k_settings{
  Setting{"database.db_string", "--db --db-path", 0, "HASHER_DB", text, "",
    "catalog: a path, sqlite://PATH or postgresql://..."},
  Setting{"database.table_name", "--table", 0, "", text, "hashes",
    "catalog table name (a plain identifier)"},
  Setting{"options.algorithms", "--algorithms", 'a', "", list,
    "crc32,md5,sha1,sha256", "comma list of algorithms, or all"},
  Setting{"options.format", "--format", 'f', "", text, "",
    "output format: bsd, gnu, sfv, hashdeep, jsonl, json, csv"},
  Setting{"options.no_db", "--no-db", 0, "", flag, "false",
    "do not use the catalog"},
  Setting{"options.quiet", "--quiet --silent-failures", 'q', "", flag, "false",
    "no summary or warnings"},
  Setting{"options.verbose", "--verbose", 'v', "", flag, "false",
    "more detail on stderr"},
  Setting{"options.progress", "--progress", 0, "", flag, "false",
    "show the live progress line"},
  Setting{"options.no_progress", "--no-progress", 0, "", flag, "false",
    "never show the progress line"},
  Setting{"options.fail_fast", "--fail-fast", 0, "", flag, "false",
    "stop at the first failed file"},
  Setting{"options.dry_run", "--dry-run", 0, "", flag, "false",
    "show what would be done"},
  Setting{"options.max_depth", "--max-depth", 0, "", integer, "",
    "descend at most this many directory levels"},
  Setting{"options.follow_symlinks", "--follow-symlinks", 'L', "", flag,
    "false", "follow symbolic links"},
  Setting{"options.no_follow_symlinks", "--no-follow-symlinks", 0, "", flag,
    "false", "do not follow symbolic links (the default)"},
  Setting{"options.breadth_first", "--breadth-first", 0, "", flag, "false",
    "walk breadth first"},
  Setting{"options.exclude", "--exclude", 0, "", list, "",
    "skip paths matching these globs"},
  Setting{"options.include", "--include", 0, "", list, "",
    "hash only paths matching these globs"},
  Setting{"options.newer", "--newer", 0, "", text, "",
    "only files modified after this time"},
  Setting{"options.older", "--older", 0, "", text, "",
    "only files modified before this time"},
  Setting{"options.update", "--update", 0, "", flag, "false",
    "hash only new or changed files"},
  Setting{"options.restart", "--restart", 0, "", flag, "false",
    "start an interrupted run over instead of resuming it"},
  Setting{"options.retry_count", "--retry-count", 0, "", integer, "3",
    "retries of a transient error"},
  Setting{"options.retry_delay", "--retry-delay", 0, "", integer, "100",
    "first retry delay in milliseconds (doubles each time)"},
  Setting{"options.sql_only", "--sql-only", 0, "", flag, "false",
    "write the catalog only, print no records"},
  Setting{"options.json_only", "--json-only", 0, "", flag, "false",
    "print JSON lines, do not write the catalog"},
  Setting{"options.pretty_json", "--pretty-json", 0, "", flag, "false",
    "indent JSON output"},
  Setting{"options.use_wal", "--use-wal", 0, "", flag, "true",
    "SQLite write-ahead log"},
  Setting{"options.stdin", "--stdin", 0, "", flag, "false",
    "hash standard input"},
  Setting{"options.failed_list", "--failed-list", 0, "", text, "",
    "write the failed paths to this file"},
  Setting{"options.from_list", "--from-list", 0, "", text, "",
    "hash the paths listed in this file"},
  Setting{"options.compress", "--compress", 0, "", text, "",
    "copy: compress with zstd|gzip[:LEVEL] or auto (alone: gzip)"},
  Setting{"options.compression_level", "--compression-level", 0, "", integer,
    "", "compression level (gzip 1-9, zstd 1-19)"},
  Setting{"options.hash_compressed", "--hash-compressed", 0, "", flag, "false",
    "copy --compress: digests of the file written, not its content"},
  Setting{"options.decompress", "--decompress", 0, "", flag, "false",
    "read .gz/.zst files decoded (copy writes them decoded)"},
  Setting{"options.hash_both", "--hash-both", 0, "", flag, "false",
    "copy --compress: digests of the file written and of its content"},
  Setting{"options.hash_uncompressed", "--hash-uncompressed", 0, "", flag,
    "false", "digests of the content (copy's default; hash: --decompress)"},
  Setting{"options.mismatches_only", "--mismatches-only", 'M', "", flag,
    "false", "verify: report only mismatches"},
  Setting{"options.store_source_path", "--store-source-path", 0, "", flag,
    "false", "copy: record the source path"},
  Setting{"options.skip_existing", "--skip-existing", 0, "", flag, "false",
    "copy/download: skip files already present"},
  Setting{"options.no_hash_existing", "--no-hash-existing", 0, "", flag,
    "false", "trust the size of existing files"},
  Setting{"options.no_clobber", "--no-clobber", 0, "", flag, "false",
    "never overwrite"},
  Setting{"performance.worker_threads", "--jobs --threads", 'j', "", integer,
    "0", "worker threads (0 = one per core)"},
  Setting{"performance.batch_size", "--batch-size", 0, "", integer, "1000",
    "files per catalog transaction"},
  Setting{"performance.max_memory_cache", "", 0, "", integer, "2048",
    "MB of memory for caches"},
  Setting{"performance.use_mmap", "", 0, "", boolean, "false",
    "read big files through mmap"},
  Setting{"performance.mmap_threshold", "", 0, "", size, "104857600",
    "files at least this large use mmap when enabled"},
  Setting{"performance.db_pool_size", "", 0, "", integer, "10",
    "catalog connections (PostgreSQL)"},
  Setting{"performance.checkpoint_interval", "--checkpoint-interval", 0, "",
    integer, "5", "seconds between catalog commits"},
  Setting{"optimizations.skip_hidden", "--skip-hidden", 0, "", flag, "false",
    "skip names starting with a dot"},
  Setting{"optimizations.skip_files_larger_than", "--max-size", 0, "", size,
    "", "skip files larger than this"},
  Setting{"optimizations.skip_files_smaller_than", "--min-size", 0, "", size,
    "", "skip files smaller than this"},
  Setting{"optimizations.skip_extensions", "--skip-extensions", 0, "", list,
    "", "skip files with these extensions"},
  Setting{"download.user_agent", "--user-agent", 0, "", text, "",
    "HTTP User-Agent (default hasher/VERSION)"},
  Setting{"download.timeout", "--timeout", 0, "", integer, "60",
    "seconds without progress before a transfer fails"},
  Setting{"download.retries", "--retries", 0, "", integer, "5",
    "retries of a failed transfer"},
  Setting{"download.concurrency", "", 0, "", integer, "4",
    "transfers at once"},
  Setting{"cli.config", "--config", 'c', "HASHER_CONFIG", text, "",
    "configuration file"},
  Setting{"cli.check", "", 0, "", flag, "false",
    "verify: read checksum files (as sha256sum -c)"},
  Setting{"cli.new", "--new", 0, "", flag, "false",
    "verify: also report files on disk that the catalog lacks"},
  Setting{"cli.quick", "--quick", 0, "", flag, "false",
    "verify: compare size and mtime only, read nothing"},
  Setting{"cli.older_than", "--older-than", 0, "", text, "",
    "verify: only files not verified for this long (30d, 12h) or since"},
  Setting{"cli.status", "--status", 0, "", flag, "false",
    "verify -c: print nothing, the exit code tells"},
  Setting{"cli.warn", "--warn", 'w', "", flag, "false",
    "verify -c: name each improperly formatted line"},
  Setting{"cli.strict", "--strict", 0, "", flag, "false",
    "verify -c: fail on improperly formatted lines"},
  Setting{"cli.ignore_missing", "--ignore-missing", 0, "", flag, "false",
    "verify -c: say nothing of missing files"},
  Setting{"cli.relative_to", "--relative-to", 0, "", text, "",
    "export: write paths relative to this directory"},
  Setting{"cli.hash_missing", "--hash-missing", 0, "", flag, "false",
    "dupes: hash what the catalog lacks first"},
  Setting{"cli.link", "--link", 0, "", text, "",
    "dupes: replace duplicates with links (hard)"},
  Setting{"cli.flat", "--flat", 0, "", flag, "false",
    "download: DEST/name instead of DEST/host/path"},
  Setting{"cli.expect", "--expect", 0, "", list, "",
    "download: expected digests, ALGO=HEX (comma list)"},
  Setting{"cli.checksums", "--checksums", 0, "", text, "",
    "download: checksum file the downloads must match"},
  Setting{"cli.max_redirects", "--max-redirects", 0, "", integer, "10",
    "download: redirects followed at most"},
  Setting{"cli.insecure", "--insecure", 0, "", flag, "false",
    "download: do not verify TLS certificates"},
  Setting{"cli.verify_copy", "--verify", 0, "", flag, "false",
    "copy: re-read what was written and compare"},
  Setting{"cli.help", "--help", 'h', "", flag, "false", "show help"},
  Setting{"cli.version", "--version", 'V', "", flag, "false",
    "show the version"},
};
// clang-format on

bool has_word(std::string_view words, std::string_view word) {
  while (!words.empty()) {
    std::size_t space = words.find(' ');
    std::string_view first = words.substr(0, space);
    if (first == word) return true;
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
  return false;
}

} // namespace

std::span<const Setting> all_settings() { return k_settings; }

const Setting* find_setting(std::string_view name) {
  for (const Setting& setting : k_settings) {
    if (setting.name == name) return &setting;
  }
  return nullptr;
}

const Setting* find_flag(std::string_view flag) {
  for (const Setting& setting : k_settings) {
    if (flag.size() == 2 && flag[0] == '-' && flag[1] != '-') {
      if (setting.short_flag == flag[1]) return &setting;
    } else if (has_word(setting.long_flags, flag)) {
      return &setting;
    }
  }
  return nullptr;
}

} // namespace hasher::config
