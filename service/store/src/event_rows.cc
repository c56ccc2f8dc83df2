#include "event_rows.h"

#include "sql_values.h"

namespace tocflow::store::internal {

std::vector<StoredEvent> SelectEvents(StatementCache& cache, const std::string& case_id) {
  CachedQuery cached(cache,
                     "SELECT seq, type, payload, actor, occurred_at, recorded_at, "
                     "request_id FROM events WHERE case_id = ? ORDER BY seq");
  SQLite::Statement& query = *cached;
  query.bind(1, case_id);
  std::vector<StoredEvent> events;
  while (query.executeStep()) {
    StoredEvent& e = events.emplace_back();
    e.seq = query.getColumn(0).getInt64();
    e.event.type = ReadString(query.getColumn(1));
    e.event.payload = ReadString(query.getColumn(2));
    e.event.actor = ReadString(query.getColumn(3));
    e.event.occurred_at = ReadTime(query.getColumn(4));
    e.event.recorded_at = ReadTime(query.getColumn(5));
    e.event.request_id = ReadString(query.getColumn(6));
  }
  return events;
}

EventRowWriter::EventRowWriter(SQLite::Database& db)
    : last_seq_(db, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE case_id = ?"),
      insert_(db,
              "INSERT INTO events (case_id, seq, type, payload, actor, occurred_at, "
              "recorded_at, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") {}

int64_t EventRowWriter::LastSeq(const std::string& case_id) {
  Fresh(last_seq_).bind(1, case_id);
  last_seq_.executeStep();
  const int64_t seq = last_seq_.getColumn(0).getInt64();
  last_seq_.tryReset();
  return seq;
}

void EventRowWriter::Append(const std::string& case_id, int64_t seq, const NewEvent& event) {
  SQLite::Statement& s = Fresh(insert_);
  s.bind(1, case_id);
  s.bind(2, seq);
  s.bind(3, event.type);
  BindBlob(s, 4, event.payload);
  s.bind(5, event.actor);
  BindTime(s, 6, event.occurred_at);
  BindTime(s, 7, event.recorded_at);
  BindTextOrNull(s, 8, event.request_id);
  s.exec();
}

}  // namespace tocflow::store::internal
