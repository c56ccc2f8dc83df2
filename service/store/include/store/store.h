// The tocflowd store: cases, their append-only event histories, the alert outbox, pending
// deadlines and request ids, in one SQLite file in WAL mode.
//
// Two kinds of object share a file:
//   - Store: the writer. Exactly one per file, used by one thread at a time (the service's
//     writer thread). It owns the write connection and its cached prepared statements, creates
//     and migrates the schema when opened, and commits commands in groups.
//   - StoreReader: a read connection. Open one per reading thread (Store::OpenReader or
//     StoreReader::Open); each is used by one thread at a time. In WAL mode readers never block
//     the writer nor wait for it, and each read sees the database as of the last commit that
//     finished before the read began.
// Neither class is safe to share between threads without external locking.
//
// Errors: nothing throws. Every method returns absl::Status / absl::StatusOr with a canonical
// code: NOT_FOUND (no such row), INVALID_ARGUMENT (bad page token or size), ABORTED (stale
// version), ALREADY_EXISTS (duplicate request id, a second case for a spell),
// FAILED_PRECONDITION (schema from a newer build), RESOURCE_EXHAUSTED (disk or database full),
// UNAVAILABLE (I/O error, database locked), DATA_LOSS (a corrupt file or unreadable row),
// INTERNAL (anything else). Messages name the path, the case or the request involved.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/filters.h"
#include "store/options.h"
#include "store/records.h"

namespace tocflow::store {

class StoreReader;

class Store {
 public:
  // Opens `path`, creating the file when missing; switches it to WAL mode, applies the options,
  // turns foreign keys on, and migrates the schema to kSchemaVersion (each migration step in its
  // own transaction). Opening an up-to-date file changes nothing.
  // Errors: FAILED_PRECONDITION when the file's schema is newer than kSchemaVersion ("made by a
  // newer tocflowd: schema N, this build knows M") or WAL cannot be enabled; UNAVAILABLE when
  // the file cannot be opened; DATA_LOSS when it is not a database.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;

  // Writes a whole group of commands in ONE transaction (one fsync with synchronous=FULL):
  // for each command, checks the case's stored version, writes the summary row, appends the
  // events, inserts the alerts (scope columns from the summary), removes and sets deadlines and
  // records the request id. Commands apply in order, so a later command may build on an earlier
  // one for the same case (its expected_version is then the earlier one's summary.version).
  // A case's row is written once per batch, by its last command there: it ends as that
  // command's summary, with the last non-empty CaseCommit::facts of the case's commands in the
  // batch (so an earlier command of the same case may carry a partial row and no facts).
  // Returns one CommitResult per command, in order, once the transaction is durable.
  // Either the whole batch is stored or nothing is: on any error the transaction is rolled back
  // and the error names the failing command. Errors: ABORTED when a command's expected version
  // is not the stored one (a safety net: the writer validates first); ALREADY_EXISTS for a
  // request id already recorded or a second case with the same (provider_ods, spell_id);
  // RESOURCE_EXHAUSTED / UNAVAILABLE on disk full or I/O failure; INVALID_ARGUMENT for an
  // empty case id or a new version not above the expected one.
  absl::StatusOr<std::vector<CommitResult>> Commit(const std::vector<CaseCommit>& batch);

  // Acknowledges alert `cursor`. Idempotent: acknowledging again changes nothing and returns
  // the first acknowledgement. NOT_FOUND when there is no such alert.
  absl::StatusOr<AlertAck> AckAlert(int64_t cursor, const std::string& acked_by, Timestamp at);

  // Overwrites the summary rows of existing cases (version included), writes the facts rows in
  // `facts` and replaces all pending deadlines of each case in `deadlines` (next_deadline_at
  // follows), in one transaction, without touching their events: for rebuilding what is
  // derived from the histories. NOT_FOUND (and nothing written) when one of the cases does not
  // exist.
  absl::Status ReplaceSummaries(const std::vector<CaseSummary>& summaries,
                                const std::vector<FactsRecord>& facts = {},
                                const std::vector<DeadlinesRecord>& deadlines = {});

  // True when a schema migration added summary columns or facts that only the case histories
  // can fill (schema 4 or 5 on a file with cases): run engine::RebuildSummaries, then
  // MarkSummariesRebuilt.
  absl::StatusOr<bool> SummaryRebuildPending();
  absl::Status MarkSummariesRebuilt();

  // What the store's checkpoints did so far (nothing when
  // StoreOptions::background_checkpoint_pages is 0); the last failed checkpoint's error instead
  // when one failed other than on a busy lock. Thread-safe.
  absl::StatusOr<CheckpointProgress> BackgroundCheckpoints() const;
  // The settings in effect on the write connection, read back from SQLite.
  absl::StatusOr<ConnectionSettings> Settings();

  // Opens a new read connection on this store's file (see StoreReader::Open).
  absl::StatusOr<std::unique_ptr<StoreReader>> OpenReader() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class StoreReader;

// One read transaction held open on a StoreReader (StoreReader::HoldSnapshot) until it is
// destroyed: the reader's calls meanwhile all read the same snapshot and take the file's read lock
// once between them. The command writer holds one while it checks a group. Ending it releases the
// snapshot, so that checkpoints can copy past it. Movable; the reader must outlive it.
class ReaderSnapshot {
 public:
  ReaderSnapshot(ReaderSnapshot&& other) noexcept;
  ReaderSnapshot& operator=(ReaderSnapshot&& other) noexcept;
  ReaderSnapshot(const ReaderSnapshot&) = delete;
  ReaderSnapshot& operator=(const ReaderSnapshot&) = delete;
  ~ReaderSnapshot();

 private:
  friend class StoreReader;
  explicit ReaderSnapshot(StoreReader* reader) : reader_(reader) {}
  void End();
  StoreReader* reader_;  // nullptr: nothing to end (moved from, or inside another snapshot)
};

// A read-only connection (PRAGMA query_only) to a store file. Every method is one consistent
// snapshot, or reads the snapshot held by HoldSnapshot. Use from one thread at a time; open one
// per thread.
class StoreReader {
 public:
  // REQUIRES: the file was created by Store::Open at this build's schema version.
  // FAILED_PRECONDITION when its schema version differs; UNAVAILABLE when it cannot be opened.
  static absl::StatusOr<std::unique_ptr<StoreReader>> Open(const std::string& path,
                                                           const StoreOptions& options = {});
  ~StoreReader();
  StoreReader(const StoreReader&) = delete;
  StoreReader& operator=(const StoreReader&) = delete;

  // The case's events in seq order (empty when the case has none or does not exist).
  absl::StatusOr<std::vector<StoredEvent>> LoadEvents(const std::string& case_id);

  // NOT_FOUND when there is no such case.
  absl::StatusOr<CaseSummary> GetCaseSummary(const std::string& case_id);
  // NOT_FOUND when no case has that spell at that provider.
  absl::StatusOr<CaseSummary> FindCaseBySpell(const std::string& provider_ods,
                                              const std::string& spell_id);

  // One page of cases matching `filter`, in filter.order. page_size 0 means kDefaultPageSize,
  // larger than kMaxPageSize is capped; `page_token` is empty for the first page or a
  // next_page_token returned by an earlier call with the same order.
  // INVALID_ARGUMENT for a negative page size or a token not made by ListCases for this order.
  absl::StatusOr<CasePage> ListCases(const CaseFilter& filter, int page_size,
                                     const std::string& page_token);

  // Number of cases, and every case id in id order (for rebuilding summaries).
  absl::StatusOr<int64_t> CaseCount();
  absl::StatusOr<std::vector<std::string>> AllCaseIds();

  // The case's facts as of its last event, as the engine encoded them (CaseCommit::facts);
  // nullopt when none are stored (the case predates schema 5 and was not rebuilt yet).
  absl::StatusOr<std::optional<std::string>> CaseFacts(const std::string& case_id);
  // What the store keeps of the case's journey (its row's version, states, parties and facts;
  // its pending deadlines), from one snapshot; nullopt when there is no such case.
  absl::StatusOr<std::optional<StoredJourney>> LoadStoredJourney(const std::string& case_id);
  // Calls `visit` for every case (only those whose responsible LA is `local_authority`, when
  // set), in no particular order, with its stored facts (nullptr when it has none), all from one
  // snapshot; `visit` may read the case through this reader (LoadEvents). Stops at and returns
  // the first error of `visit` or of reading.
  absl::Status ForEachCaseFacts(
      const std::optional<std::string>& local_authority,
      absl::FunctionRef<absl::Status(const std::string& case_id, const std::string* facts)> visit);

  // The stored result of a command with this request id; NOT_FOUND when none was recorded.
  absl::StatusOr<StoredRequest> LookupRequest(const std::string& request_id);

  // Alerts with a cursor above `after` matching `filter`, in cursor order, at most `limit`
  // (1..kMaxPageSize; larger is capped, less than 1 is INVALID_ARGUMENT). `after` = 0 reads
  // from the first alert; LastAlertCursor() reads "from now".
  absl::StatusOr<std::vector<StoredAlert>> AlertsAfter(int64_t after, const AlertFilter& filter,
                                                       int limit);
  // How many alerts case `case_id` has raised (0 for an unknown case): the position its next
  // alert will have among its alerts. One COUNT over index alerts_by_case.
  absl::StatusOr<int64_t> CaseAlertCount(const std::string& case_id);
  // The highest cursor assigned so far; 0 when there are no alerts ("from now" starts here).
  absl::StatusOr<int64_t> LastAlertCursor();

  // Pending deadlines due at or before `until`, soonest first (ties by case id, then kind), at
  // most `limit` (capped at kMaxPageSize; less than 1 is INVALID_ARGUMENT).
  absl::StatusOr<std::vector<PendingDeadline>> DueDeadlines(Timestamp until, int limit);
  // The pending deadlines of one case, soonest first.
  absl::StatusOr<std::vector<PendingDeadline>> CaseDeadlines(const std::string& case_id);
  // The soonest pending deadline of each case of `case_ids` that has one, by case id (one query
  // for a page of ListCases). INVALID_ARGUMENT for more than kMaxPageSize ids.
  absl::StatusOr<std::map<std::string, PendingDeadline>> NextDeadlines(
      const std::vector<std::string>& case_ids);
  absl::StatusOr<int64_t> PendingDeadlineCount();

  // The settings in effect on this read connection.
  absl::StatusOr<ConnectionSettings> Settings();

  // Holds one snapshot for every call made until the result is destroyed (see ReaderSnapshot).
  // Inside another snapshot of this reader it holds nothing more. UNAVAILABLE when the read
  // transaction cannot begin.
  absl::StatusOr<ReaderSnapshot> HoldSnapshot();

 private:
  friend class ReaderSnapshot;
  struct Impl;
  explicit StoreReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocflow::store
