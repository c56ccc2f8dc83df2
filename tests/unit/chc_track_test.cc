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

#include "journey_fixtures.h"
#include "workflow/chc_tools.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

// Positive: two A (nutrition, continence), the 2-A rule (p).
std::array<ChecklistScore, 11> PositiveChecklist() {
  std::array<ChecklistScore, 11> scores;
  scores.fill(ChecklistScore::kC);
  scores[static_cast<size_t>(ChecklistDomain::kNutrition)] = ChecklistScore::kA;
  scores[static_cast<size_t>(ChecklistDomain::kContinence)] = ChecklistScore::kA;
  return scores;
}

// Negative: three B and nothing else (p: fewer than 5 B, no A).
std::array<ChecklistScore, 11> NegativeChecklist() {
  std::array<ChecklistScore, 11> scores;
  scores.fill(ChecklistScore::kC);
  scores[static_cast<size_t>(ChecklistDomain::kMobility)] = ChecklistScore::kB;
  scores[static_cast<size_t>(ChecklistDomain::kCognition)] = ChecklistScore::kB;
  scores[static_cast<size_t>(ChecklistDomain::kNutrition)] = ChecklistScore::kB;
  return scores;
}

// Severe in cognition and mobility: two Severe, eligibility expected (p).
DstCompleted DstTwoSevere() {
  DstCompleted dst;
  dst.levels.fill(DstLevel::kNoNeeds);
  dst.levels[static_cast<size_t>(DstDomain::kCognition)] = DstLevel::kSevere;
  dst.levels[static_cast<size_t>(DstDomain::kMobility)] = DstLevel::kSevere;
  return dst;
}

// Moderate everywhere: no Severe, no Priority, eligibility not expected (p).
DstCompleted DstModerate() {
  DstCompleted dst;
  dst.levels.fill(DstLevel::kModerate);
  return dst;
}

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

// (p) Fast Track establishes eligibility from any state before a decision is in force
// (NotScreened, ScreenedOut, Referred, AssessmentScheduled, Recommended, NotEligible):
// Eligible, a critical alert to the CHC coordinator due in 48 h (s), a 48 h deadline, and the
// 28-day clock stopped where one was running.
TEST(ChcTrack, FastTrackFromAnyUndecidedStateEstablishesEligibility) {
  struct Case {
    std::string_view from;
    std::function<void(Driver&)> prepare;
    bool clock_running;
  };
  const std::vector<Case> cases = {
      {"NotScreened", [](Driver&) {}, false},
      {"ScreenedOut",
       [](Driver& d) { d.Apply("2026-06-02T09:00Z", ChecklistCompleted{NegativeChecklist()}); },
       false},
      {"Referred",
       [](Driver& d) { d.Apply("2026-06-02T09:00Z", ChecklistCompleted{PositiveChecklist()}); },
       true},
      {"AssessmentScheduled",
       [](Driver& d) {
         d.Apply("2026-06-02T09:00Z", ChecklistCompleted{PositiveChecklist()});
         d.Apply("2026-06-03T09:00Z", ChcAssessmentScheduled{D("2026-06-08")});
       },
       true},
      {"Recommended",
       [](Driver& d) {
         d.Apply("2026-06-02T09:00Z", ChecklistCompleted{PositiveChecklist()});
         d.Apply("2026-06-03T09:00Z", ChcAssessmentScheduled{D("2026-06-08")});
         d.Apply("2026-06-08T15:00Z", DstModerate());
       },
       true},
      {"NotEligible",
       [](Driver& d) {
         d.Apply("2026-06-02T09:00Z", ChecklistCompleted{PositiveChecklist()});
         d.Apply("2026-06-03T09:00Z", ChcAssessmentScheduled{D("2026-06-08")});
         d.Apply("2026-06-08T15:00Z", DstModerate());
         d.Apply("2026-06-09T10:00Z", EligibilityDecided{false});
       },
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.from);
    Driver driver = OpenCase();
    c.prepare(driver);
    ASSERT_EQ(driver.State(Region::kChc), c.from);
    const Effects& effects =
        driver.Apply("2026-06-10T14:00Z", FastTrackReferred{"Dr A. Clinician"});
    EXPECT_EQ(driver.State(Region::kChc), "Eligible");
    ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kFastTrackReferral));
    const Alert& alert = effects.alerts[0];
    EXPECT_EQ(alert.severity, Severity::kCritical);
    EXPECT_THAT(Roles(alert), ElementsAre(Role::kChcCoordinator));
    // 10 Jun 14:00Z + 48 h = 12 Jun 14:00Z.
    EXPECT_EQ(alert.due, T("2026-06-12T14:00Z"));
    EXPECT_THAT(alert.message, HasSubstr("within 48 hours"));
    EXPECT_TRUE(Sets(effects, DeadlineKind::kFastTrackCareDue));
    EXPECT_EQ(driver.Due(DeadlineKind::kFastTrackCareDue), T("2026-06-12T14:00Z"));
    EXPECT_EQ(Cancels(effects, DeadlineKind::kChcAtRisk), c.clock_running);
    EXPECT_EQ(Cancels(effects, DeadlineKind::kChcBreach), c.clock_running);
    EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcAtRisk), 0u);
    EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcBreach), 0u);
    const ChcFacts& chc = driver.facts().chc;
    EXPECT_TRUE(chc.fast_track);
    EXPECT_EQ(chc.fast_track_at, T("2026-06-10T14:00Z"));
    EXPECT_EQ(chc.eligible, true);
    EXPECT_EQ(chc.decided_at, T("2026-06-10T14:00Z"));
  }
}

// Fast Track needs the clinician who completed the tool (p: an appropriate clinician).
TEST(ChcTrack, FastTrackWithoutClinicianIsInvalid) {
  Driver driver = OpenCase();
  const absl::Status status = driver.Reject("2026-06-02T09:00Z", FastTrackReferred{});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("clinician is required"));
  EXPECT_EQ(driver.State(Region::kChc), "NotScreened");
}

// (s) Service level 48 h to care in place: care in place (care track) cancels the Fast Track
// deadline.
TEST(ChcTrack, FastTrackCareInPlaceCancelsDeadline) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-10T14:00Z", FastTrackReferred{"Dr A. Clinician"});
  driver.Apply("2026-06-10T15:00Z", CareNeedsIdentified{CareType::kNursing});
  driver.Apply("2026-06-10T16:00Z", SourcingStarted{});
  driver.Apply("2026-06-10T17:00Z", ProviderOffered{"Rose Nursing Home"});
  driver.Apply("2026-06-10T18:00Z", FundingAgreed{150000, Funder::kIcb});
  driver.Apply("2026-06-10T19:00Z", StartConfirmed{D("2026-06-11"), ""});
  const Effects& effects = driver.Apply("2026-06-11T10:00Z", CareInPlace{});
  EXPECT_EQ(driver.State(Region::kCare), "CareInPlace");
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kFastTrackCareDue));
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kFastTrackCareDue), 0u);
  EXPECT_EQ(driver.State(Region::kChc), "Eligible");
}

// (s) Fast Track care not in place 48 h after referral: critical to the CHC coordinator and
// manager (row Eligible/fast-track due: the review guard says no, the Fast Track guard yes).
TEST(ChcTrack, FastTrackCareOverdueIsCritical) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-10T14:00Z", FastTrackReferred{"Dr A. Clinician"});
  EXPECT_EQ(driver.Due(DeadlineKind::kFastTrackCareDue), T("2026-06-12T14:00Z"));
  const Effects& effects = driver.Fire(DeadlineKind::kFastTrackCareDue);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kFastTrackCareOverdue));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kCritical);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kChcCoordinator, Role::kChcManager));
  EXPECT_EQ(alert.raised_at, T("2026-06-12T14:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("not in place 48 hours after referral"));
  EXPECT_EQ(driver.State(Region::kChc), "Eligible");
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kFastTrackCareDue), 0u);
}

// Once eligible there is no Fast Track row: the event is refused naming the CHC state.
TEST(ChcTrack, FastTrackRefusedOnceEligible) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-10T14:00Z", FastTrackReferred{"Dr A. Clinician"});
  const absl::Status status =
      driver.Reject("2026-06-10T15:00Z", FastTrackReferred{"Dr B. Clinician"});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("fast_track_referred is not valid now"));
  EXPECT_THAT(status.message(), HasSubstr("chc is Eligible"));
}

// (s) First review 3 months after the first decision, then at least yearly: eligible on
// 20 Jun 2026 -> review due 20 Sep 2026, as that day begins (BST: 19 Sep 23:00Z). A review
// finding eligibility on 1 Dec 2026 sets the next 12 months on: 1 Dec 2027 (GMT: 00:00Z).
TEST(ChcTrack, ReviewDueThreeMonthsAfterFirstDecisionThenYearly) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-15")});
  driver.Apply("2026-06-15T15:00Z", DstTwoSevere());
  const Effects& decided = driver.Apply("2026-06-20T10:00Z", EligibilityDecided{true});
  EXPECT_TRUE(Sets(decided, DeadlineKind::kChcReviewDue));
  EXPECT_EQ(driver.facts().chc.review_due, D("2026-09-20"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcReviewDue), T("2026-09-19T23:00Z"));

  const Effects& fired = driver.Fire(DeadlineKind::kChcReviewDue);
  EXPECT_EQ(driver.State(Region::kChc), "ReviewDue");
  ASSERT_THAT(KindsOf(fired), ElementsAre(AlertKind::kChcReviewDue));
  EXPECT_EQ(fired.alerts[0].severity, Severity::kInfo);
  EXPECT_THAT(Roles(fired.alerts[0]), ElementsAre(Role::kChcCoordinator));
  EXPECT_EQ(fired.alerts[0].due, T("2026-09-19T23:00Z"));
  EXPECT_THAT(fired.alerts[0].message, HasSubstr("is due 20/09/2026"));
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcReviewDue), 0u);

  const Effects& reviewed = driver.Apply("2026-12-01T10:00Z", ReviewCompleted{true});
  EXPECT_EQ(driver.State(Region::kChc), "Eligible");
  EXPECT_TRUE(Sets(reviewed, DeadlineKind::kChcReviewDue));
  EXPECT_EQ(driver.facts().chc.review_due, D("2027-12-01"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcReviewDue), T("2027-12-01T00:00Z"));
  EXPECT_EQ(driver.facts().chc.first_decided_at, T("2026-06-20T10:00Z"));
  EXPECT_EQ(driver.facts().chc.decided_at, T("2026-12-01T10:00Z"));
  EXPECT_EQ(driver.facts().chc.eligible, true);
}

// Review month arithmetic clamps to the month's end: 30 Nov 2026 + 3 months = 28 Feb 2027
// (2027 is not a leap year), beginning 00:00Z (GMT).
TEST(ChcTrack, ReviewDateClampsToMonthEnd) {
  Driver driver = OpenCase();
  driver.Apply("2026-11-20T09:00Z", ReferredForFullAssessment{});
  driver.Apply("2026-11-21T09:00Z", ChcAssessmentScheduled{D("2026-11-27")});
  driver.Apply("2026-11-27T15:00Z", DstTwoSevere());
  driver.Apply("2026-11-30T10:00Z", EligibilityDecided{true});
  EXPECT_EQ(driver.facts().chc.review_due, D("2027-02-28"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcReviewDue), T("2027-02-28T00:00Z"));
}

// A review finding the patient no longer eligible ends eligibility: NotEligible, no review.
TEST(ChcTrack, ReviewFindingNotEligibleEndsEligibility) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-15")});
  driver.Apply("2026-06-15T15:00Z", DstTwoSevere());
  driver.Apply("2026-06-20T10:00Z", EligibilityDecided{true});
  driver.Fire(DeadlineKind::kChcReviewDue);
  const Effects& effects = driver.Apply("2026-09-25T10:00Z", ReviewCompleted{false});
  EXPECT_EQ(driver.State(Region::kChc), "NotEligible");
  EXPECT_FALSE(Sets(effects, DeadlineKind::kChcReviewDue));
  EXPECT_EQ(driver.facts().chc.eligible, false);
  EXPECT_EQ(driver.facts().chc.review_due, std::nullopt);
  EXPECT_EQ(driver.facts().chc.decided_at, T("2026-09-25T10:00Z"));
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kChcReviewDue), 0u);
}

// Takes a fresh case to NotEligible with the decision at `decided_at`.
Driver NotEligibleCase(const std::string& decided_at) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-15")});
  driver.Apply("2026-06-15T15:00Z", DstModerate());
  driver.Apply(decided_at, EligibilityDecided{false});
  return driver;
}

// (s) Local resolution within 6 months of the decision: decided Wed 15 Jul 2026 (London day),
// the last day to appeal is 15 Jan 2027. 15 Jan 23:30Z is still 15 Jan in London (GMT).
TEST(ChcTrack, AppealWithinSixMonthsOfDecisionIsAccepted) {
  Driver driver = NotEligibleCase("2026-07-15T10:00Z");
  const Effects& effects = driver.Apply("2027-01-15T23:30Z", AppealLodged{});
  EXPECT_EQ(driver.State(Region::kChc), "Appealing");
  EXPECT_EQ(driver.facts().chc.appeals, 1);
  EXPECT_THAT(KindsOf(effects), IsEmpty());
}

// (s) An appeal on 16 Jan 2027, the day after the window ends, is refused with the reason.
TEST(ChcTrack, AppealAfterSixMonthsIsRefused) {
  Driver driver = NotEligibleCase("2026-07-15T10:00Z");
  const absl::Status status = driver.Reject("2027-01-16T00:00Z", AppealLodged{});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("chc is NotEligible"));
  EXPECT_THAT(
      status.message(),
      HasSubstr("an appeal must be lodged within 6 months of the decision (by 15/01/2027)"));
  EXPECT_EQ(driver.State(Region::kChc), "NotEligible");
  EXPECT_EQ(driver.facts().chc.appeals, 0);
}

// (s) The window counts from the London day of the decision: 15 Jul 23:30Z is 16 Jul 00:30
// BST, so an appeal on 16 Jan 2027 is still in time.
TEST(ChcTrack, AppealWindowCountsFromLondonDayOfDecision) {
  Driver driver = NotEligibleCase("2026-07-15T23:30Z");
  driver.Apply("2027-01-16T12:00Z", AppealLodged{});
  EXPECT_EQ(driver.State(Region::kChc), "Appealing");
}

// (s) An appeal decided eligible: Eligible, with a review 3 months after that decision
// (1 Sep 2026 -> 1 Dec 2026, GMT 00:00Z; the not-eligible decision had no review to build on).
TEST(ChcTrack, AppealDecidedEligible) {
  Driver driver = NotEligibleCase("2026-06-16T10:00Z");
  driver.Apply("2026-07-01T10:00Z", AppealLodged{});
  const Effects& effects = driver.Apply("2026-09-01T10:00Z", AppealDecided{true});
  EXPECT_EQ(driver.State(Region::kChc), "Eligible");
  EXPECT_EQ(driver.facts().chc.eligible, true);
  EXPECT_EQ(driver.facts().chc.decided_at, T("2026-09-01T10:00Z"));
  EXPECT_EQ(driver.facts().chc.first_decided_at, T("2026-06-16T10:00Z"));
  EXPECT_TRUE(Sets(effects, DeadlineKind::kChcReviewDue));
  EXPECT_EQ(driver.facts().chc.review_due, D("2026-12-01"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcReviewDue), T("2026-12-01T00:00Z"));
}

// (s) An appeal decided not eligible: NotEligible again; the new decision opens a new window
// (decided 1 Sep 2026: a second appeal on 1 Mar 2027 is in time).
TEST(ChcTrack, AppealDecidedNotEligible) {
  Driver driver = NotEligibleCase("2026-06-16T10:00Z");
  driver.Apply("2026-07-01T10:00Z", AppealLodged{});
  const Effects& effects = driver.Apply("2026-09-01T10:00Z", AppealDecided{false});
  EXPECT_EQ(driver.State(Region::kChc), "NotEligible");
  EXPECT_EQ(driver.facts().chc.eligible, false);
  EXPECT_EQ(driver.facts().chc.decided_at, T("2026-09-01T10:00Z"));
  EXPECT_FALSE(Sets(effects, DeadlineKind::kChcReviewDue));
  driver.Apply("2027-03-01T10:00Z", AppealLodged{});
  EXPECT_EQ(driver.State(Region::kChc), "Appealing");
  EXPECT_EQ(driver.facts().chc.appeals, 2);
}

// Row NotEligible/referral: a new referral after a not-eligible decision restarts the clock
// and clears the old decision. Receipt Mon 5 Oct 2026 (BST): due 2 Nov; at risk as 26 Oct
// begins (GMT since 25 Oct: 26 Oct 00:00Z); breach as 3 Nov begins (00:00Z).
TEST(ChcTrack, ReferralAfterNotEligibleRestartsClock) {
  Driver driver = NotEligibleCase("2026-06-16T10:00Z");
  const Effects& effects = driver.Apply("2026-10-05T09:00Z", ReferredForFullAssessment{});
  EXPECT_EQ(driver.State(Region::kChc), "Referred");
  EXPECT_THAT(KindsOf(effects), ElementsAre(AlertKind::kChcReferralReceived));
  EXPECT_EQ(driver.facts().chc.decision_due, D("2026-11-02"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcAtRisk), T("2026-10-26T00:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kChcBreach), T("2026-11-03T00:00Z"));
  EXPECT_EQ(driver.facts().chc.eligible, std::nullopt);
  EXPECT_EQ(driver.facts().chc.decided_at, std::nullopt);
  EXPECT_EQ(driver.facts().chc.first_decided_at, T("2026-06-16T10:00Z"));
}

// (s) Since 2022 CHC assessment is mostly after discharge: the CHC track carries on, deadlines
// included, once the stay is Discharged.
TEST(ChcTrack, ContinuesAfterDischarge) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-01T09:00Z", ReadyForDischarge{});
  driver.Apply("2026-06-01T10:00Z", PathwayAgreed{Pathway::kPathway1});
  driver.Apply("2026-06-01T11:00Z", Discharged{"usual residence"});
  ASSERT_EQ(driver.State(Region::kStay), "Discharged");
  RunSteps(
      driver, Region::kChc,
      {
          {"2026-06-02T09:00Z",
           ChecklistCompleted{PositiveChecklist()},
           "Referred",
           {AlertKind::kChcReferralReceived}},
          {"2026-06-03T09:00Z", ChcAssessmentScheduled{D("2026-06-25")}, "AssessmentScheduled", {}},
          // Receipt Tue 2 Jun: at risk as 23 Jun begins (22 Jun 23:00Z).
          {"2026-06-22T23:00Z",
           DeadlineElapsed{DeadlineKind::kChcAtRisk},
           "AssessmentScheduled",
           {AlertKind::kChcAtRisk}},
          {"2026-06-25T15:00Z", DstTwoSevere(), "Recommended", {}},
          {"2026-06-26T10:00Z", EligibilityDecided{true}, "Eligible", {}},
      });
  EXPECT_EQ(driver.State(Region::kStay), "Discharged");
  EXPECT_FALSE(driver.journey().closed());
}

// Events the CHC track has no row for in its state are FAILED_PRECONDITION naming that state.
TEST(ChcTrack, EventsOutOfOrderAreRefused) {
  Driver driver = OpenCase();
  for (const auto& [event, name] : std::vector<std::pair<EventPayload, std::string>>{
           {DstTwoSevere(), "dst_completed"},
           {EligibilityDecided{true}, "eligibility_decided"},
           {ChcAssessmentScheduled{D("2026-06-10")}, "chc_assessment_scheduled"},
           {AppealLodged{}, "appeal_lodged"},
           {ReviewCompleted{true}, "review_completed"}}) {
    const absl::Status status = driver.Reject("2026-06-01T09:00Z", event);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << name;
    EXPECT_THAT(status.message(), HasSubstr(name + " is not valid now"));
    EXPECT_THAT(status.message(), HasSubstr("chc is NotScreened"));
  }
  driver.Apply("2026-06-01T09:00Z", ChecklistCompleted{PositiveChecklist()});
  // Referred: no second Checklist or referral, no decision before a DST.
  for (const EventPayload& event :
       {EventPayload{ChecklistCompleted{PositiveChecklist()}},
        EventPayload{ReferredForFullAssessment{}}, EventPayload{EligibilityDecided{false}},
        EventPayload{DstTwoSevere()}, EventPayload{AppealDecided{true}}}) {
    const absl::Status status = driver.Reject("2026-06-01T10:00Z", event);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << EventName(event);
    EXPECT_THAT(status.message(), HasSubstr("chc is Referred"));
  }
  // Eligible: no appeal (only a not-eligible decision can be appealed), no review before due.
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-10")});
  driver.Apply("2026-06-10T15:00Z", DstTwoSevere());
  driver.Apply("2026-06-11T10:00Z", EligibilityDecided{true});
  for (const EventPayload& event :
       {EventPayload{AppealLodged{}}, EventPayload{ReviewCompleted{true}},
        EventPayload{EligibilityDecided{false}}}) {
    const absl::Status status = driver.Reject("2026-06-12T10:00Z", event);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << EventName(event);
    EXPECT_THAT(status.message(), HasSubstr("chc is Eligible"));
  }
  EXPECT_EQ(driver.State(Region::kChc), "Eligible");
}

// The CHC events valid in each state come from the table (ValidNextEvents, chc region).
TEST(ChcTrack, ValidNextEventsFollowTheTable) {
  auto chc_events = [](const Driver& driver) {
    std::vector<std::string_view> events;
    for (const ValidEvent& valid : driver.journey().ValidNextEvents()) {
      if (valid.region == Region::kChc) events.push_back(valid.event);
    }
    return events;
  };
  Driver driver = OpenCase();
  EXPECT_THAT(chc_events(driver), ElementsAre("checklist_completed", "referred_for_full_assessment",
                                              "fast_track_referred"));
  driver.Apply("2026-06-01T09:00Z", ReferredForFullAssessment{});
  EXPECT_THAT(chc_events(driver),
              ElementsAre("chc_assessment_scheduled", "fast_track_referred", "deadline_elapsed"));
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-10")});
  driver.Apply("2026-06-10T15:00Z", DstModerate());
  driver.Apply("2026-06-11T10:00Z", EligibilityDecided{false});
  EXPECT_THAT(chc_events(driver),
              ElementsAre("appeal_lodged", "referred_for_full_assessment", "fast_track_referred"));
}

}  // namespace
}  // namespace workflow::testing
