// Store: opening, schema versions, connection settings, group commit and its atomicity,
// versions, request ids, readers on other connections, disk full.
#include "store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>

#include "store_fixture.h"
#include "support/raw_sqlite.h"

namespace tocflow::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using ::tocflow::testing::RawCount;
using ::tocflow::testing::RawExec;

TEST(StoreOpen, CreatesTheSchemaAtTheCurrentVersion) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<ConnectionSettings> settings = (*store)->Settings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->schema_version, kSchemaVersion);
  EXPECT_EQ(RawCount(path,
                     "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     "('cases', 'events', 'alerts', 'alert_recipients', 'alert_acks', "
                     "'deadlines', 'requests')"),
            7);
}

TEST(StoreOpen, MigratesAnEmptyFileMadeElsewhere) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  RawExec(path, "CREATE TABLE unrelated (x INTEGER)");  // user_version 0
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), kSchemaVersion);
}

TEST(StoreOpen, ReopeningKeepsDataAndVersion) {
  TempDir dir;
  const std::string path = dir.File("reopen.db");
  {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Commit({Open("c1", "r1")}).ok());
  }
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_EQ((*store)->Settings()->schema_version, kSchemaVersion);
    absl::StatusOr<std::unique_ptr<StoreReader>> reader = (*store)->OpenReader();
    ASSERT_TRUE(reader.ok()) << reader.status();
    EXPECT_EQ(*(*reader)->CaseCount(), 1);
    EXPECT_EQ((*reader)->LoadEvents("c1")->size(), 1u);
  }
}

TEST(StoreOpen, RefusesADatabaseFromANewerBuild) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  ASSERT_TRUE(Store::Open(path).ok());
  RawExec(path, "PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));

  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("made by a newer tocflowd: schema " + std::to_string(kSchemaVersion + 1) +
                        ", this build knows " + std::to_string(kSchemaVersion)));
  EXPECT_EQ(StoreReader::Open(path).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), kSchemaVersion + 1);  // left untouched
}

TEST(StoreOpen, ReaderRefusesAFileNotYetMigrated) {
  TempDir dir;
  const std::string path = dir.File("old.db");
  RawExec(path, "CREATE TABLE unrelated (x INTEGER)");
  absl::StatusOr<std::unique_ptr<StoreReader>> reader = StoreReader::Open(path);
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(reader.status().message()), HasSubstr("Store::Open"));
}

TEST(StoreOpen, ReaderOnAMissingFileIsUnavailable) {
  TempDir dir;
  EXPECT_EQ(StoreReader::Open(dir.File("missing.db")).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(StoreOpen, AFileThatIsNotADatabaseIsDataLoss) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string junk(4096, 'x');
    std::fwrite(junk.data(), 1, junk.size(), f);
    std::fclose(f);
  }
  EXPECT_EQ(Store::Open(path).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(StoreTest, WriterRunsInWalWithFullSyncAndForeignKeys) {
  absl::StatusOr<ConnectionSettings> writer = store_->Settings();
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ(writer->journal_mode, "wal");
  EXPECT_EQ(writer->synchronous, "full");
  EXPECT_TRUE(writer->foreign_keys);
  EXPECT_EQ(writer->busy_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(writer->cache_kib, 2000);  // SQLite's default
  absl::StatusOr<ConnectionSettings> reader = reader_->Settings();
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(reader->journal_mode, "wal");
  EXPECT_EQ(RawCount(path_, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
            1);
}

TEST(StoreSettings, NormalSynchronousBusyTimeoutAndCacheAreApplied) {
  TempDir dir;
  StoreOptions options;
  options.synchronous = Synchronous::kNormal;
  options.busy_timeout = std::chrono::milliseconds(1234);
  options.writer_cache_mib = 96;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.File("normal.db"), options);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<ConnectionSettings> settings = (*store)->Settings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->synchronous, "normal");
  EXPECT_EQ(settings->busy_timeout, std::chrono::milliseconds(1234));
  EXPECT_EQ(settings->cache_kib, 96 * 1024);
  EXPECT_EQ(Name(Synchronous::kNormal), "normal");
  EXPECT_EQ(Name(Synchronous::kFull), "full");
}

TEST_F(StoreTest, CommitStoresEverythingOfACommand) {
  CaseCommit c = Open("c1", "r1");
  c.events.push_back(Event("edd_set", "r1"));
  c.alerts.push_back(MakeAlert(workflow::AlertKind::kCaseOpened,
                               {workflow::Role::kWardDischargeCoordinator}, "team-a"));
  c.deadlines_set.push_back({workflow::DeadlineKind::kEddMissing, T(2'000'000)});
  std::vector<CommitResult> results = MustCommit({c});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_THAT(results[0].event_seqs, ElementsAre(1, 2));
  ASSERT_EQ(results[0].alert_cursors.size(), 1u);

  absl::StatusOr<CaseSummary> summary = reader_->GetCaseSummary("c1");
  ASSERT_TRUE(summary.ok()) << summary.status();
  CaseSummary expected = c.summary;
  expected.next_deadline_at = T(2'000'000);  // derived from the deadlines
  EXPECT_EQ(*summary, expected);

  absl::StatusOr<std::vector<StoredEvent>> events = reader_->LoadEvents("c1");
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].seq, 1);
  EXPECT_EQ((*events)[0].event.type, "case_opened");
  EXPECT_EQ((*events)[0].event.payload, c.events[0].payload);  // bytes, NUL included
  EXPECT_EQ((*events)[0].event.actor, "ward-clerk");
  EXPECT_EQ((*events)[0].event.occurred_at, T(1'000'100));
  EXPECT_EQ((*events)[0].event.recorded_at, T(1'000'101));
  EXPECT_EQ((*events)[0].event.request_id, "r1");
  EXPECT_EQ((*events)[1].seq, 2);
  EXPECT_EQ((*events)[1].event.type, "edd_set");

  absl::StatusOr<std::vector<StoredAlert>> alerts = reader_->AlertsAfter(0, {}, 10);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].cursor, results[0].alert_cursors[0]);
  EXPECT_EQ((*alerts)[0].case_id, "c1");
  EXPECT_EQ((*alerts)[0].scope, (AlertScope{"RXX", "Ward 7", "E09000001", "QWE"}));

  EXPECT_EQ(*reader_->PendingDeadlineCount(), 1);
  absl::StatusOr<StoredRequest> request = reader_->LookupRequest("r1");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->case_id, "c1");
  EXPECT_EQ(request->version, 1);
  EXPECT_EQ(request->result, "result-r1");
  EXPECT_EQ(request->recorded_at, T(5));
}

TEST_F(StoreTest, ABatchOfCommandsForOneCaseAppliesInOrder) {
  CaseCommit second = Next("c1", 1, "edd_set");
  CaseCommit third = Next("c1", 2, "medically_optimised");
  std::vector<CommitResult> results = MustCommit({Open("c1"), second, third});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_THAT(results[2].event_seqs, ElementsAre(3));
  EXPECT_EQ(reader_->GetCaseSummary("c1")->version, 3);
  absl::StatusOr<std::vector<StoredEvent>> events = reader_->LoadEvents("c1");
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[2].event.type, "medically_optimised");
}

// A whole history in one batch (as gen_cases writes one) ends exactly as the same commands
// committed one by one, though the batch writes the case's row once.
TEST_F(StoreTest, AHistoryInOneBatchEndsAsItsCommandsOneByOne) {
  using workflow::DeadlineKind;
  std::vector<CaseCommit> history;
  history.push_back(Open("c1", "r1"));
  history[0].deadlines_set.push_back({DeadlineKind::kEddMissing, T(2'000'000)});
  history[0].facts = "facts-1";
  CaseCommit moved = Next("c1", 1, "ready_for_discharge");
  moved.summary.ward = "Ward 9";
  moved.summary.ready_since = T(1'000'050);
  moved.deadlines_removed.push_back(DeadlineKind::kEddMissing);
  moved.deadlines_set.push_back({DeadlineKind::kDelayedSevenDays, T(3'000'000)});
  moved.alerts.push_back(MakeAlert(workflow::AlertKind::kCaseOpened, {workflow::Role::kGp}));
  moved.facts = "facts-2";
  history.push_back(moved);
  history.push_back(Open("c2"));  // another case in between
  CaseCommit last = Next("c1", 2, "party_assigned");
  last.summary = moved.summary;
  last.summary.version = 3;
  last.summary.ward = "Ward 10";
  last.summary.updated_at = T(1'000'003);
  last.request = RequestRecord{"r3", "result-r3", T(6)};  // no facts: the last given stay
  history.push_back(last);

  const std::vector<CommitResult> together = MustCommit(history);
  ASSERT_EQ(together.size(), 4u);
  EXPECT_THAT(together[3].event_seqs, ElementsAre(3));

  TempDir other_dir;
  absl::StatusOr<std::unique_ptr<Store>> other = Store::Open(other_dir.File("one-by-one.db"));
  ASSERT_TRUE(other.ok()) << other.status();
  for (const CaseCommit& c : history) ASSERT_TRUE((*other)->Commit({c}).ok());
  absl::StatusOr<std::unique_ptr<StoreReader>> other_reader = (*other)->OpenReader();
  ASSERT_TRUE(other_reader.ok()) << other_reader.status();

  for (const std::string id : {"c1", "c2"}) {
    SCOPED_TRACE(id);
    absl::StatusOr<CaseSummary> summary = reader_->GetCaseSummary(id);
    ASSERT_TRUE(summary.ok()) << summary.status();
    EXPECT_EQ(*summary, *(*other_reader)->GetCaseSummary(id));
    EXPECT_EQ(*reader_->CaseFacts(id), *(*other_reader)->CaseFacts(id));
    EXPECT_EQ(reader_->LoadEvents(id)->size(), (*other_reader)->LoadEvents(id)->size());
  }
  CaseSummary expected = last.summary;
  expected.next_deadline_at = T(3'000'000);
  EXPECT_EQ(*reader_->GetCaseSummary("c1"), expected);
  EXPECT_EQ(reader_->CaseFacts("c1")->value_or(""), "facts-2");
  absl::StatusOr<std::vector<StoredAlert>> alerts = reader_->AlertsAfter(0, {}, 10);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].scope.ward, "Ward 9");  // its own command's ward
  EXPECT_EQ(reader_->LookupRequest("r3")->version, 3);
  EXPECT_EQ(RawCount(path_, "SELECT COUNT(*) FROM cases WHERE ward = 'Ward 10'"), 1);
  EXPECT_EQ(RawCount(path_, "SELECT COUNT(*) FROM cases WHERE ward = 'Ward 9'"), 0);
  EXPECT_EQ(RawCount(path_,
                     "SELECT COUNT(*) FROM pragma_integrity_check WHERE "
                     "integrity_check <> 'ok'"),
            0);
}

TEST_F(StoreTest, AStaleVersionWithinOneBatchAbortsIt) {
  absl::StatusOr<std::vector<CommitResult>> stale =
      store_->Commit({Open("c1"), Next("c1", 1, "edd_set"), Next("c1", 1, "edd_set")});
  ASSERT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(stale.status().message()),
              HasSubstr("nothing was stored: command 3: case 'c1' is at version 2 but the "
                        "command expected version 1"));
  EXPECT_EQ(*reader_->CaseCount(), 0);
}

TEST_F(StoreTest, ACommitRewritesTheSummaryColumnsThatChangeAndKeepsTheOthers) {
  using workflow::DeadlineKind;
  CaseCommit open = Open("c1");
  open.deadlines_set.push_back({DeadlineKind::kEddMissing, T(2'000'000)});
  MustCommit({open});
  CaseSummary expected = open.summary;
  expected.next_deadline_at = T(2'000'000);
  EXPECT_EQ(*reader_->GetCaseSummary("c1"), expected);

  // Indexed and plain columns change, some to NULL; the next deadline moves.
  CaseCommit moved = Next("c1", 1, "ready_for_discharge");
  moved.summary.ward = "Ward 9";
  moved.summary.states[0] = "ready_for_discharge";
  moved.summary.ready_since = T(1'000'050);
  moved.summary.pathway = "";
  moved.summary.dtoc_reason = "";
  moved.summary.attribution = "";
  moved.summary.parties = {{"la_social_worker", "sw-8"}};
  moved.deadlines_removed.push_back(DeadlineKind::kEddMissing);
  moved.deadlines_set.push_back({DeadlineKind::kDelayedSevenDays, T(3'000'000)});
  MustCommit({moved});
  expected = moved.summary;
  expected.next_deadline_at = T(3'000'000);
  EXPECT_EQ(*reader_->GetCaseSummary("c1"), expected);

  // Only the version and update time change; the store sets the next deadline itself.
  CaseCommit same = Next("c1", 2, "party_assigned");
  same.summary = moved.summary;
  same.summary.version = 3;
  same.summary.updated_at = T(1'000'003);
  same.summary.next_deadline_at = T(5);
  MustCommit({same});
  expected.version = 3;
  expected.updated_at = T(1'000'003);
  EXPECT_EQ(*reader_->GetCaseSummary("c1"), expected);

  // The indexes agree with the rows.
  EXPECT_EQ(RawCount(path_,
                     "SELECT COUNT(*) FROM cases WHERE provider_ods = 'RXX' AND "
                     "ward = 'Ward 9'"),
            1);
  EXPECT_EQ(RawCount(path_, "SELECT COUNT(*) FROM cases WHERE ward = 'Ward 7'"), 0);
  EXPECT_EQ(RawCount(path_,
                     "SELECT COUNT(*) FROM pragma_integrity_check WHERE "
                     "integrity_check <> 'ok'"),
            0);
}

TEST_F(StoreTest, AFailingCommandStoresNothingOfItsBatch) {
  MustCommit({Open("c0", "r-dup")});

  CaseCommit first = Open("c1", "r1");
  first.alerts.push_back(MakeAlert(workflow::AlertKind::kCaseOpened, {workflow::Role::kGp}));
  first.deadlines_set.push_back({workflow::DeadlineKind::kEddMissing, T(9)});
  CaseCommit second = Next("c0", 1, "edd_set");
  CaseCommit third = Open("c3", "r-dup");  // request id already recorded
  absl::StatusOr<std::vector<CommitResult>> results = store_->Commit({first, second, third});
  ASSERT_EQ(results.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("command 3"));
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("'r-dup'"));
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("nothing was stored"));

  EXPECT_EQ(reader_->GetCaseSummary("c1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(reader_->LoadEvents("c1")->empty());
  EXPECT_EQ(*reader_->LastAlertCursor(), 0);
  EXPECT_EQ(*reader_->PendingDeadlineCount(), 0);
  EXPECT_EQ(reader_->LookupRequest("r1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader_->GetCaseSummary("c0")->version, 1);
  EXPECT_EQ(reader_->LoadEvents("c0")->size(), 1u);
  EXPECT_EQ(*reader_->CaseCount(), 1);

  // The writer is usable again after the rollback.
  MustCommit({first});
  EXPECT_EQ(reader_->GetCaseSummary("c1")->version, 1);
}

TEST_F(StoreTest, ADuplicateRequestIdWithinOneBatchFailsIt) {
  absl::StatusOr<std::vector<CommitResult>> results =
      store_->Commit({Open("c1", "same"), Open("c2", "same")});
  EXPECT_EQ(results.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(*reader_->CaseCount(), 0);
}

TEST_F(StoreTest, StaleExpectedVersionAbortsTheWholeBatch) {
  MustCommit({Open("c1")});
  MustCommit({Next("c1", 1, "edd_set")});

  absl::StatusOr<std::vector<CommitResult>> stale =
      store_->Commit({Open("c2"), Next("c1", 1, "edd_set")});
  ASSERT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(stale.status().message()),
              HasSubstr("case 'c1' is at version 2 but the command expected version 1"));
  EXPECT_EQ(reader_->GetCaseSummary("c2").status().code(), absl::StatusCode::kNotFound);

  EXPECT_EQ(store_->Commit({Open("c1")}).status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_->Commit({Next("missing", 3, "edd_set")}).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(reader_->LoadEvents("c1")->size(), 2u);
}

TEST_F(StoreTest, InvalidCommandsAreRefusedBeforeWriting) {
  CaseCommit no_id = Open("");
  EXPECT_EQ(store_->Commit({no_id}).status().code(), absl::StatusCode::kInvalidArgument);
  CaseCommit same_version = Next("c1", 1, "x");
  same_version.summary.version = 1;
  EXPECT_EQ(store_->Commit({Open("c1"), same_version}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*reader_->CaseCount(), 0);
  EXPECT_TRUE(store_->Commit({})->empty());
}

TEST_F(StoreTest, ASecondCaseForTheSameSpellAlreadyExists) {
  MustCommit({Open("c1")});
  CaseCommit again = Open("c2");
  again.summary.spell_id = "S-c1";
  absl::StatusOr<std::vector<CommitResult>> results = store_->Commit({again});
  ASSERT_EQ(results.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("already has case 'c1'"));

  CaseCommit other_provider = again;
  other_provider.summary.provider_ods = "RYY";
  MustCommit({other_provider});
  CaseCommit no_spell_a = Open("c3");
  no_spell_a.summary.spell_id = "";
  CaseCommit no_spell_b = Open("c4");
  no_spell_b.summary.spell_id = "";
  MustCommit({no_spell_a, no_spell_b});  // cases without a spell do not collide
}

TEST_F(StoreTest, FindCaseBySpell) {
  MustCommit({Open("c1"), Open("c2")});
  absl::StatusOr<CaseSummary> found = reader_->FindCaseBySpell("RXX", "S-c2");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->case_id, "c2");
  EXPECT_EQ(reader_->FindCaseBySpell("RYY", "S-c2").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StoreTest, ReaderOnAnotherThreadSeesCommittedData) {
  ASSERT_EQ(*reader_->CaseCount(), 0);  // the reader existed before the commit
  MustCommit({Open("c1")});
  int64_t seen = -1;
  std::thread other([&] {
    absl::StatusOr<std::unique_ptr<StoreReader>> own = StoreReader::Open(path_);
    ASSERT_TRUE(own.ok()) << own.status();
    seen = *(*own)->CaseCount();
  });
  other.join();
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(*reader_->CaseCount(), 1);
  EXPECT_THAT(*reader_->AllCaseIds(), ElementsAre("c1"));
}

TEST_F(StoreTest, ReplaceSummariesRewritesRowsAndRefusesUnknownCases) {
  MustCommit({Open("c1")});
  CaseSummary rebuilt = Summary("c1", 1);
  rebuilt.ward = "Ward 9";
  ASSERT_TRUE(store_->ReplaceSummaries({rebuilt}).ok());
  EXPECT_EQ(reader_->GetCaseSummary("c1")->ward, "Ward 9");

  CaseSummary ghost = Summary("ghost", 1);
  rebuilt.ward = "Ward 10";
  EXPECT_EQ(store_->ReplaceSummaries({rebuilt, ghost}).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader_->GetCaseSummary("c1")->ward, "Ward 9");  // rolled back
}

TEST_F(StoreTest, ReplaceSummariesReplacesACasesDeadlinesAndItsNextDeadline) {
  MustCommit({Open("c1")});
  const workflow::Timestamp soon = workflow::FromUnixSeconds(1000);
  const workflow::Timestamp later = workflow::FromUnixSeconds(2000);
  ASSERT_TRUE(store_
                  ->ReplaceSummaries({}, {},
                                     {{"c1",
                                       {{workflow::DeadlineKind::kChcReviewDue, later},
                                        {workflow::DeadlineKind::kEquipmentOverdue, soon}}}})
                  .ok());
  EXPECT_EQ(reader_->CaseDeadlines("c1")->size(), 2u);
  EXPECT_EQ(reader_->GetCaseSummary("c1")->next_deadline_at, soon);

  ASSERT_TRUE(
      store_->ReplaceSummaries({}, {}, {{"c1", {{workflow::DeadlineKind::kChcReviewDue, later}}}})
          .ok());
  EXPECT_THAT(*reader_->CaseDeadlines("c1"),
              ElementsAre(PendingDeadline{"c1", workflow::DeadlineKind::kChcReviewDue, later}));
  EXPECT_EQ(reader_->GetCaseSummary("c1")->next_deadline_at, later);

  // A case that does not exist: NOT_FOUND, and the other case's replacement rolled back.
  EXPECT_EQ(store_->ReplaceSummaries({}, {}, {{"c1", {}}, {"ghost", {}}}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(reader_->CaseDeadlines("c1")->size(), 1u);
  EXPECT_EQ(reader_->GetCaseSummary("c1")->next_deadline_at, later);
}

TEST(StoreDiskFull, ACommitPastTheSizeLimitIsResourceExhaustedAndStoresNothing) {
  TempDir dir;
  StoreOptions options;
  options.max_page_count = 64;  // 64 pages of 4 KiB: the schema (44) fits, big payloads do not
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.File("full.db"), options);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Commit({Open("c1")}).ok());

  CaseCommit small = Open("c2");
  CaseCommit big = Open("c3");
  big.events[0].payload = std::string(1 << 20, 'x');
  absl::StatusOr<std::vector<CommitResult>> results = (*store)->Commit({small, big});
  ASSERT_EQ(results.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(results.status().message()), HasSubstr("full"));

  absl::StatusOr<std::unique_ptr<StoreReader>> reader = (*store)->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THAT(*(*reader)->AllCaseIds(), ElementsAre("c1"));
  EXPECT_TRUE((*store)->Commit({small}).ok());  // still writable within the limit
  EXPECT_THAT(*(*reader)->AllCaseIds(), ElementsAre("c1", "c2"));
}

}  // namespace
}  // namespace tocflow::store::testing
