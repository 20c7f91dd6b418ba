#include <hasher/catalog/sqlite/sqlite_scan.hpp>

#include <hasher/catalog/sqlite/sqlite_db.hpp>
#include <hasher/io/path.hpp>

#include <algorithm>

namespace hasher::catalog::sqlite {
namespace {

constexpr std::int64_t k_chunk_rows = 512;

} // namespace

std::string stored_entry_fields(const std::vector<std::string>& columns,
                                const std::set<std::string>& existing) {
  std::string fields = "file_path, file_size, mtime_ns, inode, device, "
                       "verified_at, verify_run_id, ";
  fields += existing.count("content_codec") != 0 ? "content_codec" : "NULL";
  for (const std::string& column : columns) {
    fields += existing.count(column) != 0 ? ", " + quote_identifier(column)
                                          : std::string(", NULL");
  }
  return fields;
}

void read_stored_entry(const Statement& row, int first, std::size_t columns,
                       StoredEntry& entry) {
  entry.path = row.text(first);
  entry.size = static_cast<std::uint64_t>(row.integer(first + 1));
  entry.mtime_ns = row.integer(first + 2);
  entry.inode = static_cast<std::uint64_t>(row.integer(first + 3));
  entry.device = static_cast<std::uint64_t>(row.integer(first + 4));
  entry.verified_at = row.text(first + 5);
  entry.verify_run_id = row.integer(first + 6);
  entry.content_codec = row.text(first + 7);
  entry.digests.assign(columns, std::nullopt);
  for (std::size_t i = 0; i < columns; ++i) {
    int column = first + 8 + static_cast<int>(i);
    if (!row.is_null(column)) entry.digests[i] = row.blob(column);
  }
}

std::vector<std::string> outermost_roots(std::vector<std::string> roots) {
  std::sort(roots.begin(), roots.end());
  std::vector<std::string> kept;
  for (std::string& root : roots) {
    bool covered =
        std::any_of(kept.begin(), kept.end(), [&](const std::string& outer) {
          return io::path_within(root, outer);
        });
    if (!covered) kept.push_back(std::move(root));
  }
  return kept;
}

void scan_sqlite(const std::string& path, const std::string& table,
                 const std::set<std::string>& existing,
                 const ScanRequest& request,
                 const std::function<bool(StoredEntry&)>& visit) {
  Database db(path, OpenMode::read_only);
  std::string select = "SELECT " +
                       stored_entry_fields(request.columns, existing) +
                       " FROM " + quote_identifier(table);
  // Rows after ?1 (exclusive) and, bounded, before ?2: one chunk.
  Statement bounded =
      db.prepare(select + " WHERE file_path > ?1 AND file_path < ?2 "
                          "ORDER BY file_path LIMIT ?3");
  Statement unbounded =
      db.prepare(select + " WHERE file_path > ?1 ORDER BY file_path LIMIT ?3");
  Statement exact = db.prepare(select + " WHERE file_path = ?1");

  std::vector<StoredEntry> chunk;
  // Reads one chunk after `after` into `chunk` in its own transaction.
  auto read_chunk = [&](Statement& query, const std::string& after,
                        const std::string* before) {
    chunk.clear();
    db.exec("BEGIN");
    try {
      query.bind(1, after);
      if (before != nullptr) query.bind(2, *before);
      query.bind(3, k_chunk_rows);
      while (query.step()) {
        read_stored_entry(query, 0, request.columns.size(),
                          chunk.emplace_back());
      }
      query.reset();
    } catch (...) {
      query.reset();
      db.rollback();
      throw;
    }
    db.exec("COMMIT");
  };
  // Visits rows strictly after `after` (and before `before`); false when
  // the visitor stopped.
  auto walk = [&](std::string after, const std::string* before) {
    Statement& query = before != nullptr ? bounded : unbounded;
    for (;;) {
      read_chunk(query, after, before);
      for (StoredEntry& entry : chunk) {
        if (!visit(entry)) return false;
      }
      if (static_cast<std::int64_t>(chunk.size()) < k_chunk_rows) return true;
      after = chunk.back().path;
    }
  };

  if (request.roots.empty()) {
    walk(std::string(), nullptr);
    return;
  }
  for (const std::string& root : outermost_roots(request.roots)) {
    if (root == "/") {
      if (!walk(std::string(), nullptr)) return;
      continue;
    }
    // The root itself (a file), then everything below "root/".
    exact.bind(1, root);
    if (exact.step()) {
      StoredEntry entry;
      read_stored_entry(exact, 0, request.columns.size(), entry);
      exact.reset();
      if (!visit(entry)) return;
    } else {
      exact.reset();
    }
    std::string upper = root + "0"; // '0' follows '/'
    if (!walk(root + "/", &upper)) return;
  }
}

} // namespace hasher::catalog::sqlite
