// The raw SQLite limits for command_bench: the rows one RecordEvent writes (an event row, a
// request-id row with the encoded outcome, and the case's version bump), of the same sizes,
// written with the sqlite3 C API in WAL mode with the same `synchronous` setting, in two ways:
//   - SqlitePerTransaction: each client thread has its own connection and commits its rows in
//     its own transaction (SQLite serialises the writers; one fsync per command);
//   - SqliteGroupCommit: client threads hand their rows to one writer thread that commits
//     everything queued (at most `max_batch` commands) in one transaction, as tocflowd's
//     writer does, and answers each client once its group is durable.
//
// Thread safety: Call may be called concurrently, each thread with its own `client` number.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bench {

// What one command writes, in bytes, and how the file is synced.
struct RowShape {
  size_t event_payload_bytes = 0;
  size_t result_bytes = 0;
  bool synchronous_full = true;
  int cases_per_client = 16;
};

// One connection with the three prepared statements. Not thread-safe.
class BaselineConnection {
 public:
  // Opens (creating the tables when missing) `path`; empty `error` on success.
  BaselineConnection(const std::string& path, const RowShape& shape, std::string* error);
  ~BaselineConnection();
  BaselineConnection(const BaselineConnection&) = delete;
  BaselineConnection& operator=(const BaselineConnection&) = delete;

  bool Begin();
  // The rows of command `seq` (unique over the file) for client `client`.
  bool Write(int client, int64_t seq);
  bool Commit();
  void Rollback();

 private:
  bool Exec(const char* sql);
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_event_ = nullptr;
  sqlite3_stmt* insert_request_ = nullptr;
  sqlite3_stmt* bump_case_ = nullptr;
  std::string payload_;
  std::string result_;
  int cases_per_client_ = 16;
};

// One transaction per command, on the client's own connection.
class SqlitePerTransaction {
 public:
  SqlitePerTransaction(const std::string& path, const RowShape& shape, int clients,
                       std::string* error);
  bool Call(int client);

 private:
  std::vector<std::unique_ptr<BaselineConnection>> connections_;
};

// One writer thread committing queued commands in groups.
class SqliteGroupCommit {
 public:
  SqliteGroupCommit(const std::string& path, const RowShape& shape, int max_batch,
                    std::string* error);
  ~SqliteGroupCommit();
  bool Call(int client);
  // Commands committed and transactions used since the start (for the mean group size).
  int64_t commands() const;
  int64_t transactions() const;

 private:
  struct Pending {
    int client;
    bool done = false;
    bool ok = false;
  };
  void WriterLoop();

  BaselineConnection connection_;
  const int max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable answered_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  int64_t commands_ = 0;
  int64_t transactions_ = 0;
  std::thread writer_;
};

}  // namespace bench
