#include "deadline_rows.h"

#include "sql_values.h"

namespace tocflow::store::internal {
namespace {

absl::StatusOr<std::vector<PendingDeadline>> ReadDeadlines(SQLite::Statement& query) {
  std::vector<PendingDeadline> deadlines;
  while (query.executeStep()) {
    absl::StatusOr<workflow::DeadlineKind> kind =
        ParseStored<workflow::DeadlineKind>(ReadString(query.getColumn(1)), "deadlines.kind");
    if (!kind.ok()) return kind.status();
    deadlines.push_back({ReadString(query.getColumn(0)), *kind, ReadTime(query.getColumn(2))});
  }
  return deadlines;
}

}  // namespace

absl::StatusOr<std::vector<PendingDeadline>> SelectDueDeadlines(StatementCache& cache,
                                                                Timestamp until, int limit) {
  CachedQuery cached(cache,
                     "SELECT case_id, kind, due_at FROM deadlines WHERE due_at <= ? "
                     "ORDER BY due_at, case_id, kind LIMIT ?");
  SQLite::Statement& query = *cached;
  BindTime(query, 1, until);
  query.bind(2, limit);
  return ReadDeadlines(query);
}

absl::StatusOr<std::vector<PendingDeadline>> SelectCaseDeadlines(StatementCache& cache,
                                                                 const std::string& case_id) {
  CachedQuery cached(cache,
                     "SELECT case_id, kind, due_at FROM deadlines WHERE case_id = ? "
                     "ORDER BY due_at, kind");
  SQLite::Statement& query = *cached;
  query.bind(1, case_id);
  return ReadDeadlines(query);
}

absl::StatusOr<std::map<std::string, PendingDeadline>> SelectNextDeadlines(
    StatementCache& cache, const std::vector<std::string>& case_ids) {
  std::map<std::string, PendingDeadline> next;
  if (case_ids.empty()) return next;
  size_t placeholders = 8;
  while (placeholders < case_ids.size()) placeholders *= 2;
  std::string sql = "SELECT case_id, kind, due_at FROM deadlines WHERE case_id IN (";
  for (size_t i = 0; i < placeholders; ++i) sql += i == 0 ? "?" : ", ?";
  sql += ") ORDER BY case_id, due_at, kind";
  CachedQuery cached(cache, sql);  // placeholders left unbound are NULL: they match nothing
  SQLite::Statement& query = *cached;
  for (size_t i = 0; i < case_ids.size(); ++i) query.bind(static_cast<int>(i + 1), case_ids[i]);
  absl::StatusOr<std::vector<PendingDeadline>> all = ReadDeadlines(query);
  if (!all.ok()) return all.status();
  for (PendingDeadline& deadline : *all) next.try_emplace(deadline.case_id, std::move(deadline));
  return next;
}

int64_t CountDeadlines(SQLite::Database& db) {
  return db.execAndGet("SELECT COUNT(*) FROM deadlines").getInt64();
}

DeadlineRowWriter::DeadlineRowWriter(SQLite::Database& db)
    : upsert_(db,
              "INSERT INTO deadlines (case_id, kind, due_at) VALUES (?, ?, ?) "
              "ON CONFLICT (case_id, kind) DO UPDATE SET due_at = excluded.due_at"),
      delete_(db, "DELETE FROM deadlines WHERE case_id = ? AND kind = ?"),
      delete_all_(db, "DELETE FROM deadlines WHERE case_id = ?") {}

void DeadlineRowWriter::Set(const std::string& case_id, const workflow::DeadlineSet& deadline) {
  SQLite::Statement& s = Fresh(upsert_);
  s.bind(1, case_id);
  s.bind(2, std::string(workflow::Name(deadline.kind)));
  BindTime(s, 3, deadline.due);
  s.exec();
}

void DeadlineRowWriter::RemoveAll(const std::string& case_id) {
  SQLite::Statement& s = Fresh(delete_all_);
  s.bind(1, case_id);
  s.exec();
}

void DeadlineRowWriter::Remove(const std::string& case_id, workflow::DeadlineKind kind) {
  SQLite::Statement& s = Fresh(delete_);
  s.bind(1, case_id);
  s.bind(2, std::string(workflow::Name(kind)));
  s.exec();
}

}  // namespace tocflow::store::internal
