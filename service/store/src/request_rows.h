// The `requests` table: the result of each command that carried a request id, so that a
// retried command is answered, not applied twice. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "statement_cache.h"
#include "store/records.h"

namespace tocflow::store::internal {

std::optional<StoredRequest> SelectRequest(StatementCache& cache, const std::string& request_id);

// The writer's prepared statement for `requests`. One thread at a time.
// REQUIRES: `db` outlives this object.
class RequestRowWriter {
 public:
  explicit RequestRowWriter(SQLite::Database& db);

  bool Exists(const std::string& request_id);
  // Throws a PRIMARY KEY constraint error when the request id is already recorded.
  void Insert(const std::string& case_id, int64_t version, const RequestRecord& request);

 private:
  SQLite::Statement exists_;
  SQLite::Statement insert_;
};

}  // namespace tocflow::store::internal
