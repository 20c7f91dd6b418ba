#pragma once

#include <hasher/catalog/catalog.hpp>

namespace hasher::catalog::sqlite {

// Opens the SQLite catalog at `path` (created with its directory when
// missing) with table `table` (already checked to be a plain identifier).
// See catalog.hpp for the contract.
std::unique_ptr<Catalog> open_sqlite_catalog(const std::string& path,
                                             const std::string& table);

} // namespace hasher::catalog::sqlite
