#pragma once
// A thin RAII layer over the SQLite C API: a connection and prepared statements with `$n`
// placeholders (the same SQL will serve PostgreSQL). Errors throw sqlite_error; the store turns
// them into statuses at its boundary.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hookflow::engine::store {

struct sqlite_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class statement {
 public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  /// Binds `text` without copying it (SQLITE_STATIC): it must stay alive and unchanged until
  /// the statement is reset (`exec`, `reset`) or the parameter bound again.
  statement& bind(int index, std::string_view text);
  statement& bind(int index, std::int64_t value);
  statement& bind_null(int index);

  /// Steps once: true when a row is available.
  bool step();
  /// Runs to completion, discarding rows, then resets for reuse.
  void exec();
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class connection {
 public:
  explicit connection(const std::string& path);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  void exec(std::string_view sql);
  /// A statement prepared once per connection and reused; `sql` must be a string literal (it
  /// is cached by address). The statement is reset when returned.
  statement& prepared(const char* sql);
  sqlite3* handle() const noexcept { return db_; }
  std::int64_t changes() const noexcept { return sqlite3_changes64(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<statement>> cache_;
};

}  // namespace hookflow::engine::store
