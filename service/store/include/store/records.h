// The rows the store writes and reads: plain values, cheap to copy, no SQLite types.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflow/deadline_kind.h"
#include "workflow/effects.h"
#include "workflow/journey.h"
#include "workflow/time.h"

namespace tocflow::store {

using workflow::Timestamp;

// A party assigned to a role on a case (libworkflow role name).
struct PartyRow {
  std::string role;
  std::string party;
  friend bool operator==(const PartyRow&, const PartyRow&) = default;
};

// One recipient of the alert a pending deadline raises when it falls due
// (workflow::PendingDeadlineOwners), by libworkflow names; the party may be empty.
struct DeadlineOwnerRow {
  std::string kind;
  std::string role;
  std::string party;
  friend bool operator==(const DeadlineOwnerRow&, const DeadlineOwnerRow&) = default;
};

// The queryable summary of a case: a cache of what replaying its events gives, rebuildable
// from the events (`tocflowd --rebuild-summaries`). Empty strings are stored as empty text,
// except `spell_id`, stored as NULL when empty so that cases without a spell do not collide on
// UNIQUE(provider_ods, spell_id).
struct CaseSummary {
  std::string case_id;
  int64_t version = 0;  // the case's version once this row is stored
  std::string nhs_number;
  std::string local_patient_id;
  std::string spell_id;
  std::string provider_ods;  // ODS code of the provider organisation
  std::string site;
  std::string ward;
  std::string bed;
  std::string local_authority;
  std::string icb;
  std::string rule_set;
  // State name of each region, indexed by workflow::Region (as in workflow::JourneySnapshot).
  std::array<std::string, workflow::kRegionCount> states;
  std::optional<Timestamp> ready_since;  // ready for discharge since; empty when not ready
  std::optional<Timestamp> discharged_at;
  // The stay ended otherwise (died, admission cancelled): no event applies any more.
  bool closed = false;
  // The earliest pending deadline. Maintained by the store from the `deadlines` table whenever
  // a commit writes the row: the value given to Commit or ReplaceSummaries is ignored.
  std::optional<Timestamp> next_deadline_at;
  Timestamp opened_at;
  Timestamp updated_at;
  // Admission time; empty only in a row written before schema 4 and not yet rebuilt.
  std::optional<Timestamp> admitted_at;
  // libworkflow names (workflow::Name); empty when not recorded. The delay reason's three are
  // empty together when no delay reason is in force.
  std::string pathway;
  std::string dtoc_reason;
  std::string nctr_reason;
  std::string attribution;
  std::vector<PartyRow> parties;                  // by role
  std::vector<DeadlineOwnerRow> deadline_owners;  // pending deadlines' owners (see below)

  friend bool operator==(const CaseSummary&, const CaseSummary&) = default;
};

// An event to append to a case's history. The payload is opaque bytes (the service stores the
// serialized wire message); the store never interprets it.
struct NewEvent {
  std::string type;  // the event's kName, e.g. "medically_optimised"
  std::string payload;
  std::string actor;
  Timestamp occurred_at;
  Timestamp recorded_at;
  std::string request_id;  // empty when the command carried none
};

// An event as stored: `seq` numbers a case's events 1, 2, 3... in append order.
struct StoredEvent {
  int64_t seq = 0;
  NewEvent event;
};

// The organisation columns copied onto each alert so that subscribers can filter without a
// join; taken from the commit's CaseSummary when the alert is written.
struct AlertScope {
  std::string provider_ods;
  std::string ward;
  std::string local_authority;
  std::string icb;
  friend bool operator==(const AlertScope&, const AlertScope&) = default;
};

struct AlertAck {
  std::string acked_by;
  Timestamp acked_at;
  friend bool operator==(const AlertAck&, const AlertAck&) = default;
};

// An alert as stored. `cursor` is its row id: strictly increasing in commit order, never
// reused, global across cases. Subscribers resume from the last cursor they saw.
struct StoredAlert {
  int64_t cursor = 0;
  std::string case_id;
  workflow::Alert alert;
  AlertScope scope;
  std::optional<AlertAck> ack;
};

// The outcome of a command, kept under its request id so that a retried command gets the
// original answer. `result` is opaque bytes (the serialized response).
struct RequestRecord {
  std::string request_id;
  std::string result;
  Timestamp recorded_at;
};

struct StoredRequest {
  std::string request_id;
  std::string case_id;
  int64_t version = 0;  // the case's version after the command
  std::string result;
  Timestamp recorded_at;
};

// A pending deadline: at most one per (case, kind).
struct PendingDeadline {
  std::string case_id;
  workflow::DeadlineKind kind = workflow::DeadlineKind::kEddMissing;
  Timestamp due;
  friend bool operator==(const PendingDeadline&, const PendingDeadline&) = default;
};

// What the store keeps of a case's journey beside its events: from its summary row the version,
// region states, parties and facts as the engine encoded them, and its pending deadlines, read
// in one snapshot. Written with every command in its transaction, so it matches the events
// stored with it; with the facts decoded it restores the journey without a replay
// (workflow::Journey::Restore).
struct StoredJourney {
  int64_t version = 0;
  std::array<std::string, workflow::kRegionCount> states;  // indexed by workflow::Region
  std::vector<PartyRow> parties;
  std::optional<std::string> facts;  // as CaseCommit::facts; empty: none stored (before schema 5)
  std::vector<PendingDeadline> deadlines;
};

// Everything one command changes, written together with the rest of its batch.
struct CaseCommit {
  // The version the store must hold for the case before this command: 0 for a case that does
  // not exist yet. The writer validates commands against its own state before committing, so a
  // mismatch here means a bug or a second writer; the store checks anyway as a safety net and
  // fails the whole batch with ABORTED.
  int64_t expected_version = 0;
  // The new summary row; summary.case_id names the case, summary.version is the new version.
  // REQUIRES: summary.version > expected_version.
  CaseSummary summary;
  // Appended in order after the case's last event.
  std::vector<NewEvent> events;
  // Alerts raised by this command; each gets the next cursor.
  std::vector<workflow::Alert> alerts;
  // Deadlines removed (cancelled or fired) and then set (replacing any pending deadline of the
  // same kind): removal first, so that a command may fire a deadline and set the next one of
  // the same kind.
  std::vector<workflow::DeadlineKind> deadlines_removed;
  std::vector<workflow::DeadlineSet> deadlines_set;
  // The request id and the result to replay on a retry; empty when the command carried no id.
  std::optional<RequestRecord> request;
  // The case's facts after the command, encoded by the engine (opaque to the store), kept in
  // the case's row (`cases.facts`) for the reports; empty: the stored facts are left as they are.
  std::string facts;
};

// One case's encoded facts, as the summary rebuild writes them.
struct FactsRecord {
  std::string case_id;
  std::string facts;
};

// All of one case's pending deadlines, as the summary rebuild writes them (replacing the ones
// stored).
struct DeadlinesRecord {
  std::string case_id;
  std::vector<workflow::DeadlineSet> deadlines;
};

// What the store assigned to one command of a batch.
struct CommitResult {
  std::vector<int64_t> alert_cursors;  // one per CaseCommit::alerts, in order
  std::vector<int64_t> event_seqs;     // one per CaseCommit::events, in order
};

}  // namespace tocflow::store
