#include "schema.h"

#include <array>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Transaction.h"
#include "store/options.h"

namespace tocflow::store::internal {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Times are Unix seconds (INTEGER); enum values are libworkflow's stable snake_case names.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE cases (
  case_id          TEXT PRIMARY KEY NOT NULL,
  version          INTEGER NOT NULL CHECK (version > 0),
  nhs_number       TEXT NOT NULL,
  local_patient_id TEXT NOT NULL,
  spell_id         TEXT,
  provider_ods     TEXT NOT NULL,
  site             TEXT NOT NULL,
  ward             TEXT NOT NULL,
  bed              TEXT NOT NULL,
  local_authority  TEXT NOT NULL,
  icb              TEXT NOT NULL,
  rule_set         TEXT NOT NULL,
  stay_state       TEXT NOT NULL,
  notices_state    TEXT NOT NULL,
  chc_state        TEXT NOT NULL,
  care_state       TEXT NOT NULL,
  equipment_state  TEXT NOT NULL,
  ready_since      INTEGER,
  discharged_at    INTEGER,
  next_deadline_at INTEGER,
  opened_at        INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (provider_ods, spell_id)
);
CREATE INDEX cases_by_ward ON cases (provider_ods, ward);
CREATE INDEX cases_by_local_authority ON cases (local_authority);
CREATE INDEX cases_by_icb ON cases (icb);
CREATE INDEX cases_by_stay_state ON cases (stay_state);
CREATE INDEX cases_by_notices_state ON cases (notices_state);
CREATE INDEX cases_by_chc_state ON cases (chc_state);
CREATE INDEX cases_by_care_state ON cases (care_state);
CREATE INDEX cases_by_equipment_state ON cases (equipment_state);
CREATE INDEX cases_by_ready_since ON cases (ready_since);
CREATE INDEX cases_by_next_deadline ON cases (next_deadline_at);
CREATE INDEX cases_by_nhs_number ON cases (nhs_number);
CREATE INDEX cases_by_local_patient_id ON cases (local_patient_id);

CREATE TABLE events (
  case_id     TEXT NOT NULL REFERENCES cases (case_id),
  seq         INTEGER NOT NULL CHECK (seq > 0),
  type        TEXT NOT NULL,
  payload     BLOB NOT NULL,
  actor       TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  request_id  TEXT,
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id         TEXT NOT NULL REFERENCES cases (case_id),
  kind            TEXT NOT NULL,
  severity        TEXT NOT NULL,
  message         TEXT NOT NULL,
  raised_at       INTEGER NOT NULL,
  due_at          INTEGER,
  pence_per_day   INTEGER,
  provider_ods    TEXT NOT NULL,
  ward            TEXT NOT NULL,
  local_authority TEXT NOT NULL,
  icb             TEXT NOT NULL
);
CREATE INDEX alerts_by_case ON alerts (case_id, id);
CREATE INDEX alerts_by_provider ON alerts (provider_ods, id);
CREATE INDEX alerts_by_local_authority ON alerts (local_authority, id);
CREATE INDEX alerts_by_icb ON alerts (icb, id);

CREATE TABLE alert_recipients (
  alert_id INTEGER NOT NULL REFERENCES alerts (id),
  ord      INTEGER NOT NULL,
  role     TEXT NOT NULL,
  party    TEXT NOT NULL,
  PRIMARY KEY (alert_id, ord)
) WITHOUT ROWID;
CREATE INDEX alert_recipients_by_role ON alert_recipients (role, alert_id);
CREATE INDEX alert_recipients_by_party ON alert_recipients (party, alert_id);

CREATE TABLE alert_acks (
  alert_id INTEGER PRIMARY KEY REFERENCES alerts (id),
  acked_by TEXT NOT NULL,
  acked_at INTEGER NOT NULL
);

CREATE TABLE deadlines (
  case_id TEXT NOT NULL REFERENCES cases (case_id),
  kind    TEXT NOT NULL,
  due_at  INTEGER NOT NULL,
  PRIMARY KEY (case_id, kind)
) WITHOUT ROWID;
CREATE INDEX deadlines_by_due ON deadlines (due_at, case_id, kind);

CREATE TABLE requests (
  request_id  TEXT PRIMARY KEY NOT NULL,
  case_id     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  result      BLOB NOT NULL,
  recorded_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
    // 2: closed cases (died, admission cancelled) get their own flag, so that worklists of open
    // cases need not know state names; orderings of ListCases get indexes matching their keys.
    {2, R"sql(
ALTER TABLE cases ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));
UPDATE cases SET closed = 1 WHERE stay_state IN ('Died', 'Cancelled');
CREATE INDEX cases_open ON cases (case_id) WHERE closed = 0 AND discharged_at IS NULL;
DROP INDEX cases_by_ready_since;
DROP INDEX cases_by_next_deadline;
CREATE INDEX cases_by_ready_since ON cases (COALESCE(ready_since, 9223372036854775807), case_id);
CREATE INDEX cases_by_next_deadline
  ON cases (COALESCE(next_deadline_at, 9223372036854775807), case_id);
CREATE INDEX cases_by_opened_at ON cases (opened_at, case_id);
)sql"},
    // 3: the worklists (a ward's cases in id order; an LA's or ICB's cases by delay) read an
    // index in order instead of sorting every case of the organisation.
    {3, R"sql(
DROP INDEX cases_by_ward;
DROP INDEX cases_by_local_authority;
DROP INDEX cases_by_icb;
CREATE INDEX cases_by_ward ON cases (provider_ods, ward, case_id);
CREATE INDEX cases_by_local_authority
  ON cases (local_authority, COALESCE(ready_since, 9223372036854775807), case_id);
CREATE INDEX cases_by_icb ON cases (icb, COALESCE(ready_since, 9223372036854775807), case_id);
)sql"},
    // 4: what a board shows for each case without reading its history (admission time, pathway,
    // delay reason, parties, who owns each pending deadline), and a site worklist. Existing rows
    // get these columns from their histories: the migration files a summary rebuild, which
    // tocflowd runs when it opens the store (Store::SummaryRebuildPending).
    {4, R"sql(
ALTER TABLE cases ADD COLUMN admitted_at INTEGER;
ALTER TABLE cases ADD COLUMN pathway TEXT;
ALTER TABLE cases ADD COLUMN dtoc_reason TEXT;
ALTER TABLE cases ADD COLUMN nctr_reason TEXT;
ALTER TABLE cases ADD COLUMN attribution TEXT;
ALTER TABLE cases ADD COLUMN parties TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN deadline_owners TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_site ON cases (provider_ods, site, case_id);
CREATE TABLE maintenance (task TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
INSERT INTO maintenance (task) SELECT 'rebuild_summaries' WHERE EXISTS (SELECT 1 FROM cases);
)sql"},
    // 5: each case's facts as of its last event (tocflow.v1.CaseFacts, encoded by the engine),
    // so that a report reads them instead of replaying every history. Existing cases get theirs
    // from the summary rebuild this files; until then a report replays a case without a row.
    {5, R"sql(
CREATE TABLE case_facts (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (case_id),
  facts   BLOB NOT NULL
);
INSERT OR IGNORE INTO maintenance (task)
  SELECT 'rebuild_summaries' WHERE EXISTS (SELECT 1 FROM cases);
)sql"},
    // 6: the worklists of open cases (the default of ListCases) read indexes of open cases only.
    // The indexes of 3 hold every case an organisation ever had: a ward's open cases were found
    // by reading the rows of all its discharged ones, ten times more at ten times the cases.
    // SQLite uses an index below when the query has both terms of its WHERE, as QueryCasePage
    // writes them for open cases.
    {6, R"sql(
CREATE INDEX cases_open_by_ward ON cases (provider_ods, ward, case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
CREATE INDEX cases_open_by_site ON cases (provider_ods, site, case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
CREATE INDEX cases_open_by_local_authority
  ON cases (local_authority, COALESCE(ready_since, 9223372036854775807), case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
CREATE INDEX cases_open_by_icb
  ON cases (icb, COALESCE(ready_since, 9223372036854775807), case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
CREATE INDEX cases_open_by_ready_since
  ON cases (COALESCE(ready_since, 9223372036854775807), case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
CREATE INDEX cases_open_by_next_deadline
  ON cases (COALESCE(next_deadline_at, 9223372036854775807), case_id)
  WHERE closed = 0 AND discharged_at IS NULL;
)sql"},
    // 7: fewer pages written per command. Each case's facts move into its summary row (a
    // command rewrites that row anyway: one page instead of two), and the region-state indexes
    // go: every transition rewrote an entry of one (two pages), and the worklists find cases by
    // organisation (their open-case indexes), a state filter then checks the rows they read.
    {7, R"sql(
ALTER TABLE cases ADD COLUMN facts BLOB;
UPDATE cases SET facts = (SELECT f.facts FROM case_facts AS f WHERE f.case_id = cases.case_id);
DROP TABLE case_facts;
DROP INDEX cases_by_stay_state;
DROP INDEX cases_by_notices_state;
DROP INDEX cases_by_chc_state;
DROP INDEX cases_by_care_state;
DROP INDEX cases_by_equipment_state;
)sql"},
};

static_assert(std::size(kMigrations) == kSchemaVersion,
              "one migration per schema version, numbered 1..kSchemaVersion");

}  // namespace

int ReadSchemaVersion(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

absl::Status CheckNotNewer(int found, const std::string& path) {
  if (found <= kSchemaVersion) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "database " + path + " was made by a newer tocflowd: schema " + std::to_string(found) +
      ", this build knows " + std::to_string(kSchemaVersion) +
      "; run the newer tocflowd or restore a backup made by this version");
}

void MigrateToCurrent(SQLite::Database& db) { MigrateTo(db, kSchemaVersion); }

void MigrateTo(SQLite::Database& db, int version) {
  for (const Migration& step : kMigrations) {
    if (step.version > version) break;
    // Read inside the transaction so that two processes migrating at once cannot both apply
    // the same step: IMMEDIATE takes the write lock first.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (ReadSchemaVersion(db) >= step.version) continue;  // rolls back the empty transaction
    db.exec(step.sql);
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    transaction.commit();
  }
}

}  // namespace tocflow::store::internal
