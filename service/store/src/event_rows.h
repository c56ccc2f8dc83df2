// The `events` table: each case's append-only history, numbered by seq from 1. Private to the
// store. Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "statement_cache.h"
#include "store/records.h"

namespace tocflow::store::internal {

// A case's events in seq order.
std::vector<StoredEvent> SelectEvents(StatementCache& cache, const std::string& case_id);

// The writer's prepared statements for `events`. One thread at a time.
// REQUIRES: `db` outlives this object.
class EventRowWriter {
 public:
  explicit EventRowWriter(SQLite::Database& db);

  // The case's highest seq; 0 when it has no events.
  int64_t LastSeq(const std::string& case_id);
  void Append(const std::string& case_id, int64_t seq, const NewEvent& event);

 private:
  SQLite::Statement last_seq_;
  SQLite::Statement insert_;
};

}  // namespace tocflow::store::internal
