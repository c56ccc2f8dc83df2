// The CHC track, part 2: Fast Track, reviews, appeals and the track after discharge.
// Part 1 (chc_track_test.cc) has the table, screening, referral and the 28-day standard.
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
