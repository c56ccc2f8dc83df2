#include "command/sqlite_baseline.h"

#include <sqlite3.h>

#include <atomic>

namespace bench {
namespace {

// Unique event sequence numbers and request ids over every connection of the process.
std::atomic<int64_t> next_seq{1};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  case_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL,
  actor TEXT NOT NULL, occurred_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
  request_id TEXT, PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS requests (
  request_id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL, version INTEGER NOT NULL,
  result BLOB NOT NULL, recorded_at INTEGER NOT NULL) WITHOUT ROWID;
)sql";

std::string CaseId(int client, int64_t seq, int cases_per_client) {
  return "case-" + std::to_string(client) + "-" + std::to_string(seq % cases_per_client);
}

}  // namespace

BaselineConnection::BaselineConnection(const std::string& path, const RowShape& shape,
                                       std::string* error)
    : payload_(shape.event_payload_bytes, 'p'), result_(shape.result_bytes, 'r') {
  cases_per_client_ = shape.cases_per_client;
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    *error = "cannot open " + path;
    return;
  }
  sqlite3_busy_timeout(db_, 5000);
  const std::string pragmas = std::string("PRAGMA journal_mode = WAL; PRAGMA synchronous = ") +
                              (shape.synchronous_full ? "FULL" : "NORMAL") +
                              "; PRAGMA foreign_keys = ON;";
  if (!Exec(pragmas.c_str()) || !Exec("BEGIN IMMEDIATE") || !Exec(kSchema) || !Exec("COMMIT")) {
    *error = std::string("cannot set up ") + path + ": " + sqlite3_errmsg(db_);
    return;
  }
  auto prepare = [&](const char* sql, sqlite3_stmt** statement) {
    if (sqlite3_prepare_v2(db_, sql, -1, statement, nullptr) != SQLITE_OK) {
      *error = std::string("cannot prepare: ") + sqlite3_errmsg(db_);
    }
  };
  prepare(
      "INSERT INTO events (case_id, seq, type, payload, actor, occurred_at, recorded_at, "
      "request_id) VALUES (?1, ?2, 'party_assigned', ?3, 'bench', ?4, ?4, ?5)",
      &insert_event_);
  prepare(
      "INSERT INTO requests (request_id, case_id, version, result, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      &insert_request_);
  prepare(
      "INSERT INTO cases (case_id, version, updated_at) VALUES (?1, 1, ?2) "
      "ON CONFLICT (case_id) DO UPDATE SET version = version + 1, updated_at = ?2",
      &bump_case_);
}

BaselineConnection::~BaselineConnection() {
  sqlite3_finalize(insert_event_);
  sqlite3_finalize(insert_request_);
  sqlite3_finalize(bump_case_);
  sqlite3_close(db_);
}

bool BaselineConnection::Exec(const char* sql) {
  return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool BaselineConnection::Begin() { return Exec("BEGIN IMMEDIATE"); }
bool BaselineConnection::Commit() { return Exec("COMMIT"); }
void BaselineConnection::Rollback() { Exec("ROLLBACK"); }

bool BaselineConnection::Write(int client, int64_t seq) {
  const std::string case_id = CaseId(client, seq, cases_per_client_);
  const std::string request_id = "request-" + std::to_string(seq);
  const int64_t now = 1767225600 + seq;
  auto run = [](sqlite3_stmt* statement) {
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return code == SQLITE_DONE;
  };
  sqlite3_bind_text(bump_case_, 1, case_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(bump_case_, 2, now);
  if (!run(bump_case_)) return false;
  sqlite3_bind_text(insert_event_, 1, case_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(insert_event_, 2, seq);
  sqlite3_bind_blob(insert_event_, 3, payload_.data(), static_cast<int>(payload_.size()),
                    SQLITE_STATIC);
  sqlite3_bind_int64(insert_event_, 4, now);
  sqlite3_bind_text(insert_event_, 5, request_id.c_str(), -1, SQLITE_TRANSIENT);
  if (!run(insert_event_)) return false;
  sqlite3_bind_text(insert_request_, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(insert_request_, 2, case_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(insert_request_, 3, seq);
  sqlite3_bind_blob(insert_request_, 4, result_.data(), static_cast<int>(result_.size()),
                    SQLITE_STATIC);
  sqlite3_bind_int64(insert_request_, 5, now);
  return run(insert_request_);
}

SqlitePerTransaction::SqlitePerTransaction(const std::string& path, const RowShape& shape,
                                           int clients, std::string* error) {
  for (int c = 0; c < clients && error->empty(); ++c) {
    connections_.push_back(std::make_unique<BaselineConnection>(path, shape, error));
  }
}

bool SqlitePerTransaction::Call(int client) {
  BaselineConnection& connection = *connections_[client];
  if (!connection.Begin()) return false;
  if (!connection.Write(client, next_seq++)) {
    connection.Rollback();
    return false;
  }
  return connection.Commit();
}

SqliteGroupCommit::SqliteGroupCommit(const std::string& path, const RowShape& shape, int max_batch,
                                     std::string* error)
    : connection_(path, shape, error), max_batch_(max_batch) {
  if (error->empty()) writer_ = std::thread([this] { WriterLoop(); });
}

SqliteGroupCommit::~SqliteGroupCommit() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  if (writer_.joinable()) writer_.join();
}

bool SqliteGroupCommit::Call(int client) {
  Pending pending{client};
  std::unique_lock lock(mutex_);
  queue_.push_back(&pending);
  queued_.notify_one();
  answered_.wait(lock, [&] { return pending.done; });
  return pending.ok;
}

int64_t SqliteGroupCommit::commands() const {
  std::lock_guard lock(mutex_);
  return commands_;
}

int64_t SqliteGroupCommit::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

void SqliteGroupCommit::WriterLoop() {
  std::vector<Pending*> group;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      while (!queue_.empty() && static_cast<int>(group.size()) < max_batch_) {
        group.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    bool ok = connection_.Begin();
    for (Pending* pending : group) ok = ok && connection_.Write(pending->client, next_seq++);
    ok = ok && connection_.Commit();
    if (!ok) connection_.Rollback();
    {
      std::lock_guard lock(mutex_);
      for (Pending* pending : group) {
        pending->ok = ok;
        pending->done = true;
      }
      commands_ += static_cast<int64_t>(group.size());
      ++transactions_;
    }
    answered_.notify_all();
    group.clear();
  }
}

}  // namespace bench
