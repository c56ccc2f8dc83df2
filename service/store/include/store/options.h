// How the store opens its SQLite file, and the schema version this build writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tocflow::store {

// The schema version (`PRAGMA user_version`) this build creates and migrates to. A file with a
// higher version was made by a newer tocflowd and is refused.
inline constexpr int kSchemaVersion = 7;

// SQLite's `synchronous` setting for the writer connection (the store always runs in WAL mode).
enum class Synchronous {
  // fsync on every commit: a commit that returned is durable against power loss. The default.
  kFull,
  // no fsync per commit in WAL mode: survives a process crash but may lose the last commits on
  // power loss. Faster; for benchmarks and throw-away databases.
  kNormal,
};

// "full" or "normal".
std::string_view Name(Synchronous s);

struct StoreOptions {
  Synchronous synchronous = Synchronous::kFull;
  // How long a connection waits for a lock held by another connection before giving up with
  // UNAVAILABLE. Readers in WAL mode never wait for the writer; this covers checkpoints and a
  // second process opening the same file.
  std::chrono::milliseconds busy_timeout{5000};
  // WAL pages after which the store copies the WAL into the database file, mostly on a thread
  // of its own so that no commit stalls for the whole copy (see the store's Checkpointer).
  // 0 leaves it to SQLite's auto-checkpoint: the commit that takes the WAL past 1,000 pages
  // copies and syncs them all itself while its group waits.
  int background_checkpoint_pages = 1000;
  // Called when copying the WAL into the database file fails (with the error; again only when
  // the error changes), and with OK when a copy works again after failures. Until then the WAL
  // keeps growing. Runs on the store's checkpoint thread or its writer's: must be quick and must
  // not call the store. Empty: nothing is called (Store::BackgroundCheckpoints still says).
  std::function<void(const absl::Status&)> on_checkpoint_error;
  // The writer connection's page cache (`PRAGMA cache_size`), in MiB; 0 keeps SQLite's default
  // (2 MiB). A transaction that dirties more pages than fit spills them to the WAL before it
  // commits and reads them back: bulk loads (HistoryImporter) want a large one.
  int writer_cache_mib = 0;
  // At synchronous=FULL, the writer's writes to the WAL between two syncs are gathered into one
  // system call instead of two per page (SQLite's way). False: SQLite's way, for comparison.
  bool gather_wal_writes = true;
  // When set, caps the database size (`PRAGMA max_page_count`) so that tests can exercise the
  // disk-full path: commits past the cap fail with RESOURCE_EXHAUSTED.
  std::optional<int64_t> max_page_count;
};

// What the store's checkpoints did (StoreOptions::background_checkpoint_pages).
struct CheckpointProgress {
  int64_t thread_copies = 0;  // copies by the store's checkpoint thread
  int64_t writer_copies = 0;  // final copies by the writer before a transaction
  int64_t wal_frames = 0;     // frames in the WAL at the last copy
  int64_t copied_frames = 0;  // of those, frames in the database file after it
  bool thread_busy = false;   // the thread was asked for a copy and has not finished it
};

// The settings actually in effect on a connection, read back from SQLite's pragmas.
struct ConnectionSettings {
  std::string journal_mode;  // "wal" once opened by the store
  std::string synchronous;   // "full" or "normal" ("off"/"extra" if set by someone else)
  bool foreign_keys = false;
  int schema_version = 0;  // PRAGMA user_version
  std::chrono::milliseconds busy_timeout{0};
  int64_t cache_kib = 0;  // the page cache's limit (PRAGMA cache_size, as KiB)
};

}  // namespace tocflow::store
