#pragma once

// Lookups in the SQLite catalog for one thread (--update, resume, verify).
//
// A batch is answered in one read transaction, and mostly by range scans
// instead of one index seek per path: the batch's paths are sorted and
// split into runs that share a directory; each run is one
// `file_path BETWEEN first AND last` scan in index order, merged against the
// run's paths. The files of one directory sit next to each other in the
// index, so a run costs about one row step per path; where a subdirectory's
// rows sit between them, the scan gives up after a bounded number of rows
// and the paths it did not reach are looked up one by one. What it trades
// away: a few wasted row steps where directories interleave.

#include <hasher/catalog/catalog.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hasher::catalog::sqlite {

// A reader of `table` in the catalog file `path`, for the algorithm
// `columns`; `existing` are the columns the table has (a missing one reads
// as absent). Throws util::FatalError when the file cannot be opened.
std::unique_ptr<CatalogReader>
open_sqlite_reader(const std::string& path, const std::string& table,
                   const std::vector<std::string>& columns,
                   const std::set<std::string>& existing);

} // namespace hasher::catalog::sqlite
