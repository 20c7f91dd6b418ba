#include <hasher/catalog/sqlite/sqlite_db.hpp>

#include <hasher/util/errors.hpp>

#include <sqlite3.h>

namespace hasher::catalog::sqlite {
namespace {

// How long a statement waits for another writer before failing.
constexpr int k_busy_timeout_ms = 60000;

[[noreturn]] void fail(sqlite3* db, const std::string& where) {
  throw util::FatalError(
      where + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// Before the first connection: SQLite's allocation statistics take a global
// mutex on every malloc, which two threads of lookups then fight over. A
// second call (after SQLite started) is refused and harmless.
void configure_sqlite_once() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

} // namespace

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt),
      m_where(std::move(other.m_where)) {
  other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_db = other.m_db;
    m_stmt = other.m_stmt;
    m_where = std::move(other.m_where);
    other.m_stmt = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
    fail(m_db, m_where);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(m_stmt, index, text.data(), text.size(),
                          SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK) {
    fail(m_db, m_where);
  }
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view text) {
  if (sqlite3_bind_text64(m_stmt, index, text.data(), text.size(),
                          SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK) {
    fail(m_db, m_where);
  }
  return *this;
}

Statement& Statement::bind_blob(int index,
                                std::span<const std::uint8_t> bytes) {
  if (sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(m_db, m_where);
  }
  return *this;
}

Statement& Statement::bind_blob_static(int index,
                                       std::span<const std::uint8_t> bytes) {
  if (sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(),
                          SQLITE_STATIC) != SQLITE_OK) {
    fail(m_db, m_where);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) fail(m_db, m_where);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string message = m_where + ": " + sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt);
  throw util::FatalError(message);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, column);
  int size = sqlite3_column_bytes(m_stmt, column);
  return text != nullptr ? std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(size))
                         : std::string();
}

std::string_view Statement::text_view(int column) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, column);
  int size = sqlite3_column_bytes(m_stmt, column);
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text),
                                            static_cast<std::size_t>(size))
                         : std::string_view();
}

util::Bytes Statement::blob(int column) const {
  const void* data = sqlite3_column_blob(m_stmt, column);
  int size = sqlite3_column_bytes(m_stmt, column);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  return data != nullptr ? util::Bytes(bytes, bytes + size) : util::Bytes();
}

Database::Database(const std::string& path, OpenMode mode) : m_path(path) {
  configure_sqlite_once();
  int flags = mode == OpenMode::read_only
                  ? SQLITE_OPEN_READONLY
                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string reason =
        m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw util::FatalError(path + ": cannot open catalog: " + reason);
  }
  sqlite3_busy_timeout(m_db, k_busy_timeout_ms);
  sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database() { sqlite3_close(m_db); }

void Database::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = m_path + ": " + (error != nullptr ? error : "error");
    sqlite3_free(error);
    throw util::FatalError(message);
  }
}

Statement Database::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &stmt,
                         nullptr) != SQLITE_OK) {
    fail(m_db, m_path);
  }
  return Statement(m_db, stmt, m_path);
}

void Database::begin() { exec("BEGIN IMMEDIATE"); }
void Database::commit() { exec("COMMIT"); }
void Database::rollback() noexcept {
  sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(m_db);
}

std::string quote_identifier(std::string_view name) {
  return "\"" + std::string(name) + "\"";
}

} // namespace hasher::catalog::sqlite
