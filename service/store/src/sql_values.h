// Small helpers for binding and reading column values with SQLiteCpp. Private to the store.
// They throw SQLite::Exception like SQLiteCpp itself; callers run inside Guarded().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "SQLiteCpp/Column.h"
#include "SQLiteCpp/Statement.h"
#include "absl/status/statusor.h"
#include "workflow/time.h"

namespace tocflow::store::internal {

// A value bound to a `?` of a query built at run time: an integer or a text. (A plain struct
// rather than std::variant, which trips GCC 12's -Wmaybe-uninitialized.)
struct SqlValue {
  SqlValue(int64_t n) : is_text(false), number(n) {}              // NOLINT: implicit by design
  SqlValue(std::string s) : is_text(true), text(std::move(s)) {}  // NOLINT
  bool is_text;
  int64_t number = 0;
  std::string text;
};

// Resets a cached statement (ignoring the previous run's error) and clears its bindings.
SQLite::Statement& Fresh(SQLite::Statement& statement);

void BindAll(SQLite::Statement& statement, const std::vector<SqlValue>& values);
void BindTime(SQLite::Statement& statement, int index, workflow::Timestamp t);
void BindOptionalTime(SQLite::Statement& statement, int index,
                      const std::optional<workflow::Timestamp>& t);
void BindBlob(SQLite::Statement& statement, int index, const std::string& bytes);
// Binds NULL for an empty string.
void BindTextOrNull(SQLite::Statement& statement, int index, const std::string& text);

workflow::Timestamp ReadTime(const SQLite::Column& column);
std::optional<workflow::Timestamp> ReadOptionalTime(const SQLite::Column& column);
std::optional<int64_t> ReadOptionalInt(const SQLite::Column& column);
// TEXT or BLOB as bytes; NULL as "".
std::string ReadString(const SQLite::Column& column);

// The enum named `name` (workflow::Parse), or DATA_LOSS naming the column when this build does
// not know the name.
template <typename E>
absl::StatusOr<E> ParseStored(std::string_view name, std::string_view column);

}  // namespace tocflow::store::internal
