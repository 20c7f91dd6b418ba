#include <hasher/catalog/catalog.hpp>

#include <hasher/catalog/sqlite/sqlite_catalog.hpp>

#include <cstdlib>

namespace hasher::catalog {

std::string_view to_string(RunState state) {
  switch (state) {
  case RunState::running:
    return "running";
  case RunState::interrupted:
    return "interrupted";
  case RunState::complete:
    return "complete";
  case RunState::failed:
    return "failed";
  }
  return "failed";
}

std::string_view to_string(VerifyResult result) {
  switch (result) {
  case VerifyResult::ok:
    return "ok";
  case VerifyResult::mismatch:
    return "mismatch";
  case VerifyResult::missing:
    return "missing";
  case VerifyResult::changed:
    return "changed";
  case VerifyResult::failed:
    return "failed";
  }
  return "failed";
}

bool is_plain_identifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (!alpha(name[0])) return false;
  for (char c : name) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string default_catalog_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  std::string base;
  if (data_home != nullptr && *data_home == '/') {
    base = data_home;
  } else {
    const char* home = std::getenv("HOME");
    base = std::string(home != nullptr ? home : ".") + "/.local/share";
  }
  return base + "/hasher/catalog.db";
}

std::unique_ptr<Catalog> open_catalog(const std::string& db_string,
                                      const std::string& table) {
  if (!is_plain_identifier(table)) {
    throw util::UsageError("database.table_name: '" + table +
                           "' is not a plain identifier");
  }
  // One row per scheme; PostgreSQL joins here.
  std::string_view text = db_string;
  if (text.rfind("sqlite://", 0) == 0) {
    text.remove_prefix(9);
  } else if (text.rfind("postgresql://", 0) == 0 ||
             text.rfind("postgres://", 0) == 0) {
    throw util::UsageError("database.db_string: PostgreSQL catalogs are not "
                           "supported yet");
  } else if (text.find("://") != std::string_view::npos) {
    throw util::UsageError("database.db_string: unknown scheme in '" +
                           db_string + "'");
  }
  std::string path = text.empty() ? default_catalog_path() : std::string(text);
  return sqlite::open_sqlite_catalog(path, table);
}

} // namespace hasher::catalog
