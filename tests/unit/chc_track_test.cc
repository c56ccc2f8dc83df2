// The NHS Continuing Healthcare track (domain.md section 3; National Framework 2022): every row
// of the table in src/machines/chc_track.cc taken at least once, every guard both ways, the
// 28-day standard in Europe/London days, Fast Track, reviews and appeals.
//
// All times are UTC. British Summer Time runs from 29 Mar to 25 Oct 2026 and from 28 Mar to
// 31 Oct 2027: in that time a London day begins at 23:00Z the day before; otherwise at 00:00Z.
// 1 Jun 2026 is a Monday (1 Jan 2026 is a Thursday; +151 days = 21 weeks + 4 days).

#include <gmock/gmock.h>

#include <functional>
#include <initializer_list>
#include <utility>

#include "chc_fixtures.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

// Rows: NotScreened/checklist- ; ScreenedOut/checklist- ; ScreenedOut/checklist+ ;
// Referred/scheduled ; AssessmentScheduled/scheduled ; AssessmentScheduled/at-risk ;
// AssessmentScheduled/DST ; Recommended/eligible ; Eligible/review due ; ReviewDue/not eligible ;
// NotEligible/appeal ; Appealing/not eligible ; NotEligible/referral ; Referred/at-risk ;
// Referred/breach ; Recommended/not eligible.
TEST(ChcTrack, WholeTrackTableDriven) {
  Driver driver = OpenCase();
  RunSteps(
      driver, Region::kChc,
      {
          {"2026-06-01T09:00Z", ChecklistCompleted{NegativeChecklist()}, "ScreenedOut", {}},
          {"2026-06-01T10:00Z", ChecklistCompleted{NegativeChecklist()}, "ScreenedOut", {}},
          // Receipt Mon 1 Jun: at risk as 22 Jun begins (22 Jun 00:00 BST = 21 Jun 23:00Z),
          // breach as 30 Jun begins (29 Jun 23:00Z).
          {"2026-06-01T11:00Z",
           ChecklistCompleted{PositiveChecklist()},
           "Referred",
           {AlertKind::kChcReferralReceived}},
          {"2026-06-05T10:00Z", ChcAssessmentScheduled{D("2026-06-20")}, "AssessmentScheduled", {}},
          {"2026-06-06T10:00Z", ChcAssessmentScheduled{D("2026-06-23")}, "AssessmentScheduled", {}},
          {"2026-06-21T23:00Z",
           DeadlineElapsed{DeadlineKind::kChcAtRisk},
           "AssessmentScheduled",
           {AlertKind::kChcAtRisk}},
          {"2026-06-23T15:00Z", DstTwoSevere(), "Recommended", {}},
          // 29 Jun 23:30 BST: still day 28. Review due 29 Jun + 3 months = 29 Sep, as 29 Sep
          // begins (28 Sep 23:00Z).
          {"2026-06-29T22:30Z", EligibilityDecided{true}, "Eligible", {}},
          {"2026-09-28T23:00Z",
           DeadlineElapsed{DeadlineKind::kChcReviewDue},
           "ReviewDue",
           {AlertKind::kChcReviewDue}},
          {"2026-10-05T10:00Z", ReviewCompleted{false}, "NotEligible", {}},
          {"2026-10-06T10:00Z", AppealLodged{}, "Appealing", {}},
          {"2026-11-02T10:00Z", AppealDecided{false}, "NotEligible", {}},
          // Receipt Tue 3 Nov (GMT): at risk 3 + 21 = 24 Nov 00:00Z; due 3 Nov + 28 = 1 Dec;
          // breach 3 Nov + 29 = 2 Dec 00:00Z.
          {"2026-11-03T10:00Z",
           ReferredForFullAssessment{},
           "Referred",
           {AlertKind::kChcReferralReceived}},
          {"2026-11-24T00:00Z",
           DeadlineElapsed{DeadlineKind::kChcAtRisk},
           "Referred",
           {AlertKind::kChcAtRisk}},
          {"2026-12-02T00:00Z",
           DeadlineElapsed{DeadlineKind::kChcBreach},
           "Referred",
           {AlertKind::kChcBreach}},
          {"2026-12-03T10:00Z", ChcAssessmentScheduled{D("2026-12-07")}, "AssessmentScheduled", {}},
          {"2026-12-07T15:00Z", DstModerate(), "Recommended", {}},
          {"2026-12-08T10:00Z", EligibilityDecided{false}, "NotEligible", {}},
      });
  const ChcFacts& chc = driver.facts().chc;
  EXPECT_EQ(chc.checklist_positive, true);  // the last checklist, 1 Jun 11:00Z
  EXPECT_EQ(chc.referral_received_at, T("2026-11-03T10:00Z"));
  EXPECT_EQ(chc.decision_due, D("2026-12-01"));
  EXPECT_EQ(chc.dst_recommends_eligible, false);
  EXPECT_EQ(chc.eligible, false);
  EXPECT_EQ(chc.decided_at, T("2026-12-08T10:00Z"));
  EXPECT_EQ(chc.first_decided_at, T("2026-06-29T22:30Z"));
  EXPECT_EQ(chc.review_due, std::nullopt);
  EXPECT_EQ(chc.appeals, 1);
  EXPECT_FALSE(chc.fast_track);
  // Only the EDD clock of the emergency admission (08:00Z + 48 h) is left.
  EXPECT_THAT(driver.facts().open_deadlines,
              ElementsAre(Pair(DeadlineKind::kEddMissing, T("2026-06-03T08:00Z"))));
}

// (s) 28-day standard, p for the alert table: receipt Mon 1 Jun 2026 -> decision due 29 Jun
// (1 + 28), at risk as day 21 begins (22 Jun 00:00 BST = 21 Jun 23:00Z), breach as day 29
// begins (30 Jun 00:00 BST = 29 Jun 23:00Z). The referral alert is info to the CHC coordinator,
// due as the day after the due date begins (30 Jun 00:00 BST = 29 Jun 23:00Z).
TEST(ChcTrack, PositiveChecklistRefersAndStartsTwentyEightDayClock) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T08:40Z", PartyAssigned{Role::kChcCoordinator, "chc-team-a"});
  const Effects& effects =
      driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  EXPECT_EQ(driver.State(Region::kChc), "Referred");
  EXPECT_EQ(driver.facts().chc.checklist_positive, true);
  EXPECT_EQ(driver.facts().chc.referral_received_at, T("2026-06-01T09:00Z"));
  EXPECT_EQ(driver.facts().chc.decision_due, D("2026-06-29"));
  EXPECT_TRUE(Sets(effects, DeadlineKind::kChcAtRisk));
  EXPECT_TRUE(Sets(effects, DeadlineKind::kChcBreach));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcAtRisk), T("2026-06-21T23:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-06-29T23:00Z"));
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kChcReferralReceived));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kInfo);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kChcCoordinator));
  EXPECT_EQ(alert.recipients[0].party, "chc-team-a");
  EXPECT_EQ(alert.due, T("2026-06-29T23:00Z"));
  EXPECT_EQ(alert.raised_at, T("2026-06-01T09:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("decision due by 29/06/2026"));
  EXPECT_THAT(alert.message, HasSubstr("spell V100"));
}

// (s) Day 0 is the London day of receipt: 31 May 23:30Z is 1 Jun 00:30 BST, so the dates are
// those of a receipt on 1 Jun, not 31 May.
TEST(ChcTrack, DayZeroIsTheLondonDayOfReceipt) {
  Driver driver;
  driver.Apply("2026-05-31T20:30Z", Opening(T("2026-05-31T20:00Z")));
  driver.Apply("2026-05-31T23:30Z", ReferredForFullAssessment{});
  EXPECT_EQ(driver.facts().chc.decision_due, D("2026-06-29"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcAtRisk), T("2026-06-21T23:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-06-29T23:00Z"));
}

// (s) + alert table: at risk as day 21 begins is a warning to the CHC coordinator, due by the
// end of the due date; the breach deadline stays pending.
TEST(ChcTrack, AtRiskAsDayTwentyOneBeginsWarnsCoordinator) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  const Effects& effects = driver.Fire(DeadlineKind::kChcAtRisk);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kChcAtRisk));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kWarning);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kChcCoordinator));
  EXPECT_EQ(alert.raised_at, T("2026-06-21T23:00Z"));
  EXPECT_EQ(alert.due, T("2026-06-29T23:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("due by 29/06/2026 (day 21 of 28)"));
  EXPECT_EQ(driver.State(Region::kChc), "Referred");
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcAtRisk), 0u);
  EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-06-29T23:00Z"));
}

// (s) + alert table: the breach as day 29 begins with no decision is critical to the CHC
// coordinator and the CHC manager.
TEST(ChcTrack, BreachAsDayTwentyNineBeginsIsCriticalToCoordinatorAndManager) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  driver.Fire(DeadlineKind::kChcAtRisk);
  const Effects& effects = driver.Fire(DeadlineKind::kChcBreach);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kChcBreach));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kCritical);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kChcCoordinator, Role::kChcManager));
  EXPECT_EQ(alert.raised_at, T("2026-06-29T23:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("was due by 29/06/2026"));
  EXPECT_EQ(driver.State(Region::kChc), "Referred");
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcBreach), 0u);
}

// Rows AssessmentScheduled/breach, Recommended/at-risk, Recommended/breach: the clock keeps
// running through the assessment.
TEST(ChcTrack, ClockRunsThroughAssessmentAndRecommendation) {
  {
    Driver driver = OpenCase();
    RunSteps(driver, Region::kChc,
             {
                 {"2026-06-01T09:00Z",
                  ReferredForFullAssessment{},
                  "Referred",
                  {AlertKind::kChcReferralReceived}},
                 {"2026-06-02T09:00Z",
                  ChcAssessmentScheduled{D("2026-07-06")},
                  "AssessmentScheduled",
                  {}},
                 {"2026-06-21T23:00Z",
                  DeadlineElapsed{DeadlineKind::kChcAtRisk},
                  "AssessmentScheduled",
                  {AlertKind::kChcAtRisk}},
                 {"2026-06-29T23:00Z",
                  DeadlineElapsed{DeadlineKind::kChcBreach},
                  "AssessmentScheduled",
                  {AlertKind::kChcBreach}},
             });
  }
  {
    Driver driver = OpenCase();
    RunSteps(driver, Region::kChc,
             {
                 {"2026-06-01T09:00Z",
                  ReferredForFullAssessment{},
                  "Referred",
                  {AlertKind::kChcReferralReceived}},
                 {"2026-06-02T09:00Z",
                  ChcAssessmentScheduled{D("2026-06-15")},
                  "AssessmentScheduled",
                  {}},
                 {"2026-06-15T15:00Z", DstTwoSevere(), "Recommended", {}},
                 {"2026-06-21T23:00Z",
                  DeadlineElapsed{DeadlineKind::kChcAtRisk},
                  "Recommended",
                  {AlertKind::kChcAtRisk}},
                 {"2026-06-29T23:00Z",
                  DeadlineElapsed{DeadlineKind::kChcBreach},
                  "Recommended",
                  {AlertKind::kChcBreach}},
             });
    EXPECT_EQ(driver.facts().chc.dst_recommends_eligible, true);
  }
}

// (s) A decision (either way) stops the 28-day clock: both deadlines cancelled.
TEST(ChcTrack, DecisionCancelsBothDeadlines) {
  for (bool eligible : {true, false}) {
    SCOPED_TRACE(eligible);
    Driver driver = OpenCase();
    driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
    driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-10")});
    driver.Apply("2026-06-10T15:00Z", DstTwoSevere());
    const Effects& effects = driver.Apply("2026-06-12T10:00Z", EligibilityDecided{eligible});
    EXPECT_EQ(driver.State(Region::kChc), eligible ? "Eligible" : "NotEligible");
    EXPECT_TRUE(Cancels(effects, DeadlineKind::kChcAtRisk));
    EXPECT_TRUE(Cancels(effects, DeadlineKind::kChcBreach));
    EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcAtRisk), 0u);
    EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcBreach), 0u);
    // Only an eligible decision schedules a review.
    EXPECT_EQ(Sets(effects, DeadlineKind::kChcReviewDue), eligible);
    EXPECT_THAT(KindsOf(effects), IsEmpty());
    EXPECT_EQ(driver.facts().chc.eligible, eligible);
    EXPECT_EQ(driver.facts().chc.decided_at, T("2026-06-12T10:00Z"));
    EXPECT_EQ(driver.facts().chc.first_decided_at, T("2026-06-12T10:00Z"));
  }
}

// After the at-risk deadline fired, a decision has only the breach left to cancel.
TEST(ChcTrack, DecisionAfterAtRiskCancelsOnlyBreach) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-24")});
  driver.Fire(DeadlineKind::kChcAtRisk);
  driver.Apply("2026-06-24T15:00Z", DstModerate());
  const Effects& effects = driver.Apply("2026-06-25T10:00Z", EligibilityDecided{false});
  EXPECT_FALSE(Cancels(effects, DeadlineKind::kChcAtRisk));
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kChcBreach));
}

// (p) A negative Checklist screens out: no clock, no alert; a later positive Checklist refers.
TEST(ChcTrack, NegativeChecklistScreensOutAndLaterPositiveRefers) {
  Driver driver = OpenCase();
  const Effects& negative =
      driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{NegativeChecklist()});
  EXPECT_EQ(driver.State(Region::kChc), "ScreenedOut");
  EXPECT_EQ(driver.facts().chc.checklist_positive, false);
  EXPECT_FALSE(driver.facts().chc.referral_received_at.has_value());
  EXPECT_THAT(KindsOf(negative), IsEmpty());
  EXPECT_TRUE(negative.deadlines_set.empty());

  // Receipt Mon 8 Jun: due 8 + 28 = 6 Jul; at risk as 29 Jun begins (28 Jun 23:00Z); breach
  // as 7 Jul begins (6 Jul 23:00Z).
  const Effects& positive =
      driver.Apply("2026-06-08T09:00Z", ChecklistCompleted{PositiveChecklist()});
  EXPECT_EQ(driver.State(Region::kChc), "Referred");
  EXPECT_EQ(driver.facts().chc.checklist_positive, true);
  EXPECT_EQ(driver.facts().chc.decision_due, D("2026-07-06"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcAtRisk), T("2026-06-28T23:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-07-06T23:00Z"));
  EXPECT_THAT(KindsOf(positive), ElementsAre(AlertKind::kChcReferralReceived));
}

// Rows NotScreened/referral and ScreenedOut/referral: a direct referral for full assessment
// starts the same clock without a Checklist.
TEST(ChcTrack, DirectReferralStartsClock) {
  for (bool screened_out_first : {false, true}) {
    SCOPED_TRACE(screened_out_first);
    Driver driver = OpenCase();
    if (screened_out_first) {
      driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{NegativeChecklist()});
    }
    // Receipt Tue 2 Jun: due 30 Jun; at risk 23 Jun begins (22 Jun 23:00Z); breach 1 Jul
    // begins (30 Jun 23:00Z); the alert is due as 1 Jul begins too.
    const Effects& effects = driver.Apply("2026-06-02T09:00Z", ReferredForFullAssessment{});
    EXPECT_EQ(driver.State(Region::kChc), "Referred");
    EXPECT_EQ(driver.facts().chc.decision_due, D("2026-06-30"));
    EXPECT_EQ(driver.Due(DeadlineKind::kChcAtRisk), T("2026-06-22T23:00Z"));
    EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-06-30T23:00Z"));
    ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kChcReferralReceived));
    EXPECT_EQ(effects.alerts[0].due, T("2026-06-30T23:00Z"));
    EXPECT_EQ(driver.facts().chc.checklist_positive,
              screened_out_first ? std::optional<bool>(false) : std::nullopt);
  }
}
}  // namespace
}  // namespace workflow::testing
