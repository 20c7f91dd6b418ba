#pragma once

// Ordered scans of the SQLite catalog (verify, export): the rows under some
// roots, in path order, read a chunk at a time in short read transactions of
// a connection of their own, so a long scan neither holds a snapshot (the
// WAL can be checkpointed meanwhile) nor memory beyond one chunk.

#include <hasher/catalog/catalog.hpp>

#include <set>
#include <string>

namespace hasher::catalog::sqlite {

// The column list of a StoredEntry query: file_path, file_size, mtime_ns,
// inode, device, verified_at, verify_run_id, then `columns` (NULL for one the
// table does not have). Shared with the duplicates query.
std::string stored_entry_fields(const std::vector<std::string>& columns,
                                const std::set<std::string>& existing);

// Reads a row selected with stored_entry_fields into `entry`, from column
// `first` on.
class Statement;
void read_stored_entry(const Statement& row, int first, std::size_t columns,
                       StoredEntry& entry);

// See Catalog::scan. `existing` are the table's columns.
void scan_sqlite(const std::string& path, const std::string& table,
                 const std::set<std::string>& existing,
                 const ScanRequest& request,
                 const std::function<bool(StoredEntry&)>& visit);

// The roots sorted, with any root inside another dropped ("/" covers all).
std::vector<std::string> outermost_roots(std::vector<std::string> roots);

} // namespace hasher::catalog::sqlite
