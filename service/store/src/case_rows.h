// The `cases` table: one summary row per case. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "sql_values.h"
#include "statement_cache.h"
#include "store/records.h"

namespace tocflow::store::internal {

// "case_id, version, ..." in the order ReadCaseSummary expects, for SELECTs from `cases`.
extern const char* const kCaseColumns;

// The summary in the current row of `statement`, whose columns start with kCaseColumns.
CaseSummary ReadCaseSummary(const SQLite::Statement& statement);

// The first case matching `where` (an SQL condition with `?` for each of `values`), if any.
std::optional<CaseSummary> SelectCase(StatementCache& cache, const std::string& where,
                                      const std::vector<SqlValue>& values);

// The case's version, region states, parties and stored facts (StoredJourney without its
// deadlines), from one narrow read of its row; nullopt when there is no such case.
std::optional<StoredJourney> SelectStoredJourney(StatementCache& cache, const std::string& case_id);

// One stored column value as SQLite holds it: NULL, an integer or a text.
struct SqlCell {
  enum class Type { kNull, kInteger, kText };
  Type type = Type::kNull;
  int64_t number = 0;
  std::string text;
  friend bool operator==(const SqlCell&, const SqlCell&) = default;
};

// A stored `cases` row: one cell per column of kCaseColumns, in order.
struct CaseRow {
  std::vector<SqlCell> cells;
  int64_t version() const { return cells[1].number; }
};

// The row CaseRowWriter::Insert writes for `summary`.
CaseRow RowOf(const CaseSummary& summary);

// The writer's prepared statements for `cases`. Owned by the writer; one thread at a time.
// REQUIRES: `db` outlives this object.
class CaseRowWriter {
 public:
  explicit CaseRowWriter(SQLite::Database& db);

  // The stored row of the case; nullopt when it does not exist.
  std::optional<CaseRow> StoredRow(const std::string& case_id);
  // The case opened for that spell at that provider, if any.
  std::optional<std::string> CaseForSpell(const std::string& provider_ods,
                                          const std::string& spell_id);
  void Insert(const CaseSummary& summary);
  // Overwrites the row of summary.case_id; returns false when there is no such row.
  bool Update(const CaseSummary& summary);
  // Writes `summary` over `stored` (its row as read in this transaction), with next_deadline_at
  // set to the case's earliest pending deadline, assigning only the columns whose value changes:
  // SQLite then rewrites only the index entries of those columns (16 indexes cover `cases`).
  // The row ends up as Update followed by RefreshNextDeadline would leave it. `facts`, when
  // given, is written into the row by the same UPDATE (as FactsRowWriter::Put would).
  void UpdateChanged(const CaseRow& stored, const CaseSummary& summary,
                     const std::string* facts = nullptr);
  // Sets next_deadline_at to the case's earliest pending deadline (NULL when none).
  // False when there is no such case.
  bool RefreshNextDeadline(const std::string& case_id);

 private:
  SQLite::Database& db_;
  SQLite::Statement row_;
  SQLite::Statement by_spell_;
  SQLite::Statement insert_;
  SQLite::Statement update_;
  SQLite::Statement next_deadline_;
  SQLite::Statement earliest_deadline_;
  // UPDATE statements by the set of columns they assign (bit N: column N of kCaseColumns; bit
  // kFactsBit: the facts column).
  std::unordered_map<uint32_t, std::unique_ptr<SQLite::Statement>> partial_updates_;
};

}  // namespace tocflow::store::internal
