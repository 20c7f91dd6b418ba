// Duplicate groups in the SQLite catalog. SQLite does the grouping, so memory
// stays bounded however many rows the table has: in one read transaction of
// a connection of its own,
//   1. the (size, digest) pairs held by two or more rows under the roots go
//      into a temporary table, numbered in the order of the answer (largest
//      waste first), with an index on (size, digest);
//   2. one pass over the catalog, joined against that index, copies the
//      members of every group into a second temporary table, indexed by
//      (group, path).
// The transaction then ends (a long --link pass holds no snapshot, so the
// WAL can be checkpointed meanwhile) and the groups are read back in one
// pass over that index, a group at a time. Temporary tables live in a file
// (temp_store=FILE), spilled by SQLite's page cache, so millions of duplicates
// cost disk, not memory. What it trades away: two passes over the table and a
// copy of the duplicate rows, instead of a query per group.

#include <hasher/catalog/sqlite/sqlite_dupes.hpp>

#include <hasher/catalog/sqlite/sqlite_db.hpp>
#include <hasher/catalog/sqlite/sqlite_scan.hpp>

namespace hasher::catalog::sqlite {
namespace {

// The WHERE condition for rows under `roots` (outermost, sorted), their
// paths bound from parameter `first` on: a root itself or the range of
// names below "root/" ('0' follows '/'); "/" or no root means every row.
std::string roots_condition(const std::vector<std::string>& roots, int first) {
  std::string condition;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    if (roots[i] == "/") return "1";
    std::string p = "?" + std::to_string(first + static_cast<int>(i));
    if (!condition.empty()) condition += " OR ";
    condition += "file_path = " + p + " OR (file_path > (" + p +
                 " || '/') AND file_path < (" + p + " || '0'))";
  }
  return condition.empty() ? "1" : "(" + condition + ")";
}

void bind_roots(Statement& statement, const std::vector<std::string>& roots,
                int first) {
  for (std::size_t i = 0; i < roots.size(); ++i) {
    if (roots[i] == "/") return;
    statement.bind(first + static_cast<int>(i), roots[i]);
  }
}

// Steps 1 and 2 of the file comment, in one read transaction.
void collect_groups(Database& db, const std::string& table,
                    const std::set<std::string>& existing,
                    const DuplicatesRequest& request) {
  const std::string digest = quote_identifier(request.column);
  const std::vector<std::string> roots = outermost_roots(request.roots);
  const std::string where = digest + " IS NOT NULL AND file_size >= ?1 AND " +
                            roots_condition(roots, 2);
  db.exec("PRAGMA temp_store=FILE");
  db.exec("CREATE TEMP TABLE dupe_groups (id INTEGER PRIMARY KEY, "
          "group_size INTEGER NOT NULL, group_digest BLOB NOT NULL)");
  db.exec("CREATE TEMP TABLE dupe_members (group_id INTEGER NOT NULL, "
          "file_path TEXT, file_size INTEGER, mtime_ns INTEGER, inode "
          "INTEGER, device INTEGER, verified_at TEXT, verify_run_id INTEGER, "
          "content_codec TEXT, digest BLOB)");
  db.exec("BEGIN");
  try {
    // Rows are numbered as inserted, which is the ORDER BY's order: ties in
    // waste go to the larger files, then to the smaller digest.
    Statement groups = db.prepare(
        "INSERT INTO temp.dupe_groups (group_size, group_digest) SELECT "
        "file_size, " +
        digest + " FROM " + quote_identifier(table) + " WHERE " + where +
        " GROUP BY file_size, " + digest +
        " HAVING count(*) > 1 ORDER BY file_size * (count(*) - 1) DESC, "
        "file_size DESC, " +
        digest);
    groups.bind(1, static_cast<std::int64_t>(request.min_size));
    bind_roots(groups, roots, 2);
    groups.run();
    db.exec("CREATE INDEX temp.dupe_groups_key ON dupe_groups (group_size, "
            "group_digest)");
    // CROSS JOIN keeps the catalog as the outer loop: one pass over it,
    // each row probing the index of the (much smaller) group table.
    Statement members = db.prepare(
        "INSERT INTO temp.dupe_members SELECT g.id, " +
        stored_entry_fields({request.column}, existing) + " FROM " +
        quote_identifier(table) +
        " CROSS JOIN temp.dupe_groups AS g ON g.group_size = file_size AND "
        "g.group_digest = " +
        digest + " WHERE " + where);
    members.bind(1, static_cast<std::int64_t>(request.min_size));
    bind_roots(members, roots, 2);
    members.run();
    db.exec("COMMIT");
  } catch (...) {
    db.rollback();
    throw;
  }
  db.exec("CREATE INDEX temp.dupe_members_group ON dupe_members (group_id, "
          "file_path)");
}

} // namespace

void find_sqlite_duplicates(const std::string& path, const std::string& table,
                            const std::set<std::string>& existing,
                            const DuplicatesRequest& request,
                            const std::function<bool(DuplicateGroup&)>& visit) {
  // A table without the column has no digests to compare.
  if (existing.count(request.column) == 0) return;
  Database db(path, OpenMode::read_only);
  collect_groups(db, table, existing, request);

  // One ordered pass over the members (the index gives the order); every
  // member carries its group's size and digest.
  Statement members =
      db.prepare("SELECT group_id, " +
                 stored_entry_fields({"digest"}, {"digest", "content_codec"}) +
                 " FROM temp.dupe_members ORDER BY group_id, file_path");
  DuplicateGroup found;
  std::int64_t current = 0;
  while (members.step()) {
    std::int64_t id = members.integer(0);
    if (id != current) {
      if (current != 0 && !visit(found)) return;
      current = id;
      found.files.clear();
    }
    read_stored_entry(members, 1, 1, found.files.emplace_back());
    if (found.files.size() == 1) {
      found.size = found.files.front().size;
      found.digest = *found.files.front().digests.front();
    }
  }
  if (current != 0) visit(found);
}

} // namespace hasher::catalog::sqlite
