// Forward migration of a file left by an older tocflowd: schema 1 -> the current schema.
#include "store/migration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "store_fixture.h"
#include "support/raw_sqlite.h"

namespace tocflow::store::testing {
namespace {

using ::testing::HasSubstr;

using ::tocflow::testing::RawCount;
using ::tocflow::testing::RawExec;

// A case row as schema 1 stored it (no `closed` column).
std::string V1Case(const std::string& id, const std::string& stay_state,
                   const std::string& discharged_at) {
  return "INSERT INTO cases (case_id, version, nhs_number, local_patient_id, spell_id, "
         "provider_ods, site, ward, bed, local_authority, icb, rule_set, stay_state, "
         "notices_state, chc_state, care_state, equipment_state, ready_since, discharged_at, "
         "next_deadline_at, opened_at, updated_at) VALUES ('" +
         id + "', 2, '9434765919', 'MRN-" + id + "', 'S-" + id +
         "', 'RXX', 'Main', 'W1', 'B1', 'E09000001', 'QXX', 'discharge_to_assess_2022', '" +
         stay_state + "', 'NotApplicable', 'NotStarted', 'NotNeeded', 'NotNeeded', NULL, " +
         discharged_at +
         ", NULL, 1000, 2000);"
         "INSERT INTO events (case_id, seq, type, payload, actor, occurred_at, recorded_at) "
         "VALUES ('" +
         id + "', 1, 'case_opened', x'00', 'clerk', 1000, 1000);";
}

TEST(SchemaMigration, Version1FileIsMigratedWithItsRowsAndClosedCasesFlagged) {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  ASSERT_TRUE(MigrateSchema(path, 1).ok());
  RawExec(path, V1Case("a-died", "Died", "NULL") + V1Case("b-home", "Discharged", "1500") +
                    V1Case("c-open", "Admitted", "NULL") +
                    V1Case("d-cancelled", "Cancelled", "NULL"));

  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Settings()->schema_version, kSchemaVersion);
  auto reader = (*store)->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();

  auto died = (*reader)->GetCaseSummary("a-died");
  ASSERT_TRUE(died.ok()) << died.status();
  EXPECT_TRUE(died->closed);
  EXPECT_EQ(died->version, 2);
  EXPECT_EQ(died->local_patient_id, "MRN-a-died");
  EXPECT_TRUE((*reader)->GetCaseSummary("d-cancelled")->closed);
  EXPECT_FALSE((*reader)->GetCaseSummary("b-home")->closed);
  EXPECT_FALSE((*reader)->GetCaseSummary("c-open")->closed);
  auto events = (*reader)->LoadEvents("b-home");
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_EQ(events->size(), 1u);

  CaseFilter open;
  open.closed = false;
  open.discharged = false;
  auto page = (*reader)->ListCases(open, 100, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].case_id, "c-open");

  // Schema 4's columns are empty until the histories fill them: a rebuild is filed.
  EXPECT_FALSE(page->cases[0].admitted_at.has_value());
  EXPECT_TRUE(page->cases[0].parties.empty());
  absl::StatusOr<bool> pending = (*store)->SummaryRebuildPending();
  ASSERT_TRUE(pending.ok()) << pending.status();
  EXPECT_TRUE(*pending);
  ASSERT_TRUE((*store)->MarkSummariesRebuilt().ok());
  pending = (*store)->SummaryRebuildPending();
  ASSERT_TRUE(pending.ok()) << pending.status();
  EXPECT_FALSE(*pending);
}

TEST(SchemaMigration, ANewOrEmptyFileNeedsNoSummaryRebuild) {
  TempDir dir;
  auto fresh = Store::Open(dir.File("new.db"));
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(*(*fresh)->SummaryRebuildPending(), false);

  const std::string path = dir.File("v3-empty.db");
  ASSERT_TRUE(MigrateSchema(path, 3).ok());
  auto migrated = Store::Open(path);
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  EXPECT_EQ(*(*migrated)->SummaryRebuildPending(), false);
}

// Schema 5 keeps each case's facts beside it; the cases of an older file have none until the
// rebuild the migration files has run (a report replays them meanwhile).
TEST(SchemaMigration, CasesOfASchema4FileHaveNoStoredFactsAndARebuildIsFiled) {
  TempDir dir;
  const std::string path = dir.File("v4.db");
  ASSERT_TRUE(MigrateSchema(path, 4).ok());
  RawExec(path, V1Case("c-open", "Admitted", "NULL"));  // schema 1's columns; the rest default

  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Settings()->schema_version, kSchemaVersion);
  EXPECT_EQ(*(*store)->SummaryRebuildPending(), true);
  auto reader = (*store)->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> without_facts;
  absl::Status walked = (*reader)->ForEachCaseFacts(
      std::nullopt, [&](const std::string& id, const std::string* facts) {
        if (facts == nullptr) without_facts.push_back(id);
        return absl::OkStatus();
      });
  ASSERT_TRUE(walked.ok()) << walked;
  EXPECT_THAT(without_facts, ::testing::ElementsAre("c-open"));
}

// Schema 7 moves each case's facts into its row and drops the region-state indexes.
TEST(SchemaMigration, TheFactsOfASchema6FileMoveIntoTheirCasesRows) {
  TempDir dir;
  const std::string path = dir.File("v6.db");
  ASSERT_TRUE(MigrateSchema(path, 6).ok());
  RawExec(path, V1Case("c-with", "Admitted", "NULL"));
  RawExec(path, V1Case("c-without", "Admitted", "NULL"));
  RawExec(path, "INSERT INTO case_facts (case_id, facts) VALUES ('c-with', x'0a0b00ff')");

  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Settings()->schema_version, kSchemaVersion);
  auto reader = (*store)->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(*(*reader)->CaseFacts("c-with"), std::string("\x0a\x0b\x00\xff", 4));
  EXPECT_EQ(*(*reader)->CaseFacts("c-without"), std::nullopt);
  EXPECT_EQ(RawCount(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'case_facts'"), 0);
  EXPECT_EQ(RawCount(path,
                     "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name "
                     "LIKE 'cases_by_%_state'"),
            0);
}

TEST(SchemaMigration, RefusesAVersionThisBuildDoesNotKnow) {
  TempDir dir;
  absl::Status status = MigrateSchema(dir.File("x.db"), kSchemaVersion + 1);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("schema version must be 1.."));
}

TEST(SchemaMigration, MigratingToAnOlderVersionLeavesANewerFileAlone) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  ASSERT_TRUE(Store::Open(path).ok());
  ASSERT_TRUE(MigrateSchema(path, 1).ok());
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Settings()->schema_version, kSchemaVersion);
}

}  // namespace
}  // namespace tocflow::store::testing
