// Store: the writer facade. Group commit of CaseCommits in one transaction.
#include "store/store.h"

#include <sqlite3.h>

#include <optional>
#include <unordered_map>
#include <utility>

#include "SQLiteCpp/Database.h"
#include "alert_rows.h"
#include "case_rows.h"
#include "checkpointer.h"
#include "connection.h"
#include "deadline_rows.h"
#include "event_rows.h"
#include "facts_rows.h"
#include "request_rows.h"
#include "sqlite_status.h"

namespace tocflow::store {

using internal::Guarded;

namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// Where a commit stands. Its text ("commit of N command(s) failed, nothing was stored: command
// I: <doing> '<subject>'") is built only when the commit fails.
struct CommitStep {
  size_t commands = 0;
  size_t command = 0;  // from 1; 0 outside the commands
  const char* doing = "starting the transaction";
  const std::string* subject = nullptr;  // quoted after `doing` when set

  void Set(const char* what, const std::string& about) {
    doing = what;
    subject = &about;
  }
  // "commit of N command(s) failed, nothing was stored[: command I]"
  std::string Failed() const {
    std::string text =
        "commit of " + std::to_string(commands) + " command(s) failed, nothing was stored";
    if (command > 0) text += ": command " + std::to_string(command);
    return text;
  }
  std::string operator()() const {
    std::string text = Failed() + ": " + doing;
    if (subject != nullptr) text += " " + Quoted(*subject);
    return text;
  }
};

// What a commit's transaction holds for one case so far. A case's later commands in the same
// batch build on it instead of reading the case back, and its row is written once, by its last
// command in the batch (a generator or an import that sends a whole history in one batch then
// rewrites the row and its index entries once, not once per event).
struct CaseInBatch {
  bool read = false;                     // `row` and `version` reflect the file
  std::optional<internal::CaseRow> row;  // the case's row as the file holds it now
  int64_t version = 0;                   // after this batch's commands so far; 0: no case
  int64_t last_seq = 0;                  // the case's last event so far
  const std::string* facts = nullptr;    // the latest facts given, not yet written
  int commands_left = 0;                 // the case's commands in the batch not applied yet
};

}  // namespace

struct Store::Impl {
  Impl(std::string p, StoreOptions o, std::unique_ptr<SQLite::Database> connection)
      : path(std::move(p)),
        options(o),
        db(std::move(connection)),
        cases(*db),
        events(*db),
        alerts(*db),
        deadlines(*db),
        requests(*db),
        facts(*db) {}

  // Rolls back the open transaction, if any, after a failure.
  void RollBack() {
    if (sqlite3_get_autocommit(db->getHandle()) == 0) db->tryExec("ROLLBACK");
  }

  // Applies command `step.command` of a commit to `in_batch`, what the batch holds for its case;
  // writes the case's row only at the case's last command in the batch. Throws
  // SQLite::Exception, returns ABORTED for a stale version. Keeps `step` at what it is doing, for
  // the error message.
  absl::StatusOr<CommitResult> Apply(const CaseCommit& c, CaseInBatch& in_batch, CommitStep& step);

  const std::string path;
  const StoreOptions options;
  // The statements below refer to `db`: declared after it so that they are finalized first.
  std::unique_ptr<SQLite::Database> db;
  internal::CaseRowWriter cases;
  internal::EventRowWriter events;
  internal::AlertRowWriter alerts;
  internal::DeadlineRowWriter deadlines;
  internal::RequestRowWriter requests;
  internal::FactsRowWriter facts;
  // Null when checkpoints are left to SQLite. Declared after `db`: stopped before it closes.
  std::unique_ptr<internal::Checkpointer> checkpointer;
};

namespace {

absl::Status ValidateCommit(const CaseCommit& c) {
  if (c.summary.case_id.empty()) return absl::InvalidArgumentError("the case id is empty");
  if (c.expected_version < 0 || c.summary.version <= c.expected_version) {
    return absl::InvalidArgumentError("the new version " + std::to_string(c.summary.version) +
                                      " must be above the expected version " +
                                      std::to_string(c.expected_version));
  }
  if (c.request.has_value() && c.request->request_id.empty()) {
    return absl::InvalidArgumentError("the request record has an empty request id");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CommitResult> Store::Impl::Apply(const CaseCommit& c, CaseInBatch& in_batch,
                                                CommitStep& step) {
  const CaseSummary& summary = c.summary;
  const std::string& id = summary.case_id;

  step.Set("checking the version of case", id);
  if (!in_batch.read) {
    in_batch.read = true;
    in_batch.row = cases.StoredRow(id);
    in_batch.version = in_batch.row.has_value() ? in_batch.row->version() : 0;
    in_batch.last_seq = in_batch.row.has_value() ? events.LastSeq(id) : 0;
  }
  if (in_batch.version != c.expected_version) {
    return absl::AbortedError(step.Failed() + ": case " + Quoted(id) + " is at version " +
                              std::to_string(in_batch.version) +
                              " but the command expected version " +
                              std::to_string(c.expected_version));
  }
  if (c.expected_version == 0) {
    step.Set("opening case", id);
    if (!summary.spell_id.empty()) {
      std::optional<std::string> other = cases.CaseForSpell(summary.provider_ods, summary.spell_id);
      if (other.has_value()) {
        return absl::AlreadyExistsError(step.Failed() + ": spell " + Quoted(summary.spell_id) +
                                        " at provider " + Quoted(summary.provider_ods) +
                                        " already has case " + Quoted(*other));
      }
    }
    cases.Insert(summary);
    in_batch.row = internal::RowOf(summary);
  }
  in_batch.version = summary.version;

  CommitResult result;
  step.Set("appending events to case", id);
  for (const NewEvent& event : c.events) {
    events.Append(id, ++in_batch.last_seq, event);
    result.event_seqs.push_back(in_batch.last_seq);
  }

  step.Set("writing the alerts of case", id);
  const AlertScope scope{summary.provider_ods, summary.ward, summary.local_authority, summary.icb};
  for (const workflow::Alert& alert : c.alerts) {
    result.alert_cursors.push_back(alerts.Insert(id, alert, scope));
  }

  step.Set("updating the deadlines of case", id);
  for (workflow::DeadlineKind kind : c.deadlines_removed) deadlines.Remove(id, kind);
  for (const workflow::DeadlineSet& deadline : c.deadlines_set) deadlines.Set(id, deadline);
  if (!c.facts.empty()) in_batch.facts = &c.facts;
  if (--in_batch.commands_left == 0) {
    // Last, so that next_deadline_at is written once, with the deadlines as they now are; the
    // facts go into the row by the same UPDATE.
    step.Set("updating the summary and facts of case", id);
    cases.UpdateChanged(*in_batch.row, summary, in_batch.facts);
  }

  if (c.request.has_value()) {
    const std::string& request_id = c.request->request_id;
    step.Set("recording request id", request_id);
    if (requests.Exists(request_id)) {
      return absl::AlreadyExistsError(step.Failed() + ": request id " + Quoted(request_id) +
                                      " is already recorded");
    }
    requests.Insert(id, summary.version, *c.request);
  }
  return result;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const StoreOptions& options) {
  return Guarded("opening database " + path, [&]() -> absl::StatusOr<std::unique_ptr<Store>> {
    absl::StatusOr<std::unique_ptr<SQLite::Database>> db =
        internal::OpenWriterConnection(path, options);
    if (!db.ok()) return db.status();
    auto impl = std::make_unique<Impl>(path, options, *std::move(db));
    if (options.background_checkpoint_pages > 0) {
      impl->checkpointer = internal::Checkpointer::Start(path, options, impl->db->getHandle(),
                                                         options.background_checkpoint_pages);
    }
    return std::unique_ptr<Store>(new Store(std::move(impl)));
  });
}

const std::string& Store::path() const { return impl_->path; }

absl::StatusOr<CheckpointProgress> Store::BackgroundCheckpoints() const {
  if (impl_->checkpointer == nullptr) return CheckpointProgress{};
  return impl_->checkpointer->Progress();
}

absl::StatusOr<std::vector<CommitResult>> Store::Commit(const std::vector<CaseCommit>& batch) {
  CommitStep step;
  step.commands = batch.size();
  for (size_t i = 0; i < batch.size(); ++i) {
    absl::Status valid = ValidateCommit(batch[i]);
    if (!valid.ok()) {
      step.command = i + 1;
      return internal::Prefixed(step.Failed(), valid);
    }
  }
  if (batch.empty()) return std::vector<CommitResult>();

  absl::StatusOr<std::vector<CommitResult>> results =
      Guarded(step, [&]() -> absl::StatusOr<std::vector<CommitResult>> {
        std::vector<CommitResult> out;
        out.reserve(batch.size());
        if (impl_->checkpointer != nullptr) impl_->checkpointer->BeforeWrite();
        impl_->db->exec("BEGIN IMMEDIATE");
        std::unordered_map<std::string, CaseInBatch> in_batch;
        for (const CaseCommit& c : batch) ++in_batch[c.summary.case_id].commands_left;
        for (size_t i = 0; i < batch.size(); ++i) {
          step.command = i + 1;
          absl::StatusOr<CommitResult> one =
              impl_->Apply(batch[i], in_batch[batch[i].summary.case_id], step);
          if (!one.ok()) return one.status();
          out.push_back(*std::move(one));
        }
        step.command = 0;
        step.doing = "committing the transaction";
        step.subject = nullptr;
        impl_->db->exec("COMMIT");
        return out;
      });
  if (!results.ok()) impl_->RollBack();
  return results;
}

absl::StatusOr<AlertAck> Store::AckAlert(int64_t cursor, const std::string& acked_by,
                                         Timestamp at) {
  const std::string context = "acknowledging alert " + std::to_string(cursor);
  absl::StatusOr<AlertAck> ack = Guarded(context, [&]() -> absl::StatusOr<AlertAck> {
    impl_->db->exec("BEGIN IMMEDIATE");
    std::optional<AlertAck> stored = impl_->alerts.Ack(cursor, acked_by, at);
    if (!stored.has_value()) {
      return absl::NotFoundError("there is no alert with cursor " + std::to_string(cursor));
    }
    impl_->db->exec("COMMIT");
    return *stored;
  });
  if (!ack.ok()) impl_->RollBack();
  return ack;
}

absl::Status Store::ReplaceSummaries(const std::vector<CaseSummary>& summaries,
                                     const std::vector<FactsRecord>& facts,
                                     const std::vector<DeadlinesRecord>& deadlines) {
  std::string context = "replacing case summaries";
  absl::Status status = Guarded(context, [&]() -> absl::Status {
    impl_->db->exec("BEGIN IMMEDIATE");
    for (const DeadlinesRecord& record : deadlines) {
      context = "replacing the deadlines of case " + Quoted(record.case_id);
      if (!impl_->cases.RefreshNextDeadline(record.case_id)) {
        return absl::NotFoundError("cannot replace the deadlines of case " +
                                   Quoted(record.case_id) + ": no such case; nothing was replaced");
      }
      impl_->deadlines.RemoveAll(record.case_id);
      for (const workflow::DeadlineSet& deadline : record.deadlines) {
        impl_->deadlines.Set(record.case_id, deadline);
      }
      impl_->cases.RefreshNextDeadline(record.case_id);
    }
    for (const CaseSummary& summary : summaries) {
      context = "replacing the summary of case " + Quoted(summary.case_id);
      if (!impl_->cases.Update(summary)) {
        return absl::NotFoundError("cannot replace the summary of case " + Quoted(summary.case_id) +
                                   ": no such case; nothing was replaced");
      }
      impl_->cases.RefreshNextDeadline(summary.case_id);
    }
    for (const FactsRecord& record : facts) {
      context = "replacing the facts of case " + Quoted(record.case_id);
      if (!impl_->facts.Put(record.case_id, record.facts)) {
        return absl::NotFoundError("cannot replace the facts of case " + Quoted(record.case_id) +
                                   ": no such case; nothing was replaced");
      }
    }
    impl_->db->exec("COMMIT");
    return absl::OkStatus();
  });
  if (!status.ok()) impl_->RollBack();
  return status;
}

absl::StatusOr<bool> Store::SummaryRebuildPending() {
  return Guarded("reading pending maintenance", [&]() -> absl::StatusOr<bool> {
    return impl_->db
               ->execAndGet(
                   "SELECT EXISTS (SELECT 1 FROM maintenance WHERE task = "
                   "'rebuild_summaries')")
               .getInt() != 0;
  });
}

absl::Status Store::MarkSummariesRebuilt() {
  return Guarded("recording the summary rebuild", [&]() -> absl::Status {
    impl_->db->exec("DELETE FROM maintenance WHERE task = 'rebuild_summaries'");
    return absl::OkStatus();
  });
}

absl::StatusOr<ConnectionSettings> Store::Settings() {
  return Guarded(
      "reading the settings of " + impl_->path,
      [&]() -> absl::StatusOr<ConnectionSettings> { return internal::ReadSettings(*impl_->db); });
}

absl::StatusOr<std::unique_ptr<StoreReader>> Store::OpenReader() const {
  return StoreReader::Open(impl_->path, impl_->options);
}

}  // namespace tocflow::store
