// RebuildSummaries: the cases table recomputed from the event histories.
#include "engine/summary_rebuild.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.h"
#include "support/raw_sqlite.h"

namespace tocflow::engine::testing {
namespace {

using ::tocflow::testing::RawExec;

TEST(RebuildSummaries, RewritesOnlyTheRowsThatDifferFromTheirReplay) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string ready = h.OpenCase("r1", "V1");
  const std::string other = h.OpenCase("r2", "V2");
  Outcome moved = h.engine().Execute(
      CaseCommand("r3", ready, At("2026-06-02T10:00Z", workflow::ReadyForDischarge{})));
  ASSERT_TRUE(moved.ok()) << moved.status();
  const store::CaseSummary before = *h.Reader()->GetCaseSummary(ready);
  const store::CaseSummary other_before = *h.Reader()->GetCaseSummary(other);
  ASSERT_TRUE(before.ready_since.has_value());
  h.Stop();

  RawExec(h.path(),
          "UPDATE cases SET stay_state = 'Bogus', ready_since = NULL, closed = 1, "
          "ward = 'nowhere' WHERE case_id = '" +
              ready + "'");
  ASSERT_NE(*h.Reader()->GetCaseSummary(ready), before);

  auto store = store::Store::Open(h.path());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<RebuildReport> report =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->cases, 2);
  EXPECT_EQ(report->changed, 1);
  EXPECT_THAT(report->changed_cases, ::testing::ElementsAre(ready));
  EXPECT_EQ(*h.Reader()->GetCaseSummary(ready), before);
  EXPECT_EQ(*h.Reader()->GetCaseSummary(other), other_before);

  absl::StatusOr<RebuildReport> again = RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->changed, 0);
}

TEST(RebuildSummaries, FillsTheBoardColumnsOfRowsWrittenBeforeSchema4) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string id = h.OpenCase("r1", "V1");
  for (auto [request, event] : std::vector<std::pair<std::string, workflow::EventPayload>>{
           {"r2", workflow::ReadyForDischarge{}},
           {"r3", workflow::PathwayAgreed{workflow::Pathway::kPathway3}},
           {"r4", workflow::PartyAssigned{workflow::Role::kCareTransferHub, "hub-nurse-1"}}}) {
    Outcome done = h.engine().Execute(CaseCommand(request, id, At("2026-06-02T10:00Z", event)));
    ASSERT_TRUE(done.ok()) << done.status();
  }
  const store::CaseSummary written = *h.Reader()->GetCaseSummary(id);
  EXPECT_EQ(written.pathway, "pathway_3");
  ASSERT_EQ(written.parties.size(), 1u);
  EXPECT_EQ(written.parties[0].party, "hub-nurse-1");
  ASSERT_FALSE(written.deadline_owners.empty());
  ASSERT_TRUE(written.admitted_at.has_value());
  h.Stop();

  // What a row migrated from schema 3 looks like: the new columns empty, a rebuild filed.
  RawExec(h.path(),
          "UPDATE cases SET admitted_at = NULL, pathway = NULL, parties = '', "
          "deadline_owners = ''; INSERT INTO maintenance (task) VALUES ('rebuild_summaries')");
  auto store = store::Store::Open(h.path());
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE(*(*store)->SummaryRebuildPending());
  absl::StatusOr<RebuildReport> report =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->changed, 1);
  EXPECT_EQ(*h.Reader()->GetCaseSummary(id), written);
  EXPECT_FALSE(*(*store)->SummaryRebuildPending());
}

TEST(RebuildSummaries, NamesACaseWhoseHistoryCannotBeRead) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string id = h.OpenCase("r1", "V1");
  h.Stop();
  // Events are append-only: the trigger must go before the payload can be damaged.
  RawExec(h.path(),
          "DROP TRIGGER events_append_only_update; UPDATE events SET payload = x'ff00ff' "
          "WHERE case_id = '" +
              id + "'");
  auto store = store::Store::Open(h.path());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<RebuildReport> report =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(report.status().message()), ::testing::HasSubstr(id));
}

// The stored facts are a cache like the summary: the rebuild writes the missing and the wrong
// ones (a file from before schema 5, a row edited by hand) and leaves the right ones alone.
TEST(RebuildSummaries, WritesStoredFactsThatAreMissingOrDifferFromTheReplay) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string missing = h.OpenCase("f1", "V1");
  const std::string wrong = h.OpenCase("f2", "V2");
  const std::string right = h.OpenCase("f3", "V3");
  h.Stop();
  const std::optional<std::string> right_before = *h.Reader()->CaseFacts(right);
  const std::optional<std::string> wrong_before = *h.Reader()->CaseFacts(wrong);
  ASSERT_TRUE(right_before.has_value());
  ASSERT_TRUE(wrong_before.has_value());

  RawExec(h.path(), "UPDATE cases SET facts = NULL WHERE case_id = '" + missing +
                        "'; UPDATE cases SET facts = x'00' WHERE case_id = '" + wrong + "'");
  ASSERT_EQ(*h.Reader()->CaseFacts(missing), std::nullopt);

  auto store = store::Store::Open(h.path());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<RebuildReport> report =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->cases, 3);
  EXPECT_EQ(report->changed, 0);  // the summaries were right
  EXPECT_EQ(report->facts_written, 2);
  EXPECT_EQ(*h.Reader()->CaseFacts(wrong), wrong_before);
  EXPECT_EQ(*h.Reader()->CaseFacts(right), right_before);
  const std::optional<std::string> filled = *h.Reader()->CaseFacts(missing);
  ASSERT_TRUE(filled.has_value());
  EXPECT_FALSE(filled->empty());

  absl::StatusOr<RebuildReport> again = RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->facts_written, 0);
}

// The deadlines table is derived too: a pending deadline missing from it would never fire, and
// one the journey does not hold would be refused each time the case changes.
TEST(RebuildSummaries, ReplacesPendingDeadlinesThatDifferFromTheReplay) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string lost = h.OpenCase("r1", "V1");  // an emergency admission: EDD pending
  const std::string extra = h.OpenCase("r2", "V2");
  const std::string intact = h.OpenCase("r3", "V3");
  const std::vector<store::PendingDeadline> lost_before = *h.Reader()->CaseDeadlines(lost);
  const std::vector<store::PendingDeadline> extra_before = *h.Reader()->CaseDeadlines(extra);
  const store::CaseSummary lost_summary = *h.Reader()->GetCaseSummary(lost);
  ASSERT_EQ(lost_before.size(), 1u);
  ASSERT_TRUE(lost_summary.next_deadline_at.has_value());
  h.Stop();

  auto store = store::Store::Open(h.path());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<RebuildReport> untouched =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(untouched.ok()) << untouched.status();
  EXPECT_EQ(untouched->deadlines_written, 0);

  RawExec(h.path(), "DELETE FROM deadlines WHERE case_id = '" + lost +
                        "'; UPDATE cases SET next_deadline_at = NULL WHERE case_id = '" + lost +
                        "'; INSERT INTO deadlines (case_id, kind, due_at) VALUES ('" + extra +
                        "', 'chc_review_due', 1); UPDATE cases SET next_deadline_at = 1 "
                        "WHERE case_id = '" +
                        extra + "'");
  absl::StatusOr<RebuildReport> report =
      RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->deadlines_written, 2);
  EXPECT_EQ(*h.Reader()->CaseDeadlines(lost), lost_before);
  EXPECT_EQ(*h.Reader()->CaseDeadlines(extra), extra_before);
  EXPECT_EQ(h.Reader()->CaseDeadlines(intact)->size(), 1u);
  EXPECT_EQ(h.Reader()->GetCaseSummary(lost)->next_deadline_at, lost_summary.next_deadline_at);
  EXPECT_EQ(h.Reader()->GetCaseSummary(extra)->next_deadline_at, extra_before[0].due);

  absl::StatusOr<RebuildReport> again = RebuildSummaries(**store, workflow::DefaultReferenceData());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->deadlines_written, 0);
}

}  // namespace
}  // namespace tocflow::engine::testing
