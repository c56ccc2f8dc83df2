// Prepared statements of one connection, compiled once per SQL text and reused: compiling a
// statement costs more than running most of the store's small queries. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"

namespace tocflow::store::internal {

// Not thread-safe: one per connection, used by the connection's one thread at a time.
// REQUIRES: `db` outlives the cache.
class StatementCache {
 public:
  explicit StatementCache(SQLite::Database& db) : db_(db) {}

  // The statement for `sql` (compiled on first use), reset and with its bindings cleared.
  // REQUIRES: the caller resets it when done (CachedQuery does), so that it does not hold the
  // connection's read snapshot open.
  SQLite::Statement& Get(const std::string& sql);

  // How many statements are compiled.
  size_t size() const { return statements_.size(); }
  // Finalizes every statement. REQUIRES: none is in use (no CachedQuery of this cache alive).
  void Clear() { statements_.clear(); }

 private:
  SQLite::Database& db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

// A cached statement for one use: reset again when it goes out of scope, also on an exception.
class CachedQuery {
 public:
  CachedQuery(StatementCache& cache, const std::string& sql) : statement_(cache.Get(sql)) {}
  ~CachedQuery() { statement_.tryReset(); }
  CachedQuery(const CachedQuery&) = delete;
  CachedQuery& operator=(const CachedQuery&) = delete;

  SQLite::Statement& operator*() { return statement_; }
  SQLite::Statement* operator->() { return &statement_; }

 private:
  SQLite::Statement& statement_;
};

}  // namespace tocflow::store::internal
