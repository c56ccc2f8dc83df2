#include "store/migration.h"

#include "SQLiteCpp/Database.h"
#include "schema.h"
#include "sqlite_status.h"
#include "store/options.h"

namespace tocflow::store {

absl::Status MigrateSchema(const std::string& path, int version) {
  if (version < 1 || version > kSchemaVersion) {
    return absl::InvalidArgumentError("schema version must be 1.." +
                                      std::to_string(kSchemaVersion) + ", not " +
                                      std::to_string(version));
  }
  return internal::Guarded("migrating " + path, [&]() -> absl::Status {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    absl::Status newer = internal::CheckNotNewer(internal::ReadSchemaVersion(db), path);
    if (!newer.ok()) return newer;
    internal::MigrateTo(db, version);
    return absl::OkStatus();
  });
}

}  // namespace tocflow::store
