#include "checkpointer.h"

#include <pthread.h>
#include <sqlite3.h>

#include <utility>

#include "SQLiteCpp/Database.h"
#include "sqlite_status.h"

namespace tocflow::store::internal {

std::unique_ptr<Checkpointer> Checkpointer::Start(const std::string& path,
                                                  const StoreOptions& options, sqlite3* writer,
                                                  int pages) {
  auto connection =
      std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX,
                                         static_cast<int>(options.busy_timeout.count()));
  // A checkpoint syncs the database file after copying into it, as the writer's own
  // auto-checkpoint would at this setting. (Running a statement also opens the connection's
  // WAL, which a checkpoint needs.)
  connection->exec(options.synchronous == Synchronous::kFull ? "PRAGMA synchronous = FULL"
                                                             : "PRAGMA synchronous = NORMAL");
  return std::unique_ptr<Checkpointer>(
      new Checkpointer(std::move(connection), writer, pages, options.on_checkpoint_error));
}

Checkpointer::Checkpointer(std::unique_ptr<SQLite::Database> connection, sqlite3* writer, int pages,
                           std::function<void(const absl::Status&)> on_error)
    : connection_(std::move(connection)),
      writer_(writer),
      pages_(pages),
      on_error_(std::move(on_error)) {
  thread_ = std::thread([this] { Run(); });
  pthread_setname_np(thread_.native_handle(), "tf-checkpoint");  // for top -H, perf and gdb
  sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int Checkpointer::OnCommit(void* self, sqlite3* /*db*/, const char* /*schema*/, int wal_pages) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  bool wake = false;
  {
    std::lock_guard lock(checkpointer->mutex_);
    if (wal_pages < checkpointer->pages_) {
      // Restarted (or still small): the next time past `pages` is a new cycle.
      checkpointer->cycle_started_ = false;
      checkpointer->thread_copied_ = false;
    } else if (!checkpointer->cycle_started_) {
      checkpointer->cycle_started_ = true;
      checkpointer->thread_wanted_ = true;
      wake = true;
    }
  }
  if (wake) checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::BeforeWrite() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_copied_) return;
  }
  std::unique_lock copy(copying_, std::try_to_lock);
  if (!copy.owns_lock()) return;  // the thread is copying: try again before the next one
  const CopyResult copied = Copy(writer_);
  copy.unlock();
  std::optional<absl::Status> change;
  std::lock_guard reporting(reporting_);
  {
    std::lock_guard lock(mutex_);
    change = Record(copied, progress_.writer_copies);
    // Whether or not the next transaction manages to restart the WAL, the cycle is over: if a
    // reader kept it from restarting, the next commit past `pages` wakes the thread again.
    thread_copied_ = false;
    cycle_started_ = false;
  }
  Report(change);
}

Checkpointer::CopyResult Checkpointer::Copy(sqlite3* db) {
  CopyResult result;
  // PASSIVE copies what no reader still needs and never waits for a lock; BUSY means another
  // connection is checkpointing.
  const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                           &result.wal_frames, &result.copied_frames);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    result.failed = StatusFromSqlite(sqlite3_extended_errcode(db), sqlite3_errmsg(db),
                                     "checkpointing the write-ahead log");
  }
  return result;
}

std::optional<absl::Status> Checkpointer::Record(const CopyResult& copied, int64_t& count) {
  ++count;
  progress_.wal_frames = copied.wal_frames;
  progress_.copied_frames = copied.copied_frames;
  if (copied.failed == last_error_) return std::nullopt;  // still working, or the same error
  last_error_ = copied.failed;
  return last_error_;
}

void Checkpointer::Report(const std::optional<absl::Status>& change) const {
  if (!change.has_value() || !on_error_) return;
  try {
    on_error_(*change);
  } catch (...) {
    // A throwing callback must not stop the checkpoints.
  }
}

absl::StatusOr<CheckpointProgress> Checkpointer::Progress() const {
  std::lock_guard lock(mutex_);
  if (!last_error_.ok()) return last_error_;
  CheckpointProgress progress = progress_;
  progress.thread_busy = thread_wanted_ || thread_copying_;
  return progress;
}

void Checkpointer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return thread_wanted_ || stopping_; });
    if (stopping_) return;
    thread_wanted_ = false;
    thread_copying_ = true;
    lock.unlock();
    CopyResult copied;
    {
      std::lock_guard copy(copying_);
      copied = Copy(connection_->getHandle());
    }
    std::unique_lock reporting(reporting_);
    lock.lock();
    // Recorded once `copying_` is free again, so that whoever sees this copy counted finds
    // the writer's part possible.
    const std::optional<absl::Status> change = Record(copied, progress_.thread_copies);
    thread_copying_ = false;
    thread_copied_ = true;
    lock.unlock();
    Report(change);
    reporting.unlock();
    lock.lock();
  }
}

}  // namespace tocflow::store::internal
