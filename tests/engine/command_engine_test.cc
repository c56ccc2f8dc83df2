// The command path one command at a time: opening and moving cases, what is stored, the
// errors, a restart, deadlines from the scheduler, and the writer surviving an exception.
#include "engine/command_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "engine_fixture.h"
#include "support/raw_sqlite.h"
#include "tocflow/v1/events.pb.h"
#include "wire/event_codec.h"

namespace tocflow::engine::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::tocflow::testing::RawExec;

constexpr int kStay = static_cast<int>(workflow::Region::kStay);

TEST(CommandEngineStart, RefusesMissingOptions) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok()) << store.status();
  EngineOptions no_clock;
  EXPECT_EQ(CommandEngine::Start(*std::move(store), no_clock).status().code(),
            absl::StatusCode::kInvalidArgument);

  ManualClock clock(T("2026-06-01T09:00Z"));
  EngineOptions options;
  options.clock = &clock;
  EXPECT_EQ(CommandEngine::Start(nullptr, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.max_batch = 0;
  absl::StatusOr<std::unique_ptr<store::Store>> again = store::Store::Open(dir.File("t.db"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(CommandEngine::Start(*std::move(again), options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CommandEngine, OpensACaseAndRecordsEventsWithIncreasingVersions) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());

  Outcome opened = h.engine().Execute(OpenCommand("r1"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  const std::string case_id = opened->case_id;
  EXPECT_THAT(case_id, SizeIs(32));
  EXPECT_EQ(case_id.find_first_not_of("0123456789abcdef"), std::string::npos) << case_id;
  EXPECT_EQ(opened->version, 1);
  EXPECT_FALSE(opened->replayed);
  ASSERT_THAT(opened->states, SizeIs(workflow::kRegionCount));
  EXPECT_EQ(opened->states[kStay], "Admitted");
  ASSERT_THAT(opened->alerts, SizeIs(1));
  EXPECT_EQ(opened->alerts[0].alert.kind, workflow::AlertKind::kCaseOpened);
  EXPECT_GT(opened->alerts[0].cursor, 0);

  h.clock().Set(T("2026-06-02T10:00:05Z"));
  Outcome ready = h.engine().Execute(
      CaseCommand("r2", case_id, At("2026-06-02T10:00Z", workflow::ReadyForDischarge{}), 1));
  ASSERT_TRUE(ready.ok()) << ready.status();
  EXPECT_EQ(ready->case_id, case_id);
  EXPECT_EQ(ready->version, 2);
  EXPECT_EQ(ready->states[kStay], "ReadyForDischarge");

  Outcome assigned =
      h.engine().Execute(CaseCommand("r3", case_id, Assign("ann", "2026-06-02T11:00Z")));
  ASSERT_TRUE(assigned.ok()) << assigned.status();
  EXPECT_EQ(assigned->version, 3);

  std::unique_ptr<store::StoreReader> reader = h.Reader();
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<store::CaseSummary> summary = reader->GetCaseSummary(case_id);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->version, 3);
  EXPECT_EQ(summary->nhs_number, "9434765919");
  EXPECT_EQ(summary->local_patient_id, "MRN-V100");
  EXPECT_EQ(summary->spell_id, "V100");
  EXPECT_EQ(summary->provider_ods, "RRV");
  EXPECT_EQ(summary->ward, "Ward 7");
  EXPECT_EQ(summary->local_authority, "E09000007");
  EXPECT_EQ(summary->icb, "QMJ");
  EXPECT_EQ(summary->rule_set, workflow::RuleSetName(workflow::RuleSetId::kDischargeToAssess2022));
  EXPECT_EQ(summary->states[kStay], "ReadyForDischarge");
  for (int r = 0; r < workflow::kRegionCount; ++r) {
    EXPECT_EQ(summary->states[r], assigned->states[r]) << "region " << r;
  }
  EXPECT_EQ(summary->ready_since, T("2026-06-02T10:00Z"));
  EXPECT_EQ(summary->discharged_at, std::nullopt);
  EXPECT_EQ(summary->opened_at, T("2026-06-01T08:30Z"));
  EXPECT_EQ(summary->updated_at, T("2026-06-02T10:00:05Z"));

  absl::StatusOr<std::vector<store::StoredEvent>> events = reader->LoadEvents(case_id);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_THAT(*events, SizeIs(3));
  EXPECT_EQ((*events)[0].event.type, "case_opened");
  EXPECT_EQ((*events)[1].event.type, "ready_for_discharge");
  EXPECT_EQ((*events)[2].event.type, "party_assigned");
  EXPECT_EQ((*events)[0].event.request_id, "r1");
  EXPECT_EQ((*events)[1].event.request_id, "r2");
  EXPECT_EQ((*events)[0].event.recorded_at, T("2026-06-01T09:00Z"));
  EXPECT_EQ((*events)[1].event.recorded_at, T("2026-06-02T10:00:05Z"));
  EXPECT_EQ((*events)[1].event.occurred_at, T("2026-06-02T10:00Z"));
  EXPECT_EQ((*events)[1].event.actor, "nurse");
  tocflow::v1::RecordedEvent recorded;
  ASSERT_TRUE(recorded.ParseFromString((*events)[2].event.payload));
  absl::StatusOr<workflow::Event> decoded = wire::FromWire(recorded);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  const auto* party = std::get_if<workflow::PartyAssigned>(&decoded->payload);
  ASSERT_NE(party, nullptr);
  EXPECT_EQ(party->party, "ann");

  absl::StatusOr<std::vector<store::StoredAlert>> alerts =
      reader->AlertsAfter(0, store::AlertFilter{}, 100);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  ASSERT_FALSE(alerts->empty());
  EXPECT_EQ((*alerts)[0].cursor, opened->alerts[0].cursor);
  EXPECT_EQ((*alerts)[0].case_id, case_id);
  EXPECT_EQ((*alerts)[0].scope.provider_ods, "RRV");
}

TEST(CommandEngine, StaleExpectedVersionIsAbortedNamingTheCurrentVersion) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  ASSERT_TRUE(h.engine().Execute(CaseCommand("r2", case_id, Assign("ann"))).ok());

  Outcome stale = h.engine().Execute(CaseCommand("r3", case_id, Assign("bob"), 1));
  ASSERT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(stale.status().message()), HasSubstr("at version 2"));
  EXPECT_EQ(h.EventCount(case_id), 2u);

  Outcome current = h.engine().Execute(CaseCommand("r3", case_id, Assign("bob"), 2));
  ASSERT_TRUE(current.ok()) << current.status();  // the refused request id is still free
  EXPECT_EQ(current->version, 3);
}

TEST(CommandEngine, UnknownCaseIsNotFound) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  Outcome outcome = h.engine().Execute(CaseCommand("r1", "no-such-case", Assign("ann")));
  ASSERT_EQ(outcome.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(outcome.status().message()), HasSubstr("no-such-case"));
}

TEST(CommandEngine, CaseIdMustBeEmptyExactlyForCaseOpened) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  Command opening = OpenCommand("r1");
  opening.case_id = "mine";
  Outcome with_id = h.engine().Execute(opening);
  EXPECT_EQ(with_id.status().code(), absl::StatusCode::kInvalidArgument);
  Outcome without_id = h.engine().Execute(CaseCommand("r2", "", Assign("ann")));
  EXPECT_EQ(without_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(without_id.status().message()), HasSubstr("case_id"));
  EXPECT_EQ(*h.Reader()->CaseCount(), 0);
}

TEST(CommandEngine, LibraryRefusalsPassThroughAndStoreNothing) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  Command bad_nhs = OpenCommand("r1");
  std::get<workflow::CaseOpened>(bad_nhs.event.payload).nhs_number = "9434765918";
  EXPECT_EQ(h.engine().Execute(bad_nhs).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*h.Reader()->CaseCount(), 0);

  const std::string case_id = h.OpenCase("r1");  // the refused request id is still free
  Outcome refused = h.engine().Execute(
      CaseCommand("r2", case_id, At("2026-06-01T10:00Z", workflow::EquipmentDelivered{})));
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("equipment_delivered"));
  EXPECT_EQ(h.EventCount(case_id), 1u);
  EXPECT_EQ(h.Reader()->GetCaseSummary(case_id)->version, 1);
  EXPECT_FALSE(h.Reader()->LookupRequest("r2").ok());
}

TEST(CommandEngine, ASecondCaseForTheSameSpellIsAlreadyExists) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1", "V7");
  Outcome second = h.engine().Execute(OpenCommand("r2", "V7"));
  ASSERT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(second.status().message()), HasSubstr(case_id));
  EXPECT_THAT(std::string(second.status().message()), HasSubstr("V7"));
  EXPECT_EQ(*h.Reader()->CaseCount(), 1);
  EXPECT_TRUE(h.engine().Execute(OpenCommand("r3", "V8")).ok());  // another spell is fine
}

TEST(CommandEngine, ARestartRestoresJourneysFromTheStoreAndContinuesVersions) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  ASSERT_TRUE(h.engine()
                  .Execute(CaseCommand("r2", case_id,
                                       At("2026-06-02T10:00Z", workflow::ReadyForDischarge{})))
                  .ok());
  Outcome before = h.engine().Execute(
      CaseCommand("r3", case_id,
                  At("2026-06-02T11:00Z", workflow::PathwayAgreed{workflow::Pathway::kPathway1})));
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ(before->version, 3);

  ASSERT_TRUE(h.Start());  // a new engine on a reopened store: nothing cached
  Outcome stale =
      h.engine().Execute(CaseCommand("r4", case_id, Assign("ann", "2026-06-02T12:00Z"), 2));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  // The restored journey is in ReadyForDischarge: discharging is valid, readiness again is not.
  Outcome again = h.engine().Execute(
      CaseCommand("r5", case_id, At("2026-06-02T12:00Z", workflow::ReadyForDischarge{})));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  Outcome discharged = h.engine().Execute(CaseCommand(
      "r6", case_id, At("2026-06-03T12:00Z", workflow::Discharged{"usual residence"}), 3));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  EXPECT_EQ(discharged->version, 4);
  EXPECT_EQ(discharged->states[kStay], "Discharged");
  absl::StatusOr<store::CaseSummary> summary = h.Reader()->GetCaseSummary(case_id);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->discharged_at, T("2026-06-03T12:00Z"));
  EXPECT_EQ(summary->ready_since, std::nullopt);
  EXPECT_EQ(h.EventCount(case_id), 4u);
}

// Opens a case and makes it ready for discharge, stops the engine, sets `columns` (an SQL SET
// list) on the case's row behind its back and starts the engine again, with nothing cached.
// Returns the case id.
std::string ReadyCaseWithItsRowChanged(EngineHarness& h, const std::string& columns) {
  EXPECT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  EXPECT_TRUE(h.engine()
                  .Execute(CaseCommand("r2", case_id,
                                       At("2026-06-02T10:00Z", workflow::ReadyForDischarge{})))
                  .ok());
  h.Stop();
  RawExec(h.path(), "UPDATE cases SET " + columns + " WHERE case_id = '" + case_id + "'");
  EXPECT_TRUE(h.Start());
  return case_id;
}

// A case the writer has not cached is restored from what the store keeps beside its events (the
// row, its facts, its pending deadlines), not replayed: a state changed in the row behind the
// engine's back is the state the next command meets.
TEST(CommandEngine, ACaseNotCachedIsRestoredFromItsStoredJourneyWithoutAReplay) {
  EngineHarness h;
  const std::string case_id = ReadyCaseWithItsRowChanged(h, "stay_state = 'Admitted'");
  Outcome again = h.engine().Execute(
      CaseCommand("r3", case_id, At("2026-06-02T11:00Z", workflow::ReadyForDischarge{})));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version, 3);
  EXPECT_EQ(again->states[kStay], "ReadyForDischarge");
}

// Facts this version cannot read (a newer tocflowd's, say) are not trusted: the case is replayed
// from its events, states included.
TEST(CommandEngine, ACaseWhoseStoredFactsCannotBeReadIsReplayedFromItsEvents) {
  EngineHarness h;
  const std::string case_id =
      ReadyCaseWithItsRowChanged(h, "stay_state = 'Admitted', facts = x'ffffffff'");
  Outcome again = h.engine().Execute(
      CaseCommand("r3", case_id, At("2026-06-02T11:00Z", workflow::ReadyForDischarge{})));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition) << again.status();
  Outcome discharged = h.engine().Execute(
      CaseCommand("r4", case_id, At("2026-06-03T12:00Z", workflow::Discharged{"usual residence"})));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  EXPECT_EQ(discharged->states[kStay], "Discharged");
}

TEST(CommandEngine, DeadlineElapsedFromTheSchedulerRemovesThePendingDeadline) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  absl::StatusOr<std::vector<store::PendingDeadline>> pending = h.Reader()->CaseDeadlines(case_id);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_THAT(*pending, SizeIs(1));
  ASSERT_EQ((*pending)[0].kind, workflow::DeadlineKind::kEddMissing);
  const workflow::Timestamp due = (*pending)[0].due;

  h.clock().Set(due);
  Outcome fired = h.engine().Execute(
      Command{"", case_id, std::nullopt,
              workflow::Event{"scheduler", due,
                              workflow::DeadlineElapsed{workflow::DeadlineKind::kEddMissing}}});
  ASSERT_TRUE(fired.ok()) << fired.status();
  EXPECT_EQ(fired->version, 2);
  ASSERT_THAT(fired->alerts, SizeIs(1));
  EXPECT_EQ(fired->alerts[0].alert.kind, workflow::AlertKind::kEddNotSet);
  EXPECT_THAT(*h.Reader()->CaseDeadlines(case_id), IsEmpty());
  EXPECT_EQ(*h.Reader()->PendingDeadlineCount(), 0);
  EXPECT_EQ(h.Reader()->GetCaseSummary(case_id)->next_deadline_at, std::nullopt);

  // It fired once: a second firing is refused by the library and stores nothing.
  Outcome twice = h.engine().Execute(
      Command{"", case_id, std::nullopt,
              workflow::Event{"scheduler", due,
                              workflow::DeadlineElapsed{workflow::DeadlineKind::kEddMissing}}});
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(h.EventCount(case_id), 2u);
}

TEST(CommandEngine, ADeadlineStampedBeforeTheCasesLatestEventIsRecordedAtThatEvent) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  const workflow::Timestamp due = (*h.Reader()->CaseDeadlines(case_id))[0].due;
  // A command recorded after the due time lands before the scheduler's firing of it.
  const workflow::Timestamp later = due + std::chrono::hours(1);
  Outcome assigned = h.engine().Execute(CaseCommand(
      "r3", case_id,
      workflow::Event{"nurse", later,
                      workflow::PartyAssigned{workflow::Role::kWardDischargeCoordinator, "b"}}));
  ASSERT_TRUE(assigned.ok()) << assigned.status();
  Outcome fired = h.engine().Execute(
      Command{"", case_id, std::nullopt,
              workflow::Event{"scheduler", due,
                              workflow::DeadlineElapsed{workflow::DeadlineKind::kEddMissing}}});
  ASSERT_TRUE(fired.ok()) << fired.status();
  absl::StatusOr<std::vector<store::StoredEvent>> events = h.Reader()->LoadEvents(case_id);
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_EQ(events->back().event.type, "deadline_elapsed");
  EXPECT_EQ(events->back().event.occurred_at, later);
}

TEST(CommandEngine, AnExceptionInTheWriterAnswersInternalAndTheWriterCarriesOn) {
  EngineHarness h;
  int calls = 0;
  ASSERT_TRUE(h.Start([&calls]() -> std::string {
    if (++calls == 1) throw std::runtime_error("id generator broke");
    return "case-" + std::to_string(calls);
  }));
  Outcome broken = h.engine().Execute(OpenCommand("r1"));
  ASSERT_EQ(broken.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(broken.status().message()), HasSubstr("id generator broke"));
  EXPECT_EQ(*h.Reader()->CaseCount(), 0);

  Outcome works = h.engine().Execute(OpenCommand("r1"));
  ASSERT_TRUE(works.ok()) << works.status();
  EXPECT_EQ(works->case_id, "case-2");
}

TEST(CommandEngine, TheDestructorAnswersEveryQueuedCommand) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("r1");
  std::vector<std::future<Outcome>> answers;
  for (int i = 0; i < 20; ++i) {
    answers.push_back(
        Submit(h.engine(), CaseCommand("a" + std::to_string(i), case_id, Assign("p"))));
  }
  h.Stop();
  for (std::future<Outcome>& answer : answers) {
    ASSERT_EQ(answer.wait_for(std::chrono::seconds(0)), std::future_status::ready);
    EXPECT_TRUE(answer.get().ok());
  }
  EXPECT_EQ(h.EventCount(case_id), 21u);
}

}  // namespace
}  // namespace tocflow::engine::testing
