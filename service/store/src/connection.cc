#include "connection.h"

#include <string_view>

#include "SQLiteCpp/Database.h"
#include "schema.h"
#include "wal_write_gathering.h"

namespace tocflow::store::internal {
namespace {

int BusyTimeoutMs(const StoreOptions& options) {
  return static_cast<int>(options.busy_timeout.count());
}

}  // namespace

absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenWriterConnection(
    const std::string& path, const StoreOptions& options) {
  // The gathering VFS is only safe when every commit syncs the WAL (wal_write_gathering.h).
  const char* vfs = options.gather_wal_writes && options.synchronous == Synchronous::kFull
                        ? WalWriteGatheringVfs()
                        : nullptr;
  auto db = std::make_unique<SQLite::Database>(
      path.c_str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
      BusyTimeoutMs(options), vfs);
  absl::Status newer = CheckNotNewer(ReadSchemaVersion(*db), path);
  if (!newer.ok()) return newer;

  const std::string mode = db->execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") {
    return absl::FailedPreconditionError("database " + path +
                                         " cannot use write-ahead logging (journal mode is '" +
                                         mode + "'); put it on a local file system");
  }
  // Pragmas take no bound parameters; only fixed strings are pasted in here.
  db->exec(options.synchronous == Synchronous::kFull ? "PRAGMA synchronous = FULL"
                                                     : "PRAGMA synchronous = NORMAL");
  db->exec("PRAGMA foreign_keys = ON");
  if (options.writer_cache_mib > 0) {
    // Negative: a size in KiB rather than in pages.
    db->exec("PRAGMA cache_size = -" + std::to_string(int64_t{options.writer_cache_mib} * 1024));
  }
  if (options.max_page_count.has_value()) {
    db->execAndGet("PRAGMA max_page_count = " + std::to_string(*options.max_page_count));
  }
  MigrateToCurrent(*db);
  return db;
}

absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenReaderConnection(
    const std::string& path, const StoreOptions& options) {
  // Read-write without CREATE: a missing file is an error, and WAL readers may need to write
  // the shared-memory index; query_only keeps this connection from changing the database.
  auto db = std::make_unique<SQLite::Database>(
      path, SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX, BusyTimeoutMs(options));
  const int version = ReadSchemaVersion(*db);
  if (version != kSchemaVersion) {
    absl::Status newer = CheckNotNewer(version, path);
    if (!newer.ok()) return newer;
    return absl::FailedPreconditionError(
        "database " + path + " is at schema " + std::to_string(version) + ", this build needs " +
        std::to_string(kSchemaVersion) + "; open it with the writer (Store::Open) first");
  }
  db->exec("PRAGMA query_only = ON");
  db->exec("PRAGMA foreign_keys = ON");
  return db;
}

ConnectionSettings ReadSettings(SQLite::Database& db) {
  ConnectionSettings settings;
  settings.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
  constexpr const char* kSynchronousNames[] = {"off", "normal", "full", "extra"};
  const int level = db.execAndGet("PRAGMA synchronous").getInt();
  settings.synchronous = level >= 0 && level < 4 ? kSynchronousNames[level] : "unknown";
  settings.foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt() != 0;
  settings.schema_version = ReadSchemaVersion(db);
  settings.busy_timeout = std::chrono::milliseconds(db.execAndGet("PRAGMA busy_timeout").getInt());
  // Negative: KiB; positive: pages.
  const int64_t cache = db.execAndGet("PRAGMA cache_size").getInt64();
  const int64_t page_size = db.execAndGet("PRAGMA page_size").getInt64();
  settings.cache_kib = cache < 0 ? -cache : cache * page_size / 1024;
  return settings;
}

}  // namespace tocflow::store::internal

namespace tocflow::store {

std::string_view Name(Synchronous s) { return s == Synchronous::kFull ? "full" : "normal"; }

}  // namespace tocflow::store
