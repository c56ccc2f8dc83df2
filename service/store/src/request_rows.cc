#include "request_rows.h"

#include "sql_values.h"

namespace tocflow::store::internal {

std::optional<StoredRequest> SelectRequest(StatementCache& cache, const std::string& request_id) {
  CachedQuery cached(cache,
                     "SELECT request_id, case_id, version, result, recorded_at "
                     "FROM requests WHERE request_id = ?");
  SQLite::Statement& query = *cached;
  query.bind(1, request_id);
  if (!query.executeStep()) return std::nullopt;
  return StoredRequest{ReadString(query.getColumn(0)), ReadString(query.getColumn(1)),
                       query.getColumn(2).getInt64(), ReadString(query.getColumn(3)),
                       ReadTime(query.getColumn(4))};
}

RequestRowWriter::RequestRowWriter(SQLite::Database& db)
    : exists_(db, "SELECT 1 FROM requests WHERE request_id = ?"),
      insert_(db,
              "INSERT INTO requests (request_id, case_id, version, result, recorded_at) "
              "VALUES (?, ?, ?, ?, ?)") {}

bool RequestRowWriter::Exists(const std::string& request_id) {
  Fresh(exists_).bind(1, request_id);
  const bool found = exists_.executeStep();
  exists_.tryReset();
  return found;
}

void RequestRowWriter::Insert(const std::string& case_id, int64_t version,
                              const RequestRecord& request) {
  SQLite::Statement& s = Fresh(insert_);
  s.bind(1, request.request_id);
  s.bind(2, case_id);
  s.bind(3, version);
  BindBlob(s, 4, request.result);
  BindTime(s, 5, request.recorded_at);
  s.exec();
}

}  // namespace tocflow::store::internal
