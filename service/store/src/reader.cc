// StoreReader: a read connection; each method is one snapshot, or reads the one HoldSnapshot holds.
#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "alert_rows.h"
#include "case_list.h"
#include "case_rows.h"
#include "connection.h"
#include "deadline_rows.h"
#include "event_rows.h"
#include "facts_rows.h"
#include "request_rows.h"
#include "sqlite_status.h"
#include "statement_cache.h"
#include "store/store.h"

namespace tocflow::store {

using internal::Guarded;

struct StoreReader::Impl {
  Impl(std::string p, std::unique_ptr<SQLite::Database> connection)
      : path(std::move(p)), db(std::move(connection)), statements(*db), lists(*db) {}

  std::string path;
  std::unique_ptr<SQLite::Database> db;
  // The hot queries' statements (the writer's reader runs them for every command); declared
  // after `db` so that they are finalized first.
  internal::StatementCache statements;
  // ListCases' and NextDeadlines' statements, one per SQL text they build; cleared when it
  // holds kMaxListStatements, so that unusual filter combinations cannot grow it without
  // bound (only one of them is in use at a time).
  internal::StatementCache lists;

  internal::StatementCache& Lists() {
    if (lists.size() >= kMaxListStatements) lists.Clear();
    return lists;
  }
  static constexpr size_t kMaxListStatements = 64;
};

namespace {

// Holds one read transaction open so that several queries see the same snapshot; inside a
// snapshot already held (HoldSnapshot) it joins that one.
class ReadTransaction {
 public:
  explicit ReadTransaction(SQLite::Database& db)
      : db_(db), owned_(sqlite3_get_autocommit(db.getHandle()) != 0) {
    if (owned_) db_.exec("BEGIN");
  }
  ~ReadTransaction() {
    if (owned_) db_.tryExec("COMMIT");
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  SQLite::Database& db_;
  const bool owned_;
};

absl::StatusOr<int> CheckLimit(int limit, const char* what) {
  if (limit < 1) {
    return absl::InvalidArgumentError(std::string(what) + " must be at least 1 (got " +
                                      std::to_string(limit) + ")");
  }
  return std::min(limit, kMaxPageSize);
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

StoreReader::StoreReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoreReader::~StoreReader() = default;

absl::StatusOr<std::unique_ptr<StoreReader>> StoreReader::Open(const std::string& path,
                                                               const StoreOptions& options) {
  return Guarded("opening database " + path + " for reading",
                 [&]() -> absl::StatusOr<std::unique_ptr<StoreReader>> {
                   absl::StatusOr<std::unique_ptr<SQLite::Database>> db =
                       internal::OpenReaderConnection(path, options);
                   if (!db.ok()) return db.status();
                   auto impl = std::make_unique<Impl>(path, *std::move(db));
                   return std::unique_ptr<StoreReader>(new StoreReader(std::move(impl)));
                 });
}

absl::StatusOr<std::vector<StoredEvent>> StoreReader::LoadEvents(const std::string& case_id) {
  return Guarded("loading the events of case " + Quoted(case_id),
                 [&]() -> absl::StatusOr<std::vector<StoredEvent>> {
                   return internal::SelectEvents(impl_->statements, case_id);
                 });
}

absl::StatusOr<CaseSummary> StoreReader::GetCaseSummary(const std::string& case_id) {
  return Guarded("reading case " + Quoted(case_id), [&]() -> absl::StatusOr<CaseSummary> {
    std::optional<CaseSummary> found =
        internal::SelectCase(impl_->statements, "case_id = ?", {case_id});
    if (!found.has_value()) return absl::NotFoundError("no case " + Quoted(case_id));
    return *std::move(found);
  });
}

absl::StatusOr<CaseSummary> StoreReader::FindCaseBySpell(const std::string& provider_ods,
                                                         const std::string& spell_id) {
  const std::string what = "spell " + Quoted(spell_id) + " at provider " + Quoted(provider_ods);
  return Guarded("finding the case of " + what, [&]() -> absl::StatusOr<CaseSummary> {
    std::optional<CaseSummary> found = internal::SelectCase(
        impl_->statements, "provider_ods = ? AND spell_id = ?", {provider_ods, spell_id});
    if (!found.has_value()) return absl::NotFoundError("no case for " + what);
    return *std::move(found);
  });
}

absl::StatusOr<CasePage> StoreReader::ListCases(const CaseFilter& filter, int page_size,
                                                const std::string& page_token) {
  return Guarded("listing cases", [&]() -> absl::StatusOr<CasePage> {
    return internal::QueryCasePage(impl_->Lists(), filter, page_size, page_token);
  });
}

absl::StatusOr<int64_t> StoreReader::CaseCount() {
  return Guarded("counting cases", [&]() -> absl::StatusOr<int64_t> {
    return impl_->db->execAndGet("SELECT COUNT(*) FROM cases").getInt64();
  });
}

absl::StatusOr<std::vector<std::string>> StoreReader::AllCaseIds() {
  return Guarded("listing case ids", [&]() -> absl::StatusOr<std::vector<std::string>> {
    SQLite::Statement query(*impl_->db, "SELECT case_id FROM cases ORDER BY case_id");
    std::vector<std::string> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    return ids;
  });
}

absl::StatusOr<std::optional<std::string>> StoreReader::CaseFacts(const std::string& case_id) {
  return Guarded("reading the facts of case " + Quoted(case_id),
                 [&]() -> absl::StatusOr<std::optional<std::string>> {
                   return internal::SelectFacts(impl_->statements, case_id);
                 });
}

absl::StatusOr<std::optional<StoredJourney>> StoreReader::LoadStoredJourney(
    const std::string& case_id) {
  return Guarded("reading case " + Quoted(case_id),
                 [&]() -> absl::StatusOr<std::optional<StoredJourney>> {
                   ReadTransaction snapshot(*impl_->db);
                   std::optional<StoredJourney> stored =
                       internal::SelectStoredJourney(impl_->statements, case_id);
                   if (!stored.has_value()) return std::nullopt;
                   absl::StatusOr<std::vector<PendingDeadline>> deadlines =
                       internal::SelectCaseDeadlines(impl_->statements, case_id);
                   if (!deadlines.ok()) return deadlines.status();
                   stored->deadlines = *std::move(deadlines);
                   return stored;
                 });
}

absl::Status StoreReader::ForEachCaseFacts(
    const std::optional<std::string>& local_authority,
    absl::FunctionRef<absl::Status(const std::string& case_id, const std::string* facts)> visit) {
  return Guarded("reading the cases' facts", [&]() -> absl::Status {
    ReadTransaction snapshot(*impl_->db);
    // Cases in table order (a sequential scan; one LA's by its index).
    SQLite::Statement query(*impl_->db, std::string("SELECT case_id, facts FROM cases") +
                                            (local_authority ? " WHERE local_authority = ?" : ""));
    if (local_authority) query.bind(1, *local_authority);
    std::string case_id;
    std::string facts;
    while (query.executeStep()) {
      case_id = query.getColumn(0).getString();
      const SQLite::Column stored = query.getColumn(1);
      const bool has_facts = !stored.isNull();
      if (has_facts) facts.assign(static_cast<const char*>(stored.getBlob()), stored.getBytes());
      if (absl::Status status = visit(case_id, has_facts ? &facts : nullptr); !status.ok()) {
        return status;
      }
    }
    return absl::OkStatus();
  });
}

ReaderSnapshot::ReaderSnapshot(ReaderSnapshot&& other) noexcept
    : reader_(std::exchange(other.reader_, nullptr)) {}

ReaderSnapshot& ReaderSnapshot::operator=(ReaderSnapshot&& other) noexcept {
  if (this != &other) {
    End();
    reader_ = std::exchange(other.reader_, nullptr);
  }
  return *this;
}

ReaderSnapshot::~ReaderSnapshot() { End(); }

void ReaderSnapshot::End() {
  // A read transaction changed nothing: ending it cannot lose anything, so a failure is ignored.
  if (reader_ != nullptr) reader_->impl_->db->tryExec("COMMIT");
  reader_ = nullptr;
}

absl::StatusOr<ReaderSnapshot> StoreReader::HoldSnapshot() {
  return Guarded("holding a snapshot of " + impl_->path, [&]() -> absl::StatusOr<ReaderSnapshot> {
    if (sqlite3_get_autocommit(impl_->db->getHandle()) == 0) return ReaderSnapshot(nullptr);
    impl_->db->exec("BEGIN");
    return ReaderSnapshot(this);
  });
}

absl::StatusOr<StoredRequest> StoreReader::LookupRequest(const std::string& request_id) {
  return Guarded(
      "looking up request " + Quoted(request_id), [&]() -> absl::StatusOr<StoredRequest> {
        std::optional<StoredRequest> found = internal::SelectRequest(impl_->statements, request_id);
        if (!found.has_value()) {
          return absl::NotFoundError("no request " + Quoted(request_id) + " is recorded");
        }
        return *std::move(found);
      });
}

absl::StatusOr<std::vector<StoredAlert>> StoreReader::AlertsAfter(int64_t after,
                                                                  const AlertFilter& filter,
                                                                  int limit) {
  absl::StatusOr<int> capped = CheckLimit(limit, "limit");
  if (!capped.ok()) return capped.status();
  return Guarded("reading alerts after cursor " + std::to_string(after),
                 [&]() -> absl::StatusOr<std::vector<StoredAlert>> {
                   ReadTransaction snapshot(*impl_->db);
                   return internal::SelectAlertsAfter(*impl_->db, after, filter, *capped);
                 });
}

absl::StatusOr<int64_t> StoreReader::CaseAlertCount(const std::string& case_id) {
  return Guarded("counting the alerts of case " + Quoted(case_id),
                 [&]() -> absl::StatusOr<int64_t> {
                   return internal::CountCaseAlerts(impl_->statements, case_id);
                 });
}

absl::StatusOr<int64_t> StoreReader::LastAlertCursor() {
  return Guarded("reading the last alert cursor", [&]() -> absl::StatusOr<int64_t> {
    return internal::SelectLastAlertCursor(*impl_->db);
  });
}

absl::StatusOr<std::vector<PendingDeadline>> StoreReader::DueDeadlines(Timestamp until, int limit) {
  absl::StatusOr<int> capped = CheckLimit(limit, "limit");
  if (!capped.ok()) return capped.status();
  return Guarded("reading due deadlines", [&]() -> absl::StatusOr<std::vector<PendingDeadline>> {
    return internal::SelectDueDeadlines(impl_->statements, until, *capped);
  });
}

absl::StatusOr<std::vector<PendingDeadline>> StoreReader::CaseDeadlines(
    const std::string& case_id) {
  return Guarded("reading the deadlines of case " + Quoted(case_id),
                 [&]() -> absl::StatusOr<std::vector<PendingDeadline>> {
                   return internal::SelectCaseDeadlines(impl_->statements, case_id);
                 });
}

absl::StatusOr<std::map<std::string, PendingDeadline>> StoreReader::NextDeadlines(
    const std::vector<std::string>& case_ids) {
  if (case_ids.size() > static_cast<size_t>(kMaxPageSize)) {
    return absl::InvalidArgumentError("at most " + std::to_string(kMaxPageSize) +
                                      " cases at a time");
  }
  return Guarded("reading the next deadlines of " + std::to_string(case_ids.size()) + " cases",
                 [&]() -> absl::StatusOr<std::map<std::string, PendingDeadline>> {
                   return internal::SelectNextDeadlines(impl_->Lists(), case_ids);
                 });
}

absl::StatusOr<int64_t> StoreReader::PendingDeadlineCount() {
  return Guarded("counting deadlines",
                 [&]() -> absl::StatusOr<int64_t> { return internal::CountDeadlines(*impl_->db); });
}

absl::StatusOr<ConnectionSettings> StoreReader::Settings() {
  return Guarded(
      "reading the settings of " + impl_->path,
      [&]() -> absl::StatusOr<ConnectionSettings> { return internal::ReadSettings(*impl_->db); });
}

}  // namespace tocflow::store
