#pragma once

// Lookups in the SQLite catalog for one thread (--update, resume, verify).
//
// A batch is answered in one read transaction, and mostly by range scans
// instead of one index seek per path: the batch's paths are sorted and
// split into runs that share a directory; each run is one
// `file_path BETWEEN first AND last` scan in key order (the table is keyed by
// file_path), merged against the run's paths. The files of one directory sit
// next to each other, so a run costs about one row step per path; where a
// subdirectory's rows sit between them, the scan gives up after a bounded
// number of rows and the paths it did not reach are looked up one by one.
// What it trades away: a few wasted row steps where directories interleave.
//
// The scan reads no digest column: whether a row has every column the reader
// is for follows from its run_id when that run was a hash run computing them
// all (write_batch sets a run's columns with its id); the digest columns of
// any other row are looked at, one row at a time.

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
