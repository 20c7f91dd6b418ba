#pragma once

// The catalog: where digests, runs and failures are kept. Small and coarse on
// purpose so that SQLite (today) and PostgreSQL (next) implement the same
// contract and the walk, the engine and the commands never see SQL:
//   open (and migrate) → begin_run → write_batch / write_verifications… →
//   finish_run,
// plus per-thread readers for lookups (--update, resume, --new), ordered
// scans of what is stored (verify, export) and duplicate groups (dupes).
// Errors: a catalog that cannot be opened, migrated or written throws
// util::FatalError (exit 3) naming the catalog and the reason; a lock held by
// a live run throws LockHeld.

#include <hasher/io/input_file.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/errors.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::catalog {

// A run over `root` refused because another live run holds it or an
// overlapping root; what() is the whole SPEC message after "hasher: error: ".
class LockHeld : public util::FatalError {
public:
  using util::FatalError::FatalError;
};

enum class RunState { running, interrupted, complete, failed };
std::string_view to_string(RunState state);

struct RunTotals {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t errors = 0;
};

enum class Restart { no, yes };

struct RunRequest {
  std::string root;                 // absolute, normalised (see io/path.hpp)
  std::string command;              // "hash", "verify", ...
  std::vector<std::string> columns; // algorithm columns, in the user's order
  Restart restart = Restart::no;
};

struct RunInfo {
  std::int64_t id = 0;
  bool resumed = false;
  std::uint64_t resumes = 0;
  RunTotals before; // what the run had recorded before this process (resume)
};

// One hashed file. `digests` is parallel to the columns given to begin_run.
struct FileRow {
  std::string path; // absolute, normalised
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::vector<util::Bytes> digests;
  // Where the bytes came from (copy --store-source-path: the source path;
  // download: the URL); empty keeps what the row had.
  std::string source;
  // "gzip" or "zstd" when the digests are of the content of `path` + that
  // codec's suffix, decoded (a compressed copy); empty: of `path` itself.
  std::string content_codec;
};

struct FailureRow {
  std::string path;
  std::string reason;
};

// What the catalog knows of one path, as far as deciding whether to read it
// again needs (each field read costs a lookup of every file).
struct StoredFile {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::int64_t run_id = 0;
  bool has_all_columns = false; // every column the reader was opened for
};

// How verifying one file ended, as the catalog keeps it (verify_result).
enum class VerifyResult { ok, mismatch, missing, changed, failed };
std::string_view to_string(VerifyResult result);

// One verified file.
struct VerifyRow {
  std::string path; // absolute, normalised
  VerifyResult result = VerifyResult::ok;
  // When set (content equal, metadata new): the row takes these size, mtime,
  // inode and device, so --update does not read the file again.
  std::optional<io::FileInfo> now;
};

// One stored file with the digests asked for, as scan() yields it.
struct StoredEntry {
  std::string path; // absolute, normalised
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::vector<std::optional<util::Bytes>> digests; // parallel to the columns
  std::string verified_at;        // RFC 3339 UTC, whole seconds; empty: never
  std::int64_t verify_run_id = 0; // the run that verified it last (0: none)
  std::string content_codec;      // see FileRow
};

struct ScanRequest {
  std::vector<std::string> roots;   // absolute, normalised; empty: every row
  std::vector<std::string> columns; // algorithm columns to return
};

// Files with the same size and digest.
struct DuplicateGroup {
  std::uint64_t size = 0;
  util::Bytes digest;
  std::vector<StoredEntry> files; // at least two, by path
};

struct DuplicatesRequest {
  std::vector<std::string> roots; // as in ScanRequest
  std::string column;             // the digest that decides
  std::uint64_t min_size = 0;     // smaller files are left out
};

// Lookups from one thread (each worker opens its own).
class CatalogReader {
public:
  virtual ~CatalogReader() = default;
  // The rows for `paths` into `found`, in their order (nullopt where the
  // catalog has none), read from one snapshot: a batch costs one transaction
  // (SQLite) or one round trip (PostgreSQL) instead of one per file. `found`
  // is resized to paths.size(); a caller looking up batch after batch keeps
  // one to spare an allocation per batch. Throws util::FatalError when the
  // catalog cannot be read.
  virtual void lookup(std::span<const std::string_view> paths,
                      std::vector<std::optional<StoredFile>>& found) = 0;

  // As above, into a new vector.
  std::vector<std::optional<StoredFile>>
  lookup(std::span<const std::string_view> paths) {
    std::vector<std::optional<StoredFile>> found;
    lookup(paths, found);
    return found;
  }

  // The row for one path, or nullopt.
  std::optional<StoredFile> lookup_one(std::string_view path) {
    return std::move(lookup(std::span(&path, 1)).front());
  }
};

class Catalog {
public:
  virtual ~Catalog() = default;

  // Starts a run over request.root, or resumes the interrupted run with the
  // same root, command and columns (unless request.restart). Adds missing
  // algorithm columns. Takes the run's lock: throws LockHeld when a live run
  // of this or another process holds the same root, one inside it or one
  // above it; a run whose holder is gone (same host, dead pid or released
  // OS lock) is taken over.
  virtual RunInfo begin_run(const RunRequest& request) = 0;

  // Records files and failures of run `run_id` and adds `delta` to the run's
  // totals, in one transaction. Retries while the catalog is busy.
  virtual void write_batch(std::int64_t run_id,
                           const std::vector<FileRow>& files,
                           const std::vector<FailureRow>& failures,
                           const RunTotals& delta) = 0;

  // Records verify results of run `run_id` (verified_at, verify_result,
  // verify_run_id; metadata where VerifyRow::now is set) and adds `delta` to
  // the run's totals, in one transaction.
  virtual void write_verifications(std::int64_t run_id,
                                   const std::vector<VerifyRow>& rows,
                                   const RunTotals& delta) = 0;

  // Sets the run's final state and finish time and releases its lock.
  virtual void finish_run(std::int64_t run_id, RunState state) = 0;

  // A reader for lookups of `columns`, for use by one thread.
  virtual std::unique_ptr<CatalogReader>
  open_reader(const std::vector<std::string>& columns) = 0;

  // The algorithm columns the table has (names as AlgorithmSpec::column()),
  // in table order.
  virtual std::vector<std::string> algorithm_columns() = 0;

  // Calls `visit` for every stored file under request.roots, in path order
  // (bytewise), from the calling thread, until it returns false. Reads in
  // short transactions of its own, so runs may write meanwhile (a row
  // changed during the scan is seen old or new). Memory is bounded whatever
  // the row count. Throws util::FatalError when the catalog cannot be read.
  virtual void scan(const ScanRequest& request,
                    const std::function<bool(StoredEntry&)>& visit) = 0;

  // Calls `visit` for each group of two or more files under request.roots
  // with the same size and the same non-null request.column, largest waste
  // (size × (count − 1)) first, until it returns false. Throws
  // util::FatalError when the catalog cannot be read.
  virtual void
  duplicates(const DuplicatesRequest& request,
             const std::function<bool(DuplicateGroup&)>& visit) = 0;
};

// Opens the catalog named by `db_string`: a path, `sqlite://PATH`, or
// (later) `postgresql://...`; `table` must be a plain identifier. Creates
// the file and its directory when missing; migrates a catalog written by the
// original tool. Throws util::UsageError for a bad table name or scheme,
// util::FatalError when the catalog cannot be opened.
std::unique_ptr<Catalog> open_catalog(const std::string& db_string,
                                      const std::string& table);

// The default catalog location: $XDG_DATA_HOME/hasher/catalog.db, with
// XDG_DATA_HOME defaulting to ~/.local/share.
std::string default_catalog_path();

// True for [A-Za-z_][A-Za-z0-9_]* (at most 63 characters).
bool is_plain_identifier(std::string_view name);

} // namespace hasher::catalog
