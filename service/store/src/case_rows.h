// The `cases` table: one summary row per case. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "sql_values.h"
#include "store/records.h"

namespace tocflow::store::internal {

// "case_id, version, ..." in the order ReadCaseSummary expects, for SELECTs from `cases`.
extern const char* const kCaseColumns;

// The summary in the current row of `statement`, whose columns start with kCaseColumns.
CaseSummary ReadCaseSummary(const SQLite::Statement& statement);

// The first case matching `where` (an SQL condition with `?` for each of `values`), if any.
std::optional<CaseSummary> SelectCase(SQLite::Database& db, const std::string& where,
                                      const std::vector<SqlValue>& values);

// The writer's prepared statements for `cases`. Owned by the writer; one thread at a time.
// REQUIRES: `db` outlives this object.
class CaseRowWriter {
 public:
  explicit CaseRowWriter(SQLite::Database& db);

  // The stored version of the case; nullopt when it does not exist.
  std::optional<int64_t> StoredVersion(const std::string& case_id);
  // The case opened for that spell at that provider, if any.
  std::optional<std::string> CaseForSpell(const std::string& provider_ods,
                                          const std::string& spell_id);
  void Insert(const CaseSummary& summary);
  // Overwrites the row of summary.case_id; returns false when there is no such row.
  bool Update(const CaseSummary& summary);
  // Sets next_deadline_at to the case's earliest pending deadline (NULL when none).
  void RefreshNextDeadline(const std::string& case_id);

 private:
  SQLite::Statement version_;
  SQLite::Statement by_spell_;
  SQLite::Statement insert_;
  SQLite::Statement update_;
  SQLite::Statement next_deadline_;
};

}  // namespace tocflow::store::internal
