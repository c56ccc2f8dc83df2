#include "sqlite_status.h"

#include <sqlite3.h>

namespace tocflow::store::internal {
namespace {

std::string Compose(std::string_view context, std::string_view sqlite_message,
                    std::string_view hint) {
  std::string out(context);
  out += ": ";
  out += sqlite_message;
  if (!hint.empty()) {
    out += " (";
    out += hint;
    out += ")";
  }
  return out;
}

}  // namespace

absl::Status StatusFromSqlite(int extended_code, std::string_view sqlite_message,
                              std::string_view context) {
  if (extended_code < 0) {  // SQLiteCpp's own misuse errors carry no SQLite code
    return absl::InternalError(Compose(context, sqlite_message, ""));
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (extended_code == SQLITE_CONSTRAINT_UNIQUE ||
          extended_code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(Compose(context, sqlite_message, ""));
      }
      return absl::AbortedError(Compose(context, sqlite_message, ""));
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(
          Compose(context, sqlite_message, "free disk space or raise the database size limit"));
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(Compose(context, sqlite_message, "out of memory"));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(Compose(
          context, sqlite_message, "another connection holds the database lock; retry later"));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return absl::UnavailableError(
          Compose(context, sqlite_message, "I/O error on the database file; check the disk"));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::FailedPreconditionError(Compose(
          context, sqlite_message, "the database cannot be written; check file permissions"));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(
          Compose(context, sqlite_message, "the file is damaged or not a tocflow database"));
    default:
      return absl::InternalError(Compose(context, sqlite_message, ""));
  }
}

absl::Status Prefixed(std::string_view prefix, const absl::Status& status) {
  if (status.ok()) return status;
  std::string message(prefix);
  message += ": ";
  message += std::string(status.message());
  return absl::Status(status.code(), message);
}

}  // namespace tocflow::store::internal
