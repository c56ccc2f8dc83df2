// Keeps WAL checkpoints from stalling the writer. SQLite's own auto-checkpoint runs inside the
// commit that takes the WAL past 1,000 pages: that commit copies every page of the WAL into the
// database file and syncs it, and every caller in its group waits (the p99 of a loaded writer).
// The Checkpointer splits the work:
//   1. A hook on the writer connection notes the WAL's size after each commit; past `pages` it
//      wakes the checkpointer's thread, which copies the WAL into the database file and syncs
//      it (a PASSIVE checkpoint on a connection of its own: it blocks neither the writer nor
//      the readers).
//   2. Before its next transaction, the writer copies what was committed meanwhile (a few
//      groups' pages) with a PASSIVE checkpoint of its own, so that the transaction after it
//      starts the WAL again from its beginning. That needs a moment when everything is copied
//      and no checkpoint is running, which a thread chasing a busy writer never finds alone:
//      the WAL would grow without bound.
// If a reader still uses old frames, the WAL cannot restart; the next commit past `pages`
// starts the cycle again.
//
// Thread-safe: the hook and BeforeWrite run on the writer's thread, the copies on the
// checkpointer's.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/options.h"

struct sqlite3;

namespace SQLite {
class Database;
}

namespace tocflow::store::internal {

class Checkpointer {
 public:
  // Opens the checkpointer's connection to `path` (an existing file in WAL mode) with the
  // store's synchronous setting, starts its thread and installs the hook on `writer` (which
  // turns SQLite's auto-checkpoint off there). Throws SQLite::Exception when the file cannot be
  // opened. Failing copies are reported to options.on_checkpoint_error. REQUIRES: pages > 0;
  // `writer` outlives the Checkpointer.
  static std::unique_ptr<Checkpointer> Start(const std::string& path, const StoreOptions& options,
                                             sqlite3* writer, int pages);
  // Removes the hook, lets a copy under way finish and closes the connection.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Step 2 above; call on the writer's thread before each write transaction. Does nothing
  // unless the thread has copied the WAL since it last passed `pages` and is idle now.
  void BeforeWrite();

  // What the thread has done so far; the error of the last copy, when it failed other than on a
  // busy lock.
  absl::StatusOr<CheckpointProgress> Progress() const;

 private:
  Checkpointer(std::unique_ptr<SQLite::Database> connection, sqlite3* writer, int pages,
               std::function<void(const absl::Status&)> on_error);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  struct CopyResult {
    int wal_frames = 0;
    int copied_frames = 0;
    absl::Status failed;
  };
  void Run();
  // Runs a PASSIVE checkpoint on `db`. REQUIRES: copying_ held.
  static CopyResult Copy(sqlite3* db);
  // Counts a copy in `count` (a member of progress_); returns what to report to on_error_: a new
  // error, or OK after errors. REQUIRES: reporting_ and mutex_ held.
  std::optional<absl::Status> Record(const CopyResult& copied, int64_t& count);
  // Calls on_error_ with `change`, if any. REQUIRES: reporting_ held, mutex_ not held.
  void Report(const std::optional<absl::Status>& change) const;

  std::unique_ptr<SQLite::Database> connection_;
  sqlite3* const writer_;
  const int pages_;
  const std::function<void(const absl::Status&)> on_error_;

  // Held for each copy, by the thread or the writer: one at a time.
  std::mutex copying_;
  // Held from recording a copy's outcome until it is reported, so that reports keep the order
  // of the outcomes. Taken before mutex_.
  std::mutex reporting_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  // The WAL is past `pages`: the thread was woken for this cycle (and the cycle ends when a
  // commit finds the WAL restarted).
  bool cycle_started_ = false;   // guarded by mutex_
  bool thread_wanted_ = false;   // guarded by mutex_
  bool thread_copying_ = false;  // guarded by mutex_
  bool thread_copied_ = false;   // guarded by mutex_: this cycle's copy by the thread is done
  bool stopping_ = false;        // guarded by mutex_
  CheckpointProgress progress_;  // guarded by mutex_
  absl::Status last_error_;      // of the last copy; guarded by mutex_
  std::thread thread_;
};

}  // namespace tocflow::store::internal
