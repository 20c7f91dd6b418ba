#include <hasher/catalog/sqlite/sqlite_dupes.hpp>

#include <hasher/util/errors.hpp>

namespace hasher::catalog::sqlite {

void find_sqlite_duplicates(const std::string& path, const std::string&,
                            const std::set<std::string>&,
                            const DuplicatesRequest&,
                            const std::function<bool(DuplicateGroup&)>&) {
  throw util::FatalError(path + ": duplicate search is not written yet");
}

} // namespace hasher::catalog::sqlite
