#include <hasher/catalog/sqlite/sqlite_reader.hpp>

#include <hasher/catalog/sqlite/sqlite_db.hpp>

#include <algorithm>
#include <numeric>
#include <optional>

namespace hasher::catalog::sqlite {
namespace {

// A range scan stops after this many rows beyond the paths it serves.
constexpr std::size_t k_scan_slack = 16;

std::string_view parent_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : path.substr(0, slash);
}

class SqliteReader final : public CatalogReader {
public:
  SqliteReader(const std::string& path, const std::string& table,
               const std::vector<std::string>& columns,
               const std::set<std::string>& existing)
      : m_db(path, OpenMode::read_only) {
    // One flag for all the columns: the skip check needs no more.
    std::string complete;
    for (const std::string& column : columns) {
      if (!complete.empty()) complete += " AND ";
      // A column the table does not have yet reads as missing.
      complete += existing.count(column) != 0
                      ? quote_identifier(column) + " IS NOT NULL"
                      : std::string("0");
    }
    if (complete.empty()) complete = "1";
    load_complete_runs(columns, existing);
    // Only what StoredFile holds, and not the digests: every result column
    // costs a few hundred instructions per row scanned, and the NULL tests
    // of the digest columns about as much as all the others together.
    std::string fields = "file_path, file_size, mtime_ns, inode, run_id";
    std::string from = " FROM " + quote_identifier(table);
    m_select.emplace(
        m_db.prepare("SELECT " + fields + from + " WHERE file_path = ?"));
    m_complete.emplace(
        m_db.prepare("SELECT " + complete + from + " WHERE file_path = ?"));
    m_begin.emplace(m_db.prepare("BEGIN"));
    m_commit.emplace(m_db.prepare("COMMIT"));
    m_scan.emplace(m_db.prepare("SELECT " + fields + from +
                                " WHERE file_path >= ?1 AND file_path <= ?2"
                                " ORDER BY file_path LIMIT ?3"));
  }

  using CatalogReader::lookup;

  void lookup(std::span<const std::string_view> paths,
              std::vector<std::optional<StoredFile>>& found) override {
    found.assign(paths.size(), std::nullopt);
    std::vector<std::size_t>& order = m_order;
    order.resize(paths.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto by_path = [&](std::size_t a, std::size_t b) {
      return paths[a] < paths[b];
    };
    // A batch from the walk is usually in order already.
    if (!std::is_sorted(order.begin(), order.end(), by_path)) {
      std::stable_sort(order.begin(), order.end(), by_path);
    }
    // One read transaction for the batch: SQLite otherwise takes and drops
    // its file locks and re-reads the WAL index for every statement.
    m_begin->run();
    try {
      std::size_t begin = 0;
      while (begin < order.size()) {
        std::string_view dir = parent_of(paths[order[begin]]);
        std::size_t end = begin + 1;
        while (end < order.size() && parent_of(paths[order[end]]) == dir) {
          ++end;
        }
        lookup_run(paths, std::span(order).subspan(begin, end - begin), found);
        begin = end;
      }
    } catch (...) {
      m_db.rollback();
      throw;
    }
    m_commit->run();
  }

private:
  // Paths `run` (indices into `paths`, sorted by path, one directory).
  void lookup_run(std::span<const std::string_view> paths,
                  std::span<const std::size_t> run,
                  std::vector<std::optional<StoredFile>>& found) {
    std::vector<bool>& settled = m_settled;
    settled.assign(run.size(), false);
    if (run.size() > 1) {
      Statement& scan = *m_scan;
      std::size_t limit = run.size() + k_scan_slack;
      scan.bind_static(1, paths[run.front()]);
      scan.bind_static(2, paths[run.back()]);
      scan.bind(3, static_cast<std::int64_t>(limit));
      std::size_t rows = 0;
      std::size_t next = 0; // first path of the run not yet passed
      while (scan.step()) {
        ++rows;
        std::string_view row_path = scan.text_view(0);
        // Paths before the row are passed (not in the catalog); equal ones
        // (a batch may name a file twice) share the row.
        while (next < run.size()) {
          int order = paths[run[next]].compare(row_path);
          if (order > 0) break;
          if (order == 0) found[run[next]] = stored_file(scan);
          settled[next++] = true;
        }
      }
      scan.reset();
      if (rows < limit) {
        std::fill(settled.begin(), settled.end(), true); // the scan saw all
      }
    }
    for (std::size_t i = 0; i < run.size(); ++i) {
      if (settled[i]) continue;
      Statement& select = *m_select;
      select.bind_static(1, paths[run[i]]);
      if (select.step()) found[run[i]] = stored_file(select);
      select.reset();
    }
  }

  // The ids of the hash runs that computed every one of `columns`. A run
  // writes the digests it computed into the row's columns for them along
  // with its id (write_batch), so a row whose run_id is one of these has all
  // the columns without looking at them.
  void load_complete_runs(const std::vector<std::string>& columns,
                          const std::set<std::string>& existing) {
    for (const std::string& column : columns) {
      if (existing.count(column) == 0) return; // no row has it
    }
    Statement runs =
        m_db.prepare("SELECT id, algorithms FROM runs WHERE command = 'hash'");
    while (runs.step()) {
      std::set<std::string> computed;
      std::string_view algorithms = runs.text_view(1);
      while (!algorithms.empty()) {
        std::size_t comma = algorithms.find(',');
        computed.emplace(algorithms.substr(0, comma));
        if (comma == std::string_view::npos) break;
        algorithms.remove_prefix(comma + 1);
      }
      bool all = std::all_of(
          columns.begin(), columns.end(),
          [&](const std::string& column) { return computed.count(column); });
      if (all) m_complete_runs.push_back(runs.integer(0));
    }
    std::sort(m_complete_runs.begin(), m_complete_runs.end());
  }

  // The row `row` (of m_scan or m_select) as a StoredFile.
  StoredFile stored_file(const Statement& row) {
    StoredFile file;
    file.size = static_cast<std::uint64_t>(row.integer(1));
    file.mtime_ns = row.integer(2);
    file.inode = static_cast<std::uint64_t>(row.integer(3));
    file.run_id = row.integer(4);
    file.has_all_columns =
        std::binary_search(m_complete_runs.begin(), m_complete_runs.end(),
                           file.run_id) ||
        has_all_columns(row.text_view(0));
    return file;
  }

  // Looks at the digest columns of `path`'s row (one of another run, or of
  // a run that did not compute them all).
  bool has_all_columns(std::string_view path) {
    Statement& complete = *m_complete;
    complete.bind_static(1, path);
    bool all = complete.step() && complete.integer(0) != 0;
    complete.reset();
    return all;
  }

  Database m_db;
  std::vector<std::int64_t> m_complete_runs; // sorted
  // Kept from batch to batch (see CatalogReader::lookup).
  std::vector<std::size_t> m_order;
  std::vector<bool> m_settled;
  std::optional<Statement> m_begin;
  std::optional<Statement> m_commit;
  std::optional<Statement> m_select;
  std::optional<Statement> m_scan;
  std::optional<Statement> m_complete;
};

} // namespace

std::unique_ptr<CatalogReader>
open_sqlite_reader(const std::string& path, const std::string& table,
                   const std::vector<std::string>& columns,
                   const std::set<std::string>& existing) {
  return std::make_unique<SqliteReader>(path, table, columns, existing);
}

} // namespace hasher::catalog::sqlite
