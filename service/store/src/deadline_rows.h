// The `deadlines` table: at most one pending deadline per (case, kind). Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "absl/status/statusor.h"
#include "statement_cache.h"
#include "store/records.h"

namespace tocflow::store::internal {

// Deadlines due at or before `until`, ordered by due time, case id, kind; at most `limit`.
// DATA_LOSS when a stored kind is unknown to this build. (Statements from `cache`, as below:
// the scheduler asks after every command.)
absl::StatusOr<std::vector<PendingDeadline>> SelectDueDeadlines(StatementCache& cache,
                                                                Timestamp until, int limit);
// One case's deadlines, soonest first.
absl::StatusOr<std::vector<PendingDeadline>> SelectCaseDeadlines(StatementCache& cache,
                                                                 const std::string& case_id);
// The soonest pending deadline of each of `case_ids` that has one (at most kMaxPageSize ids).
// Its statement comes from `cache`: the IN list is padded to a power of two (at least 8) with
// NULLs, so that a few statements serve every page size.
absl::StatusOr<std::map<std::string, PendingDeadline>> SelectNextDeadlines(
    StatementCache& cache, const std::vector<std::string>& case_ids);

int64_t CountDeadlines(SQLite::Database& db);

// The writer's prepared statements for `deadlines`. One thread at a time.
// REQUIRES: `db` outlives this object.
class DeadlineRowWriter {
 public:
  explicit DeadlineRowWriter(SQLite::Database& db);

  // Sets the case's deadline of that kind, replacing a pending one.
  void Set(const std::string& case_id, const workflow::DeadlineSet& deadline);
  // Removes the case's deadline of that kind, if any.
  void Remove(const std::string& case_id, workflow::DeadlineKind kind);
  // Removes every deadline of the case.
  void RemoveAll(const std::string& case_id);

 private:
  SQLite::Statement upsert_;
  SQLite::Statement delete_;
  SQLite::Statement delete_all_;
};

}  // namespace tocflow::store::internal
