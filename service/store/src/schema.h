// The store's schema: numbered forward migrations applied in code. Private to the store.
//
// Migration N takes a database at user_version N-1 to N. Each runs in its own transaction that
// also sets `PRAGMA user_version = N`, so a crash leaves the file at a whole version. Never edit
// a released step: add a new one and raise kSchemaVersion (store/options.h).
#pragma once

#include <string>

#include "absl/status/status.h"

namespace SQLite {
class Database;
}

namespace tocflow::store::internal {

// `PRAGMA user_version` of an open database (0 for a new file). Throws SQLite::Exception.
int ReadSchemaVersion(SQLite::Database& db);

// FAILED_PRECONDITION when `found` is newer than this build's kSchemaVersion.
absl::Status CheckNotNewer(int found, const std::string& path);

// Applies the missing migrations up to kSchemaVersion. Throws SQLite::Exception; a failing step
// is rolled back and leaves the file at the previous version.
void MigrateToCurrent(SQLite::Database& db);
// The same, stopping at `version` (<= kSchemaVersion).
void MigrateTo(SQLite::Database& db, int version);

}  // namespace tocflow::store::internal
