#pragma once

// Duplicate groups in the SQLite catalog (hasher dupes).

#include <hasher/catalog/catalog.hpp>

#include <set>
#include <string>

namespace hasher::catalog::sqlite {

// See Catalog::duplicates. `existing` are the table's columns.
void find_sqlite_duplicates(const std::string& path, const std::string& table,
                            const std::set<std::string>& existing,
                            const DuplicatesRequest& request,
                            const std::function<bool(DuplicateGroup&)>& visit);

} // namespace hasher::catalog::sqlite
