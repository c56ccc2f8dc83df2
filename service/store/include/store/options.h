// How the store opens its SQLite file, and the schema version this build writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  // When set, caps the database size (`PRAGMA max_page_count`) so that tests can exercise the
  // disk-full path: commits past the cap fail with RESOURCE_EXHAUSTED.
  std::optional<int64_t> max_page_count;
};

// The settings actually in effect on a connection, read back from SQLite's pragmas.
struct ConnectionSettings {
  std::string journal_mode;  // "wal" once opened by the store
  std::string synchronous;   // "full" or "normal" ("off"/"extra" if set by someone else)
  bool foreign_keys = false;
  int schema_version = 0;  // PRAGMA user_version
  std::chrono::milliseconds busy_timeout{0};
};

}  // namespace tocflow::store
