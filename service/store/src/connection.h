// Opening SQLite connections with the store's settings. Private to the store.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "store/options.h"

namespace SQLite {
class Database;
}

namespace tocflow::store::internal {

// Opens (creating when missing) the writer connection: refuses a newer schema before touching
// the file's settings, then WAL, synchronous, foreign keys, busy timeout, max_page_count, and
// migrates the schema. Throws SQLite::Exception; returns the refusal as a status.
absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenWriterConnection(const std::string& path,
                                                                       const StoreOptions& options);

// Opens a read connection (query_only, foreign keys on, busy timeout) to an existing file at
// this build's schema version. Throws SQLite::Exception; returns a version mismatch as
// FAILED_PRECONDITION.
absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenReaderConnection(const std::string& path,
                                                                       const StoreOptions& options);

// The pragmas in effect on `db`. Throws SQLite::Exception.
ConnectionSettings ReadSettings(SQLite::Database& db);

}  // namespace tocflow::store::internal
