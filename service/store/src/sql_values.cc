#include "sql_values.h"

#include "workflow/alert_kind.h"
#include "workflow/codes.h"
#include "workflow/deadline_kind.h"

namespace tocflow::store::internal {

SQLite::Statement& Fresh(SQLite::Statement& statement) {
  statement.tryReset();
  statement.clearBindings();
  return statement;
}

void BindAll(SQLite::Statement& statement, const std::vector<SqlValue>& values) {
  int index = 1;
  for (const SqlValue& value : values) {
    if (value.is_text) {
      statement.bind(index, value.text);
    } else {
      statement.bind(index, value.number);
    }
    ++index;
  }
}

void BindTime(SQLite::Statement& statement, int index, workflow::Timestamp t) {
  statement.bind(index, static_cast<int64_t>(workflow::ToUnixSeconds(t)));
}

void BindOptionalTime(SQLite::Statement& statement, int index,
                      const std::optional<workflow::Timestamp>& t) {
  if (t.has_value()) {
    BindTime(statement, index, *t);
  } else {
    statement.bind(index);
  }
}

void BindBlob(SQLite::Statement& statement, int index, const std::string& bytes) {
  statement.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

void BindTextOrNull(SQLite::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind(index);
  } else {
    statement.bind(index, text);
  }
}

workflow::Timestamp ReadTime(const SQLite::Column& column) {
  return workflow::FromUnixSeconds(column.getInt64());
}

std::optional<workflow::Timestamp> ReadOptionalTime(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return ReadTime(column);
}

std::optional<int64_t> ReadOptionalInt(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

std::string ReadString(const SQLite::Column& column) {
  if (column.isNull()) return std::string();
  return column.getString();
}

template <typename E>
absl::StatusOr<E> ParseStored(std::string_view name, std::string_view column) {
  std::optional<E> value = workflow::Parse<E>(name);
  if (!value.has_value()) {
    return absl::DataLossError("unknown value '" + std::string(name) + "' in column " +
                               std::string(column) + " (written by a different tocflowd?)");
  }
  return *value;
}

template absl::StatusOr<workflow::AlertKind> ParseStored(std::string_view, std::string_view);
template absl::StatusOr<workflow::Severity> ParseStored(std::string_view, std::string_view);
template absl::StatusOr<workflow::Role> ParseStored(std::string_view, std::string_view);
template absl::StatusOr<workflow::DeadlineKind> ParseStored(std::string_view, std::string_view);

}  // namespace tocflow::store::internal
