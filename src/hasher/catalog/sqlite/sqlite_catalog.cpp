// The SQLite catalog. Layout (SPEC "Catalog"): the digest table keeps the
// original tool's columns (file_path, file_size, one BLOB per algorithm, added
// on demand) plus mtime_ns, inode, device, run_id and hashed_at, keyed by
// file_path (one current row per path); `runs` and `failures` record runs and
// failed files. A table written by the original tool (no run_id column,
// repeated paths, byte-reversed crc32) is migrated in place in one
// transaction: the newest row per path wins, crc32 blobs are reversed to the
// conventional order, and PRAGMA user_version marks the file as migrated.
//
// The digest table is a WITHOUT ROWID table with file_path as its primary
// key (schema 4): rows sit in path order in one B-tree, so the range scans of
// --update read them where the key is, instead of stepping an index on
// file_path and seeking each row in the table by rowid, and a write updates
// one B-tree instead of two. What it trades away: a row larger than about a
// quarter of a page (dozens of algorithms at once) spills into overflow
// pages sooner than in a rowid table. A table of an older schema (a rowid
// table with a unique index on file_path) is copied into the new layout, in
// path order, in the migrating transaction.
//
// Writes come from one thread in batched transactions (WAL, synchronous
// NORMAL): one upsert statement prepared per run. A re-hash of a file whose
// size or mtime changed clears the digests of algorithms not computed this
// time, so no stale digest survives next to fresh metadata.
//
// Locks: begin_run runs inside BEGIN IMMEDIATE, so two processes starting at
// once are serialised by SQLite; a run is live while its OS lock file
// (<catalog>.locks/run-N.lock) is held, which the kernel releases however the
// process dies.

#include <hasher/catalog/sqlite/sqlite_catalog.hpp>

#include <hasher/catalog/sqlite/sqlite_db.hpp>
#include <hasher/catalog/sqlite/sqlite_dupes.hpp>
#include <hasher/catalog/sqlite/sqlite_reader.hpp>
#include <hasher/catalog/sqlite/sqlite_scan.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/format/escape.hpp>
#include <hasher/io/file_lock.hpp>
#include <hasher/io/path.hpp>
#include <hasher/util/strings.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace hasher::catalog::sqlite {
namespace {

// 2: verified_at, verify_result and verify_run_id. 3: source. 4: the digest
// table WITHOUT ROWID, file_path its primary key. 5: content_codec.
constexpr int k_schema_version = 5;

// Rows per upsert statement (SQLite allows 32766 parameters; -a all has
// about 75 per row).
constexpr std::size_t k_rows_per_upsert = 16;

const char* const k_meta_columns[][2] = {
    {"mtime_ns", "INTEGER"}, {"inode", "INTEGER"},  {"device", "INTEGER"},
    {"run_id", "INTEGER"},   {"hashed_at", "TEXT"},
};

// What verify keeps per row: when, with what result, in which run.
const char* const k_verify_columns[][2] = {
    {"verified_at", "TEXT"},
    {"verify_result", "TEXT"},
    {"verify_run_id", "INTEGER"},
};

// Where a copied or downloaded file came from.
constexpr const char* k_source_column = "source";
// "gzip"/"zstd" when the digests are of the content of file_path + the
// codec's suffix, decoded (a compressed copy); NULL: of file_path itself.
constexpr const char* k_codec_column = "content_codec";

bool is_bookkeeping_column(const std::string& column) {
  if (column == "file_path" || column == "file_size" ||
      column == k_source_column || column == k_codec_column) {
    return true;
  }
  for (const auto& [name, type] : k_meta_columns) {
    if (column == name) return true;
  }
  for (const auto& [name, type] : k_verify_columns) {
    if (column == name) return true;
  }
  return false;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string now_text() { return format::rfc3339(now_ns()); }

void make_parent_directory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    throw util::FatalError(parent.string() +
                           ": cannot create catalog "
                           "directory: " +
                           error.message());
  }
}

// Roots hold one absolute path per line (a run over several PATHs); two
// runs overlap when any of their paths is inside or above the other's.
std::vector<std::string_view> root_paths(std::string_view roots) {
  std::vector<std::string_view> paths;
  while (!roots.empty()) {
    std::size_t newline = roots.find('\n');
    paths.push_back(roots.substr(0, newline));
    if (newline == std::string_view::npos) break;
    roots.remove_prefix(newline + 1);
  }
  return paths;
}

bool roots_overlap(const std::string& a, const std::string& b) {
  for (std::string_view one : root_paths(a)) {
    for (std::string_view other : root_paths(b)) {
      if (io::path_within(one, other) || io::path_within(other, one)) {
        return true;
      }
    }
  }
  return false;
}

class SqliteCatalog final : public Catalog {
public:
  SqliteCatalog(const std::string& path, const std::string& table)
      : m_path(path), m_table(table),
        m_db((make_parent_directory(path), path), OpenMode::read_write_create) {
    // The first statement reads the header: a file that is not a database
    // fails here, before anything is written to it.
    m_db.exec("PRAGMA journal_mode=WAL");
    // The -wal file stays after the last connection closes (checkpointed:
    // the database file alone is complete) and the next run reuses its
    // blocks. Deleting it frees them, which on a file system mounted with
    // `discard` is a synchronous TRIM: 3 ms at the end of every download
    // of 200 files here (strace -T of the unlink), longer with the disk
    // busy.
    int persist = 1;
    sqlite3_file_control(m_db.handle(), "main", SQLITE_FCNTL_PERSIST_WAL,
                         &persist);
    m_db.exec("PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
              "PRAGMA cache_size=-16384; PRAGMA foreign_keys=OFF");
    migrate();
  }

  RunInfo begin_run(const RunRequest& request) override;
  void write_batch(std::int64_t run_id, const std::vector<FileRow>& files,
                   const std::vector<FailureRow>& failures,
                   const RunTotals& delta) override;
  void write_verifications(std::int64_t run_id,
                           const std::vector<VerifyRow>& rows,
                           const RunTotals& delta) override;
  void finish_run(std::int64_t run_id, RunState state) override;
  std::unique_ptr<CatalogReader>
  open_reader(const std::vector<std::string>& columns) override {
    return open_sqlite_reader(m_path, m_table, columns, table_columns());
  }
  std::vector<std::string> algorithm_columns() override;
  void scan(const ScanRequest& request,
            const std::function<bool(StoredEntry&)>& visit) override {
    scan_sqlite(m_path, m_table, table_columns(), request, visit);
  }
  void duplicates(const DuplicatesRequest& request,
                  const std::function<bool(DuplicateGroup&)>& visit) override {
    find_sqlite_duplicates(m_path, m_table, table_columns(), request, visit);
  }

private:
  std::string lock_path(std::int64_t run_id) const {
    return m_path + ".locks/run-" + std::to_string(run_id) + ".lock";
  }
  std::set<std::string> table_columns();
  void migrate();
  void migrate_original_table(const std::set<std::string>& columns);
  bool is_without_rowid();
  void rebuild_without_rowid();
  void add_columns(const std::vector<std::string>& columns);
  void prepare_upsert(const std::vector<std::string>& columns);
  // Adds `delta` to run `run_id`'s counts, inside the caller's transaction.
  void add_totals(std::int64_t run_id, const RunTotals& delta);

  std::string m_path;
  std::string m_table;
  Database m_db;
  std::optional<io::FileLock> m_lock;
  std::optional<Statement> m_upsert;      // one row
  std::optional<Statement> m_upsert_many; // k_rows_per_upsert rows
  std::optional<Statement> m_failure;
  std::optional<Statement> m_totals;
  std::optional<Statement> m_verified;
  std::optional<Statement> m_verified_now;
  std::size_t m_upsert_columns = 0;
};

std::vector<std::string> SqliteCatalog::algorithm_columns() {
  std::vector<std::string> columns;
  Statement info =
      m_db.prepare("PRAGMA table_info(" + quote_identifier(m_table) + ")");
  while (info.step()) {
    std::string column = info.text(1);
    if (!is_bookkeeping_column(column)) columns.push_back(std::move(column));
  }
  return columns;
}

std::set<std::string> SqliteCatalog::table_columns() {
  std::set<std::string> columns;
  Statement info =
      m_db.prepare("PRAGMA table_info(" + quote_identifier(m_table) + ")");
  while (info.step()) columns.insert(info.text(1));
  return columns;
}

void SqliteCatalog::migrate() {
  m_db.begin();
  try {
    std::set<std::string> columns = table_columns();
    std::string table = quote_identifier(m_table);
    if (columns.empty()) {
      m_db.exec("CREATE TABLE " + table +
                " (file_path TEXT NOT NULL PRIMARY KEY, file_size NUMERIC NOT "
                "NULL, mtime_ns INTEGER, inode INTEGER, device INTEGER, "
                "run_id INTEGER, hashed_at TEXT) WITHOUT ROWID");
    } else if (columns.count("run_id") == 0) {
      migrate_original_table(columns);
    }
    std::set<std::string> now = table_columns();
    for (const auto& [name, type] : k_verify_columns) {
      if (now.count(name) == 0) {
        m_db.exec("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type);
      }
    }
    for (const char* column : {k_source_column, k_codec_column}) {
      if (now.count(column) == 0) {
        m_db.exec("ALTER TABLE " + table + " ADD COLUMN " + column + " TEXT");
      }
    }
    if (!is_without_rowid()) rebuild_without_rowid();
    m_db.exec("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, "
              "root TEXT NOT NULL, command TEXT NOT NULL, algorithms TEXT NOT "
              "NULL, host TEXT, pid INTEGER, started_at TEXT, finished_at "
              "TEXT, state TEXT NOT NULL, files INTEGER NOT NULL DEFAULT 0, "
              "bytes INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL "
              "DEFAULT 0, resumes INTEGER NOT NULL DEFAULT 0)");
    m_db.exec("CREATE TABLE IF NOT EXISTS failures (id INTEGER PRIMARY KEY, "
              "run_id INTEGER, file_path TEXT NOT NULL, reason TEXT NOT NULL, "
              "failed_at TEXT)");
    m_db.exec("PRAGMA user_version=" + std::to_string(k_schema_version));
    m_db.commit();
  } catch (...) {
    m_db.rollback();
    throw;
  }
}

void SqliteCatalog::migrate_original_table(
    const std::set<std::string>& columns) {
  std::string table = quote_identifier(m_table);
  for (const auto& [name, type] : k_meta_columns) {
    if (columns.count(name) == 0) {
      m_db.exec("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type);
    }
  }
  // The original appended a row per hashing; the newest (highest rowid) wins.
  m_db.exec("DELETE FROM " + table +
            " WHERE rowid NOT IN (SELECT MAX(rowid) "
            "FROM " +
            table + " GROUP BY file_path)");
  if (columns.count("crc32") != 0) {
    // It stored CRC-32 little-endian; the catalog keeps the conventional
    // big-endian order ("test data" → d308aeb2, not b2ae08d3).
    Statement select = m_db.prepare("SELECT rowid, crc32 FROM " + table +
                                    " WHERE length(crc32) = 4");
    Statement update =
        m_db.prepare("UPDATE " + table + " SET crc32 = ? WHERE rowid = ?");
    while (select.step()) {
      util::Bytes crc = select.blob(1);
      std::reverse(crc.begin(), crc.end());
      update.bind_blob(1, crc).bind(2, select.integer(0));
      update.run();
    }
  }
}

bool SqliteCatalog::is_without_rowid() {
  Statement schema = m_db.prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  schema.bind(1, m_table);
  if (!schema.step()) return false;
  std::string sql = schema.text(0);
  std::transform(sql.begin(), sql.end(), sql.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return sql.find("WITHOUT ROWID") != std::string::npos;
}

void SqliteCatalog::rebuild_without_rowid() {
  // The same columns, types, NOT NULL constraints and defaults, in the same
  // order; file_path becomes the key.
  std::string definitions;
  std::string names;
  Statement info =
      m_db.prepare("PRAGMA table_info(" + quote_identifier(m_table) + ")");
  while (info.step()) {
    std::string name = info.text(1);
    std::string definition = quote_identifier(name);
    if (std::string type = info.text(2); !type.empty()) {
      definition += " " + type;
    }
    if (name == "file_path") {
      definition += " NOT NULL PRIMARY KEY";
    } else if (info.integer(3) != 0) {
      definition += " NOT NULL";
    }
    if (!info.is_null(4)) definition += " DEFAULT " + info.text(4);
    definitions += (definitions.empty() ? "" : ", ") + definition;
    names += (names.empty() ? "" : ", ") + quote_identifier(name);
  }
  std::string table = quote_identifier(m_table);
  std::string rebuilt = quote_identifier(m_table + "_rebuilt");
  m_db.exec("DROP TABLE IF EXISTS " + rebuilt);
  m_db.exec("CREATE TABLE " + rebuilt + " (" + definitions + ") WITHOUT ROWID");
  // One row per path already (unique index, or the original tool's
  // duplicates removed above); a row without a path cannot be looked up.
  m_db.exec("INSERT INTO " + rebuilt + " (" + names + ") SELECT " + names +
            " FROM " + table +
            " WHERE file_path IS NOT NULL ORDER BY file_path");
  // The old unique index goes with its table.
  m_db.exec("DROP TABLE " + table);
  m_db.exec("ALTER TABLE " + rebuilt + " RENAME TO " + table);
}

void SqliteCatalog::add_columns(const std::vector<std::string>& columns) {
  std::set<std::string> existing = table_columns();
  for (const std::string& column : columns) {
    if (existing.count(column) != 0) continue;
    if (!is_plain_identifier(column)) {
      throw util::FatalError(m_path + ": bad column name " + column);
    }
    m_db.exec("ALTER TABLE " + quote_identifier(m_table) + " ADD COLUMN " +
              quote_identifier(column) + " BLOB");
  }
}

void SqliteCatalog::prepare_upsert(const std::vector<std::string>& columns) {
  // Algorithm columns of the table that this run does not compute.
  std::vector<std::string> others;
  std::set<std::string> mine(columns.begin(), columns.end());
  for (const std::string& column : algorithm_columns()) {
    if (mine.count(column) == 0) others.push_back(column);
  }
  std::string names = "file_path, file_size, mtime_ns, inode, device, run_id, "
                      "hashed_at, source, content_codec";
  std::string values = "?, ?, ?, ?, ?, ?, ?, ?, ?";
  // A row keeps its source unless this run knows one; its codec says how
  // this run read it.
  std::string updates =
      "file_size = excluded.file_size, mtime_ns = excluded.mtime_ns, inode = "
      "excluded.inode, device = excluded.device, run_id = excluded.run_id, "
      "hashed_at = excluded.hashed_at, source = coalesce(excluded.source, "
      "source), content_codec = excluded.content_codec";
  // The run's own columns are written with its run_id: a reader takes a
  // hash run's rows to hold all of them (sqlite_reader.cpp).
  for (const std::string& column : columns) {
    std::string quoted = quote_identifier(column);
    names += ", " + quoted;
    values += ", ?";
    updates += ", " + quoted + " = excluded." + quoted;
  }
  // A verification holds for the content it saw: it goes with the digests
  // of other algorithms when the metadata changes.
  for (const auto& [name, type] : k_verify_columns) others.push_back(name);
  for (const std::string& column : others) {
    std::string quoted = quote_identifier(column);
    updates += ", " + quoted +
               " = CASE WHEN file_size IS excluded.file_size "
               "AND mtime_ns IS excluded.mtime_ns THEN " +
               quoted + " ELSE NULL END";
  }
  // In DO UPDATE, bare column names are the old row and every right-hand
  // side is evaluated against it, so the CASE compares old and new metadata.
  // Rows go k_rows_per_upsert to a statement: SQLite's cost per statement
  // run (reset, bindings cleared, program started) is larger than its cost
  // per row.
  std::string table = quote_identifier(m_table);
  auto upsert_of = [&](std::size_t rows) {
    std::string all_values;
    for (std::size_t i = 0; i < rows; ++i) {
      all_values += (i == 0 ? "(" : ", (") + values + ")";
    }
    return m_db.prepare("INSERT INTO " + table + " (" + names + ") VALUES " +
                        all_values + " ON CONFLICT (file_path) DO UPDATE SET " +
                        updates);
  };
  m_upsert.emplace(upsert_of(1));
  m_upsert_many.emplace(upsert_of(k_rows_per_upsert));
  m_upsert_columns = columns.size();
  m_failure.emplace(m_db.prepare("INSERT INTO failures (run_id, file_path, "
                                 "reason, failed_at) VALUES (?, ?, ?, ?)"));
}

RunInfo SqliteCatalog::begin_run(const RunRequest& request) {
  const std::string host = io::host_name();
  const long pid = static_cast<long>(::getpid());
  const std::string algorithms = util::join(request.columns, ",");
  std::filesystem::create_directories(m_path + ".locks");

  m_db.begin();
  try {
    add_columns(request.columns);
    // Refuse overlapping live runs; mark dead ones interrupted.
    Statement running = m_db.prepare(
        "SELECT id, root, host, pid, started_at FROM runs WHERE state = "
        "'running'");
    std::vector<std::int64_t> stale;
    while (running.step()) {
      std::int64_t id = running.integer(0);
      std::string root = running.text(1);
      std::string holder_host = running.text(2);
      long holder_pid = static_cast<long>(running.integer(3));
      bool dead =
          holder_host == host && (!io::process_alive(holder_pid) ||
                                  !io::FileLock::is_held(lock_path(id)));
      if (dead) {
        stale.push_back(id);
        continue;
      }
      if (roots_overlap(root, request.root)) {
        throw LockHeld(request.root + ": locked by run " + std::to_string(id) +
                       " (host " + holder_host + ", pid " +
                       std::to_string(holder_pid) + ", since " +
                       running.text(4) + ")");
      }
    }
    Statement interrupt =
        m_db.prepare("UPDATE runs SET state = 'interrupted' WHERE id = ?");
    for (std::int64_t id : stale) interrupt.bind(1, id).run();

    RunInfo info;
    if (request.restart == Restart::no) {
      Statement previous = m_db.prepare(
          "SELECT id, files, bytes, errors, resumes FROM runs WHERE root = ? "
          "AND command = ? AND algorithms = ? AND state = 'interrupted' "
          "ORDER BY id DESC LIMIT 1");
      previous.bind(1, request.root)
          .bind(2, request.command)
          .bind(3, algorithms);
      if (previous.step()) {
        info.id = previous.integer(0);
        info.resumed = true;
        info.before.files = static_cast<std::uint64_t>(previous.integer(1));
        info.before.bytes = static_cast<std::uint64_t>(previous.integer(2));
        info.before.errors = static_cast<std::uint64_t>(previous.integer(3));
        info.resumes = static_cast<std::uint64_t>(previous.integer(4)) + 1;
      }
    }
    if (info.resumed) {
      m_db.prepare("UPDATE runs SET state = 'running', host = ?, pid = ?, "
                   "resumes = resumes + 1, finished_at = NULL WHERE id = ?")
          .bind(1, host)
          .bind(2, static_cast<std::int64_t>(pid))
          .bind(3, info.id)
          .run();
    } else {
      m_db.prepare("INSERT INTO runs (root, command, algorithms, host, pid, "
                   "started_at, state) VALUES (?, ?, ?, ?, ?, ?, 'running')")
          .bind(1, request.root)
          .bind(2, request.command)
          .bind(3, algorithms)
          .bind(4, host)
          .bind(5, static_cast<std::int64_t>(pid))
          .bind(6, now_text())
          .run();
      info.id = m_db.last_insert_id();
    }
    // Take the OS lock before the row becomes visible as running.
    m_lock = io::FileLock::try_lock(lock_path(info.id));
    if (!m_lock) {
      throw LockHeld(request.root + ": locked by run " +
                     std::to_string(info.id) + " (lock file " +
                     lock_path(info.id) + " is held)");
    }
    m_db.commit();
    prepare_upsert(request.columns);
    return info;
  } catch (...) {
    m_db.rollback();
    throw;
  }
}

void SqliteCatalog::write_batch(std::int64_t run_id,
                                const std::vector<FileRow>& files,
                                const std::vector<FailureRow>& failures,
                                const RunTotals& delta) {
  const std::string stamp = now_text();
  m_db.begin();
  try {
    const int per_row = static_cast<int>(9 + m_upsert_columns);
    // Binds `row` as row number `slot` of `upsert`.
    auto bind_row = [&](Statement& upsert, const FileRow& row, int slot) {
      // The row outlives the step: bind without copies.
      int at = slot * per_row;
      upsert.bind_static(at + 1, row.path)
          .bind(at + 2, static_cast<std::int64_t>(row.size))
          .bind(at + 3, row.mtime_ns)
          .bind(at + 4, static_cast<std::int64_t>(row.inode))
          .bind(at + 5, static_cast<std::int64_t>(row.device))
          .bind(at + 6, run_id)
          .bind_static(at + 7, stamp);
      if (row.source.empty()) {
        upsert.bind_null(at + 8);
      } else {
        upsert.bind_static(at + 8, row.source);
      }
      if (row.content_codec.empty()) {
        upsert.bind_null(at + 9);
      } else {
        upsert.bind_static(at + 9, row.content_codec);
      }
      for (std::size_t i = 0; i < m_upsert_columns; ++i) {
        upsert.bind_blob_static(at + 10 + static_cast<int>(i), row.digests[i]);
      }
    };
    std::size_t at = 0;
    // Whole groups first; a path twice in one group is fine (the upsert
    // applies the rows in order).
    for (; at + k_rows_per_upsert <= files.size(); at += k_rows_per_upsert) {
      for (std::size_t i = 0; i < k_rows_per_upsert; ++i) {
        bind_row(*m_upsert_many, files[at + i], static_cast<int>(i));
      }
      m_upsert_many->run();
    }
    for (; at < files.size(); ++at) {
      bind_row(*m_upsert, files[at], 0);
      m_upsert->run();
    }
    for (const FailureRow& failure : failures) {
      m_failure->bind(1, run_id)
          .bind(2, failure.path)
          .bind(3, failure.reason)
          .bind(4, stamp)
          .run();
    }
    add_totals(run_id, delta);
    m_db.commit();
  } catch (...) {
    m_db.rollback();
    throw;
  }
}

void SqliteCatalog::add_totals(std::int64_t run_id, const RunTotals& delta) {
  if (!m_totals) {
    m_totals.emplace(m_db.prepare("UPDATE runs SET files = files + ?, bytes = "
                                  "bytes + ?, errors = errors + ? WHERE id = "
                                  "?"));
  }
  m_totals->bind(1, static_cast<std::int64_t>(delta.files))
      .bind(2, static_cast<std::int64_t>(delta.bytes))
      .bind(3, static_cast<std::int64_t>(delta.errors))
      .bind(4, run_id)
      .run();
}

void SqliteCatalog::write_verifications(std::int64_t run_id,
                                        const std::vector<VerifyRow>& rows,
                                        const RunTotals& delta) {
  std::string table = quote_identifier(m_table);
  if (!m_verified) {
    m_verified.emplace(m_db.prepare(
        "UPDATE " + table +
        " SET verified_at = ?1, verify_result = ?2, verify_run_id = ?3 "
        "WHERE file_path = ?4"));
    m_verified_now.emplace(m_db.prepare(
        "UPDATE " + table +
        " SET verified_at = ?1, verify_result = ?2, verify_run_id = ?3, "
        "file_size = ?5, mtime_ns = ?6, inode = ?7, device = ?8 "
        "WHERE file_path = ?4"));
  }
  // Whole seconds, so that stored times compare as text (--older-than).
  const std::string stamp = format::rfc3339(now_ns() / 1000000000 * 1000000000);
  m_db.begin();
  try {
    for (const VerifyRow& row : rows) {
      Statement& update = row.now ? *m_verified_now : *m_verified;
      update.bind_static(1, stamp)
          .bind(2, to_string(row.result))
          .bind(3, run_id)
          .bind_static(4, row.path);
      if (row.now) {
        update.bind(5, static_cast<std::int64_t>(row.now->size))
            .bind(6, row.now->mtime_ns)
            .bind(7, static_cast<std::int64_t>(row.now->inode))
            .bind(8, static_cast<std::int64_t>(row.now->device));
      }
      update.run();
    }
    add_totals(run_id, delta);
    m_db.commit();
  } catch (...) {
    m_db.rollback();
    throw;
  }
}

void SqliteCatalog::finish_run(std::int64_t run_id, RunState state) {
  m_db.prepare("UPDATE runs SET state = ?, finished_at = ? WHERE id = ?")
      .bind(1, to_string(state))
      .bind(2, now_text())
      .bind(3, run_id)
      .run();
  if (m_lock) m_lock->release();
  m_lock.reset();
}

} // namespace

std::unique_ptr<Catalog> open_sqlite_catalog(const std::string& path,
                                             const std::string& table) {
  return std::make_unique<SqliteCatalog>(path, table);
}

} // namespace hasher::catalog::sqlite
