#include "statement_cache.h"

#include "sql_values.h"

namespace tocflow::store::internal {

SQLite::Statement& StatementCache::Get(const std::string& sql) {
  std::unique_ptr<SQLite::Statement>& slot = statements_[sql];
  if (slot == nullptr) {
    try {
      slot = std::make_unique<SQLite::Statement>(db_, sql);
    } catch (...) {
      statements_.erase(sql);  // no empty slot left behind
      throw;
    }
  }
  return Fresh(*slot);
}

}  // namespace tocflow::store::internal
