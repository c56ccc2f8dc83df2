#include "alert_rows.h"

#include <map>

#include "sql_values.h"
#include "workflow/alert_kind.h"
#include "workflow/codes.h"

namespace tocflow::store::internal {
namespace {

void AddEquals(const std::optional<std::string>& value, const char* column,
               std::vector<std::string>& where, std::vector<SqlValue>& values) {
  if (!value.has_value()) return;
  where.push_back(std::string(column) + " = ?");
  values.push_back(*value);
}

// Fills in the recipients of `alerts` (ids ascending) with one range query.
absl::Status ReadRecipients(SQLite::Database& db, std::vector<StoredAlert>& alerts) {
  if (alerts.empty()) return absl::OkStatus();
  std::map<int64_t, StoredAlert*> by_id;
  for (StoredAlert& a : alerts) by_id[a.cursor] = &a;
  SQLite::Statement query(db,
                          "SELECT alert_id, role, party FROM alert_recipients "
                          "WHERE alert_id BETWEEN ? AND ? ORDER BY alert_id, ord");
  query.bind(1, alerts.front().cursor);
  query.bind(2, alerts.back().cursor);
  while (query.executeStep()) {
    auto it = by_id.find(query.getColumn(0).getInt64());
    if (it == by_id.end()) continue;  // an alert in the range the filter left out
    absl::StatusOr<workflow::Role> role =
        ParseStored<workflow::Role>(ReadString(query.getColumn(1)), "alert_recipients.role");
    if (!role.ok()) return role.status();
    it->second->alert.recipients.push_back({*role, ReadString(query.getColumn(2))});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<StoredAlert>> SelectAlertsAfter(SQLite::Database& db, int64_t after,
                                                           const AlertFilter& filter, int limit) {
  std::vector<std::string> where = {"a.id > ?"};
  std::vector<SqlValue> values = {after};
  AddEquals(filter.case_id, "a.case_id", where, values);
  AddEquals(filter.provider_ods, "a.provider_ods", where, values);
  AddEquals(filter.ward, "a.ward", where, values);
  AddEquals(filter.local_authority, "a.local_authority", where, values);
  AddEquals(filter.icb, "a.icb", where, values);
  if (!filter.roles.empty()) {
    std::string in;
    for (workflow::Role role : filter.roles) {
      in += in.empty() ? "?" : ", ?";
      values.push_back(std::string(workflow::Name(role)));
    }
    where.push_back(
        "EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.role IN (" + in +
        "))");
  }
  if (filter.party.has_value()) {
    where.push_back(
        "EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.party = ?)");
    values.push_back(*filter.party);
  }
  if (filter.ack == AckState::kAcknowledged) where.push_back("k.alert_id IS NOT NULL");
  if (filter.ack == AckState::kUnacknowledged) where.push_back("k.alert_id IS NULL");

  std::string sql =
      "SELECT a.id, a.case_id, a.kind, a.severity, a.message, a.raised_at, a.due_at, "
      "a.pence_per_day, a.provider_ods, a.ward, a.local_authority, a.icb, k.acked_by, "
      "k.acked_at FROM alerts a LEFT JOIN alert_acks k ON k.alert_id = a.id";
  for (size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql += " ORDER BY a.id LIMIT ?";
  values.push_back(static_cast<int64_t>(limit));

  SQLite::Statement query(db, sql);
  BindAll(query, values);
  std::vector<StoredAlert> alerts;
  while (query.executeStep()) {
    StoredAlert& s = alerts.emplace_back();
    s.cursor = query.getColumn(0).getInt64();
    s.case_id = ReadString(query.getColumn(1));
    absl::StatusOr<workflow::AlertKind> kind =
        ParseStored<workflow::AlertKind>(ReadString(query.getColumn(2)), "alerts.kind");
    if (!kind.ok()) return kind.status();
    absl::StatusOr<workflow::Severity> severity =
        ParseStored<workflow::Severity>(ReadString(query.getColumn(3)), "alerts.severity");
    if (!severity.ok()) return severity.status();
    s.alert.kind = *kind;
    s.alert.severity = *severity;
    s.alert.message = ReadString(query.getColumn(4));
    s.alert.raised_at = ReadTime(query.getColumn(5));
    s.alert.due = ReadOptionalTime(query.getColumn(6));
    s.alert.pence_per_day = ReadOptionalInt(query.getColumn(7));
    s.scope = {ReadString(query.getColumn(8)), ReadString(query.getColumn(9)),
               ReadString(query.getColumn(10)), ReadString(query.getColumn(11))};
    if (!query.getColumn(12).isNull()) {
      s.ack = AlertAck{ReadString(query.getColumn(12)), ReadTime(query.getColumn(13))};
    }
  }
  absl::Status recipients = ReadRecipients(db, alerts);
  if (!recipients.ok()) return recipients;
  return alerts;
}

int64_t CountCaseAlerts(StatementCache& cache, const std::string& case_id) {
  CachedQuery query(cache, "SELECT COUNT(*) FROM alerts WHERE case_id = ?");
  query->bind(1, case_id);
  query->executeStep();
  return query->getColumn(0).getInt64();
}

int64_t SelectLastAlertCursor(SQLite::Database& db) {
  return db.execAndGet("SELECT COALESCE(MAX(id), 0) FROM alerts").getInt64();
}

AlertRowWriter::AlertRowWriter(SQLite::Database& db)
    : db_(db),
      insert_(db,
              "INSERT INTO alerts (case_id, kind, severity, message, raised_at, due_at, "
              "pence_per_day, provider_ods, ward, local_authority, icb) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      insert_recipient_(db,
                        "INSERT INTO alert_recipients (alert_id, ord, role, party) "
                        "VALUES (?, ?, ?, ?)"),
      exists_(db, "SELECT 1 FROM alerts WHERE id = ?"),
      insert_ack_(db,
                  "INSERT INTO alert_acks (alert_id, acked_by, acked_at) VALUES (?, ?, ?) "
                  "ON CONFLICT (alert_id) DO NOTHING"),
      select_ack_(db, "SELECT acked_by, acked_at FROM alert_acks WHERE alert_id = ?") {}

int64_t AlertRowWriter::Insert(const std::string& case_id, const workflow::Alert& alert,
                               const AlertScope& scope) {
  SQLite::Statement& s = Fresh(insert_);
  s.bind(1, case_id);
  s.bind(2, std::string(workflow::Name(alert.kind)));
  s.bind(3, std::string(workflow::Name(alert.severity)));
  s.bind(4, alert.message);
  BindTime(s, 5, alert.raised_at);
  BindOptionalTime(s, 6, alert.due);
  if (alert.pence_per_day.has_value()) {
    s.bind(7, static_cast<int64_t>(*alert.pence_per_day));
  } else {
    s.bind(7);
  }
  s.bind(8, scope.provider_ods);
  s.bind(9, scope.ward);
  s.bind(10, scope.local_authority);
  s.bind(11, scope.icb);
  s.exec();
  const int64_t cursor = db_.getLastInsertRowid();
  int64_t ord = 0;
  for (const workflow::AlertRecipient& recipient : alert.recipients) {
    SQLite::Statement& r = Fresh(insert_recipient_);
    r.bind(1, cursor);
    r.bind(2, ord++);
    r.bind(3, std::string(workflow::Name(recipient.role)));
    r.bind(4, recipient.party);
    r.exec();
  }
  return cursor;
}

std::optional<AlertAck> AlertRowWriter::Ack(int64_t cursor, const std::string& acked_by,
                                            Timestamp at) {
  Fresh(exists_).bind(1, cursor);
  const bool exists = exists_.executeStep();
  exists_.tryReset();
  if (!exists) return std::nullopt;
  SQLite::Statement& insert = Fresh(insert_ack_);
  insert.bind(1, cursor);
  insert.bind(2, acked_by);
  BindTime(insert, 3, at);
  insert.exec();
  Fresh(select_ack_).bind(1, cursor);
  select_ack_.executeStep();
  AlertAck ack{ReadString(select_ack_.getColumn(0)), ReadTime(select_ack_.getColumn(1))};
  select_ack_.tryReset();
  return ack;
}

}  // namespace tocflow::store::internal
