// The `facts` column of `cases` (schema 7; table `case_facts` in schemas 5-6): each case's facts
// as of its last event, encoded by the engine and opaque here, read by the reports instead of
// replaying every history. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <optional>
#include <string>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "statement_cache.h"

namespace tocflow::store::internal {

// The case's stored facts; nullopt when it has none (written before schema 5 and not rebuilt)
// or does not exist.
std::optional<std::string> SelectFacts(StatementCache& cache, const std::string& case_id);

// The writer's prepared statement for the facts column. One thread at a time.
// REQUIRES: `db` outlives this object.
class FactsRowWriter {
 public:
  explicit FactsRowWriter(SQLite::Database& db);

  // Replaces the case's facts (a column of its summary row); false when there is no such case.
  bool Put(const std::string& case_id, const std::string& facts);

 private:
  SQLite::Statement put_;
};

}  // namespace tocflow::store::internal
