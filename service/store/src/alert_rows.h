// The alert outbox: `alerts` (row id = the global cursor), `alert_recipients` (one row per role
// and party an alert is for) and `alert_acks`. Private to the store.
// Everything here throws SQLite::Exception; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "absl/status/statusor.h"
#include "statement_cache.h"
#include "store/filters.h"
#include "store/records.h"

namespace tocflow::store::internal {

// Alerts with id > `after` matching `filter`, in id order, at most `limit` (already capped).
// DATA_LOSS when a stored kind, severity or role is unknown to this build.
// REQUIRES: run inside one read transaction so the alerts and their recipients agree.
absl::StatusOr<std::vector<StoredAlert>> SelectAlertsAfter(SQLite::Database& db, int64_t after,
                                                           const AlertFilter& filter, int limit);

// How many alerts case `case_id` has (0 for an unknown case); reads index alerts_by_case only.
int64_t CountCaseAlerts(StatementCache& cache, const std::string& case_id);

// The highest alert id; 0 when there are none.
int64_t SelectLastAlertCursor(SQLite::Database& db);

// The writer's prepared statements for the outbox. One thread at a time.
// REQUIRES: `db` outlives this object.
class AlertRowWriter {
 public:
  explicit AlertRowWriter(SQLite::Database& db);

  // Inserts the alert and its recipients; returns its cursor.
  int64_t Insert(const std::string& case_id, const workflow::Alert& alert, const AlertScope& scope);
  // Records the acknowledgement unless one exists; returns the stored one, or nullopt when
  // there is no such alert.
  std::optional<AlertAck> Ack(int64_t cursor, const std::string& acked_by, Timestamp at);

 private:
  SQLite::Database& db_;
  SQLite::Statement insert_;
  SQLite::Statement insert_recipient_;
  SQLite::Statement exists_;
  SQLite::Statement insert_ack_;
  SQLite::Statement select_ack_;
};

}  // namespace tocflow::store::internal
