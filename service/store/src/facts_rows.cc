#include "facts_rows.h"

#include "sql_values.h"

namespace tocflow::store::internal {

std::optional<std::string> SelectFacts(StatementCache& cache, const std::string& case_id) {
  CachedQuery cached(cache, "SELECT facts FROM cases WHERE case_id = ?");
  SQLite::Statement& query = *cached;
  query.bind(1, case_id);
  if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
  return ReadString(query.getColumn(0));
}

FactsRowWriter::FactsRowWriter(SQLite::Database& db)
    : put_(db, "UPDATE cases SET facts = ?2 WHERE case_id = ?1") {}

bool FactsRowWriter::Put(const std::string& case_id, const std::string& facts) {
  SQLite::Statement& s = Fresh(put_);
  s.bind(1, case_id);
  BindBlob(s, 2, facts);
  return s.exec() == 1;
}

}  // namespace tocflow::store::internal
