// The stay and discharge-readiness track: every row taken, every guard both ways, and the
// documented errors for events the track refuses.
#include <gmock/gmock.h>

#include "journey_fixtures.h"
#include "workflow/calendar.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(StayTrack, EmergencyAdmissionOpensCaseAndStartsEddClock) {
  Driver driver;
  const Effects& effects = driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  EXPECT_EQ(driver.State(Region::kStay), "Admitted");
  EXPECT_THAT(KindsOf(effects), ElementsAre(AlertKind::kCaseOpened));
  // HIC 1 (p): EDD within 48 h of an emergency admission.
  EXPECT_EQ(driver.Due(DeadlineKind::kEddMissing), T("2026-05-03T08:00Z"));
  EXPECT_EQ(driver.facts().identity.ward, "Ward 7");
}

TEST(StayTrack, ElectiveAdmissionHasNoEddClock) {
  Driver driver;
  const Effects& effects = driver.Apply(
      "2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z"), RuleSetId::kDischargeToAssess2022,
                                   AdmissionMethod::kElective));
  EXPECT_FALSE(Sets(effects, DeadlineKind::kEddMissing));
  EXPECT_THAT(driver.facts().open_deadlines, IsEmpty());
}

TEST(StayTrack, EddSetCancelsEddClock) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const Effects& effects =
      driver.Apply("2026-05-02T09:00Z", ExpectedDischargeDateSet{D("2026-05-06")});
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kEddMissing));
  EXPECT_EQ(driver.facts().stay.expected_discharge_date, D("2026-05-06"));
}

TEST(StayTrack, EddNotSetWarnsWard) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const Effects& effects = driver.Fire(DeadlineKind::kEddMissing);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kEddNotSet));
  EXPECT_EQ(effects.alerts[0].severity, Severity::kWarning);
  EXPECT_EQ(effects.alerts[0].recipients[0].role, Role::kWardDischargeCoordinator);
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kEddMissing), 0u);
}

TEST(StayTrack, WholeStayTableDriven) {
  Driver driver;
  RunSteps(
      driver, Region::kStay,
      {
          {"2026-05-01T09:00Z",
           Opening(T("2026-05-01T08:00Z")),
           "Admitted",
           {AlertKind::kCaseOpened}},
          {"2026-05-01T10:00Z", WardTransferred{"", "Ward 9", "3"}, "Admitted", {}},
          {"2026-05-01T11:00Z", ExpectedDischargeDateSet{D("2026-05-05")}, "Admitted", {}},
          {"2026-05-04T10:00Z", ReadyForDischarge{}, "ReadyForDischarge", {}},
          {"2026-05-04T11:00Z", WardTransferred{"", "Ward 10", "1"}, "ReadyForDischarge", {}},
          {"2026-05-04T11:30Z", ExpectedDischargeDateSet{D("2026-05-07")}, "ReadyForDischarge", {}},
          {"2026-05-04T12:00Z",
           DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage, std::nullopt,
                               Attribution::kSocialCare},
           "ReadyForDischarge",
           {}},
          {"2026-05-04T13:00Z", PathwayAgreed{Pathway::kPathway1}, "ReadyForDischarge", {}},
          {"2026-05-06T10:00Z",
           CriteriaToResideMetAgain{CriterionToReside::kIvFluids},
           "Admitted",
           {}},
          {"2026-05-06T11:00Z", PathwayAgreed{Pathway::kPathway2}, "Admitted", {}},
          {"2026-05-08T10:00Z", ReadyForDischarge{}, "ReadyForDischarge", {}},
          {"2026-05-11T10:00Z", Discharged{"care home"}, "Discharged", {AlertKind::kDischarged}},
      });
}

TEST(StayTrack, ReadyWithoutPathwayStartsPathwayClock) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const Effects& effects = driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  EXPECT_TRUE(Sets(effects, DeadlineKind::kPathwayNotAgreed));
  EXPECT_EQ(driver.Due(DeadlineKind::kPathwayNotAgreed), T("2026-05-05T10:00Z"));
  // Delay reaches 7 days as 11 May begins in London (BST: 10 May 23:00 UTC).
  EXPECT_EQ(driver.Due(DeadlineKind::kDelayedSevenDays), T("2026-05-10T23:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kDelayedTwentyOneDays), T("2026-05-24T23:00Z"));
  EXPECT_THAT(KindsOf(driver.Fire(DeadlineKind::kPathwayNotAgreed)),
              ElementsAre(AlertKind::kPathwayNotAgreed));
  const Effects& seven = driver.Fire(DeadlineKind::kDelayedSevenDays);
  ASSERT_THAT(KindsOf(seven), ElementsAre(AlertKind::kDelayedSevenDays));
  EXPECT_EQ(seven.alerts[0].severity, Severity::kWarning);
  const Effects& twenty_one = driver.Fire(DeadlineKind::kDelayedTwentyOneDays);
  ASSERT_THAT(KindsOf(twenty_one), ElementsAre(AlertKind::kDelayedTwentyOneDays));
  EXPECT_EQ(twenty_one.alerts[0].severity, Severity::kCritical);
}

TEST(StayTrack, ReadyWithPathwayAgreedHasNoPathwayClock) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-02T09:00Z", PathwayAgreed{Pathway::kPathway0});
  const Effects& effects = driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  EXPECT_FALSE(Sets(effects, DeadlineKind::kPathwayNotAgreed));
  EXPECT_TRUE(Sets(effects, DeadlineKind::kDelayedSevenDays));
}

TEST(StayTrack, PathwayAgreedWhileReadyCancelsPathwayClock) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  EXPECT_TRUE(Cancels(driver.Apply("2026-05-04T12:00Z", PathwayAgreed{Pathway::kPathway3}),
                      DeadlineKind::kPathwayNotAgreed));
}

// p (Discharge Ready Date guidance): meeting the criteria again resets the DRD and keeps the
// earlier ready period in history.
TEST(StayTrack, DrdResetWhenCriteriaMetAgain) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  EXPECT_EQ(driver.facts().stay.DischargeReadyDate(), D("2026-05-04"));
  const Effects& reset = driver.Apply("2026-05-06T10:00Z", CriteriaToResideMetAgain{});
  EXPECT_TRUE(Cancels(reset, DeadlineKind::kDelayedSevenDays));
  EXPECT_EQ(driver.facts().stay.DischargeReadyDate(), std::nullopt);
  driver.Apply("2026-05-08T10:00Z", ReadyForDischarge{});
  EXPECT_EQ(driver.facts().stay.DischargeReadyDate(), D("2026-05-08"));
  ASSERT_EQ(driver.facts().stay.ready_periods.size(), 2u);
  EXPECT_EQ(driver.facts().stay.ready_periods[0].ended_by, ReadyPeriodEnd::kCriteriaMetAgain);
  EXPECT_EQ(driver.facts().stay.ready_periods[0].end, T("2026-05-06T10:00Z"));
}

TEST(StayTrack, DelayCodedAwaitingChcToSocialCareAsksForCodingCheck) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  EXPECT_THAT(
      KindsOf(driver.Apply(
          "2026-05-04T11:00Z",
          DelayReasonRecorded{std::nullopt, NctrReason::kAwaitingChcDecision, Attribution::kBoth})),
      ElementsAre(AlertKind::kChcDelayCodingCheck));
  EXPECT_THAT(
      KindsOf(driver.Apply(
          "2026-05-04T12:00Z",
          DelayReasonRecorded{std::nullopt, NctrReason::kAwaitingChcDecision, Attribution::kNhs})),
      IsEmpty());
  EXPECT_EQ(driver.facts().stay.delay_reason_history.size(), 2u);
}

TEST(StayTrack, DischargeWhileAdmittedNeedsNoReadiness) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const Effects& effects = driver.Apply("2026-05-02T09:00Z", Discharged{});
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kEddMissing));
  EXPECT_EQ(driver.State(Region::kStay), "Discharged");
  EXPECT_EQ(driver.facts().stay.discharged_at, T("2026-05-02T09:00Z"));
}

// A13: a cancelled discharge re-opens the case as it was.
TEST(StayTrack, DischargeCancelledReopensReadiness) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  driver.Apply("2026-05-05T10:00Z", Discharged{});
  driver.Apply("2026-05-05T11:00Z", DischargeCancelled{});
  EXPECT_EQ(driver.State(Region::kStay), "ReadyForDischarge");
  EXPECT_FALSE(driver.facts().stay.discharged_at.has_value());
  EXPECT_FALSE(driver.facts().stay.ready_periods.back().end.has_value());
  EXPECT_EQ(driver.Due(DeadlineKind::kDelayedSevenDays), T("2026-05-10T23:00Z"));
}

TEST(StayTrack, DischargeCancelledWhenNotReadyReturnsToAdmitted) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-02T10:00Z", Discharged{});
  driver.Apply("2026-05-02T11:00Z", DischargeCancelled{});
  EXPECT_EQ(driver.State(Region::kStay), "Admitted");
}

TEST(StayTrack, DeathClosesCaseAndCancelsEveryDeadline) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  const Effects& effects = driver.Apply("2026-05-05T10:00Z", Died{});
  EXPECT_EQ(driver.State(Region::kStay), "Died");
  EXPECT_TRUE(driver.journey().closed());
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kEddMissing));
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kDelayedSevenDays));
  EXPECT_THAT(driver.facts().open_deadlines, IsEmpty());
  EXPECT_EQ(driver.facts().stay.ready_periods.back().ended_by, ReadyPeriodEnd::kDied);
  EXPECT_THAT(driver.journey().ValidNextEvents(), IsEmpty());
  const absl::Status status = driver.Reject("2026-05-06T10:00Z", ChecklistCompleted{});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("closed (Died)"));
}

TEST(StayTrack, AdmissionCancelledClosesCase) {
  for (bool ready : {false, true}) {
    Driver driver;
    driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
    if (ready) driver.Apply("2026-05-01T10:00Z", ReadyForDischarge{});
    driver.Apply("2026-05-01T11:00Z", AdmissionCancelled{});
    EXPECT_EQ(driver.State(Region::kStay), "Cancelled");
    EXPECT_TRUE(driver.journey().closed());
  }
}

TEST(StayTrack, RejectedEventNamesStatesAndValidEvents) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const absl::Status status = driver.Reject("2026-05-01T10:00Z", DischargeCancelled{});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("discharge_cancelled is not valid now"));
  EXPECT_THAT(status.message(), HasSubstr("stay is Admitted"));
  EXPECT_THAT(status.message(), HasSubstr("chc is NotScreened"));
  EXPECT_THAT(status.message(), HasSubstr("ready_for_discharge"));
}

TEST(StayTrack, DelayReasonOnlyWhileReady) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  EXPECT_EQ(driver
                .Reject("2026-05-01T10:00Z", DelayReasonRecorded{DtocReason::kA_AwaitingAssessment,
                                                                 std::nullopt, Attribution::kNhs})
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(StayTrack, EventsBeforeOpeningAreRefused) {
  Journey journey;
  auto result = journey.Apply(At("2026-05-01T10:00Z", ReadyForDischarge{}));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(result.status().message(), HasSubstr("has not been opened"));
}

TEST(StayTrack, CaseCannotBeOpenedTwice) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  EXPECT_EQ(driver.Reject("2026-05-01T10:00Z", Opening(T("2026-05-01T08:00Z"))).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace workflow::testing
