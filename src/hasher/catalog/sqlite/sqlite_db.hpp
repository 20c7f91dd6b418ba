#pragma once

// A thin RAII layer over the SQLite C API: a connection and prepared
// statements whose failures throw util::FatalError naming the catalog file
// and SQLite's message. Busy databases are waited on (busy timeout) rather
// than failed. Not thread-safe: one connection per thread.

#include <hasher/util/encoding.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hasher::catalog::sqlite {

class Statement {
public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string where)
      : m_db(db), m_stmt(stmt), m_where(std::move(where)) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  // Binds without copying: `text` must stay alive and unchanged until the
  // statement is reset.
  Statement& bind_static(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  // As bind_static, for bytes.
  Statement& bind_blob_static(int index, std::span<const std::uint8_t> bytes);
  Statement& bind_null(int index);

  // Runs one step: true when a row is ready, false when done.
  bool step();
  // Runs to completion, then resets.
  void run();
  // Ready for new bindings and steps.
  void reset();

  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] std::string text(int column) const;
  // The column's text without a copy, valid until the next step or reset.
  [[nodiscard]] std::string_view text_view(int column) const;
  [[nodiscard]] util::Bytes blob(int column) const;

private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
  std::string m_where;
};

enum class OpenMode { read_write_create, read_only };

class Database {
public:
  // Opens (or creates) the file. Throws util::FatalError
  // "<path>: cannot open catalog: <reason>".
  Database(const std::string& path, OpenMode mode);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without results.
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);

  // BEGIN IMMEDIATE (waiting while busy) / COMMIT / ROLLBACK.
  void begin();
  void commit();
  void rollback() noexcept;

  [[nodiscard]] std::int64_t last_insert_id() const;
  [[nodiscard]] const std::string& path() const { return m_path; }
  [[nodiscard]] sqlite3* handle() const { return m_db; }

private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

// "col" → "\"col\"": for identifiers already checked to be plain.
std::string quote_identifier(std::string_view name);

} // namespace hasher::catalog::sqlite
