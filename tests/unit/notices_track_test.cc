// The statutory notices track (domain.md section 2, "Section 2" and "Section 5" notices): every
// row of the transition table in src/machines/notices_track.cc taken at least once, every guard
// both ways, the worked example, the day counting under each rule set, and the alerts.
//
// Every expected date and time below is worked out by hand in the comments. Europe/London is
// BST (UTC+1) from Sun 29 Mar 2026 to Sun 25 Oct 2026 and GMT outside it, so in summer "the
// start of a London day" is 23:00Z on the day before.
//
// (p) / (s) name the source of the rule as in domain.md: primary or secondary.

#include <gmock/gmock.h>

#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "notices_fixtures.h"
#include "workflow/calendar.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// ---------------------------------------------------------------------------------------------
// Opening: which rule set has notices

// (p) Schedule 3 omitted from 1 Jul 2022: under DISCHARGE_TO_ASSESS_2022 the region is
// NotApplicable and no notice can be given. Row: NoNotice + case_opened -> NotApplicable.
TEST(NoticesTrack, DischargeToAssess2022MakesNoticesNotApplicable) {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z",
               Opening(T("2026-06-01T08:00Z"), RuleSetId::kDischargeToAssess2022,
                       AdmissionMethod::kElective));
  EXPECT_EQ(driver.State(Region::kNotices), "NotApplicable");
  for (const ValidEvent& valid : driver.journey().ValidNextEvents()) {
    EXPECT_NE(valid.region, Region::kNotices) << valid.event;
  }
  const absl::Status status = driver.Reject("2026-06-02T09:00Z", Notice());
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("assessment_notice_given is not valid now"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("notices is NotApplicable"));
  EXPECT_FALSE(driver.facts().notices.assessment_notice_at.has_value());
  // Discharge leaves the region NotApplicable.
  driver.Apply("2026-06-03T09:00Z", Discharged{"home"});
  EXPECT_EQ(driver.State(Region::kNotices), "NotApplicable");
  driver.Apply("2026-06-03T10:00Z", DischargeCancelled{});
  EXPECT_EQ(driver.State(Region::kNotices), "NotApplicable");
}

// The same row's guard refused: the notice rule sets keep the region at NoNotice.
TEST(NoticesTrack, NoticeRuleSetsStartAtNoNotice) {
  for (RuleSetId rule_set : {RuleSetId::kCcdda2003, RuleSetId::kCareAct2014}) {
    SCOPED_TRACE(RuleSetName(rule_set));
    Driver driver;
    OpenCase(driver, rule_set);
    EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");
    EXPECT_EQ(driver.facts().rule_set, rule_set);
    bool assessment_notice_valid = false;
    for (const ValidEvent& valid : driver.journey().ValidNextEvents()) {
      assessment_notice_valid |=
          valid.region == Region::kNotices && valid.event == "assessment_notice_given";
    }
    EXPECT_TRUE(assessment_notice_valid);
  }
}

// A case keeps the rule set it was opened under for its whole life (rule_set.h), and is opened
// once. A second case_opened naming DISCHARGE_TO_ASSESS_2022 on an open CARE_ACT_2014 case must
// be refused and must not switch the notices off (regression: the row NoNotice + case_opened
// once took it and made the region NotApplicable).
TEST(NoticesTrack, SecondOpeningCannotSwitchNoticesOff) {
  Driver driver;
  OpenCase(driver, RuleSetId::kCareAct2014);
  const absl::Status status = driver.Reject(
      "2026-06-01T09:00Z", Opening(T("2026-06-01T08:00Z"), RuleSetId::kDischargeToAssess2022,
                                   AdmissionMethod::kElective));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");
  EXPECT_EQ(driver.journey().version(), 1);
}

// The assessment-notice guard's own rule-set check: unreachable through events (the region is
// NotApplicable under 2022), so reached here by restoring a snapshot that has the region at
// NoNotice under the 2022 rule set.
TEST(NoticesTrack, AssessmentNoticeGuardRefusesRuleSetWithoutNotices) {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z",
               Opening(T("2026-06-01T08:00Z"), RuleSetId::kDischargeToAssess2022,
                       AdmissionMethod::kElective));
  JourneySnapshot snapshot = driver.journey().Snapshot();
  snapshot.states[static_cast<size_t>(Region::kNotices)] = "NoNotice";
  auto restored = Journey::Restore(snapshot);
  ASSERT_TRUE(restored.ok()) << restored.status();
  auto result = restored->Apply(At("2026-06-02T09:00Z", Notice()));
  ExpectRefused(result.status(), "rule set DISCHARGE_TO_ASSESS_2022 has no notices");
  EXPECT_EQ(restored->State(Region::kNotices), "NoNotice");
}

// ---------------------------------------------------------------------------------------------
// Assessment notice (old Section 2)

// (p) Only patients in scope: adult acute consultant-led care; not maternity, mental health
// care, palliative care, intermediate care, rehabilitation, or self-funded.
TEST(NoticesTrack, AssessmentNoticeOnlyForPatientsInScope) {
  const std::vector<std::pair<NoticeExclusion, std::string>> excluded = {
      {NoticeExclusion::kMaternity, "maternity"},
      {NoticeExclusion::kMentalHealthCare, "mental_health_care"},
      {NoticeExclusion::kPalliativeCare, "palliative_care"},
      {NoticeExclusion::kIntermediateCare, "intermediate_care"},
      {NoticeExclusion::kRehabilitation, "rehabilitation"},
      {NoticeExclusion::kSelfFunded, "self_funded"},
  };
  for (const auto& [exclusion, name] : excluded) {
    SCOPED_TRACE(name);
    Driver driver;
    CaseOpened opening =
        Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014, AdmissionMethod::kElective);
    opening.notice_exclusion = exclusion;
    driver.Apply("2026-06-01T08:30Z", opening);
    ExpectRefused(driver.Reject("2026-06-02T09:00Z", Notice()),
                  "the patient is outside the scope of the notices (" + name + ")");
    EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");
  }
  // Accepted side: kNone (the fixture's default) in an acute setting.
  Driver driver;
  OpenCase(driver);
  EXPECT_THAT(KindsOf(driver.Apply("2026-06-02T09:00Z", Notice())),
              ElementsAre(AlertKind::kAssessmentNoticeGiven));
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
}

// (p) Acute care only: community and mental health settings are refused.
TEST(NoticesTrack, AssessmentNoticeOnlyInAcuteSetting) {
  for (Setting setting : {Setting::kCommunity, Setting::kMentalHealth}) {
    SCOPED_TRACE(Name(setting));
    Driver driver;
    CaseOpened opening =
        Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014, AdmissionMethod::kElective);
    opening.setting = setting;
    driver.Apply("2026-06-01T08:30Z", opening);
    ExpectRefused(driver.Reject("2026-06-02T09:00Z", Notice()), "notices apply to acute care only");
    EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");
  }
}

// (p) Not more than 7 days before the expected admission. The case is opened on a referral on
// Mon 1 Jun 2026 for an admission expected Tue 9 Jun 08:00Z (09:00 BST). 7 days before Tue 9 Jun
// is Tue 2 Jun; the day is the London day: Mon 1 Jun 23:59 BST (22:59Z) is 8 days before and
// refused, Tue 2 Jun 00:00 BST (2026-06-01T23:00Z) is 7 days before and accepted.
TEST(NoticesTrack, AssessmentNoticeAtMostSevenDaysBeforeExpectedAdmission) {
  Driver driver;
  driver.Apply("2026-06-01T09:00Z", Opening(T("2026-06-09T08:00Z"), RuleSetId::kCareAct2014,
                                            AdmissionMethod::kElective));
  ExpectRefused(driver.Reject("2026-06-01T10:00Z", Notice()),
                "an assessment notice may be given at most 7 days before admission (not before "
                "02/06/2026)");
  ExpectRefused(driver.Reject("2026-06-01T22:59Z", Notice()),
                "an assessment notice may be given at most 7 days before admission");
  EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");
  driver.Apply("2026-06-01T23:00Z", Notice());
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
  // Given at 00:00 BST Tue 2 Jun (before the cut-off): treated as given that day.
  EXPECT_EQ(driver.facts().notices.deemed_given, D("2026-06-02"));
}

// (p, 2014) What the notice records, and the alert to the LA social worker with the minimum
// period end. Notice Fri 5 Jun 14:10Z = 15:10 BST, after 14:00 (s): treated as given Sat 6 Jun;
// minimum period (p) Sun 7 and Mon 8 (2014: every day counts), ends Mon 8 Jun.
//   alert due: the day after the minimum period ends, Tue 9 Jun 00:00 BST = 2026-06-08T23:00Z;
//   "ends tomorrow" deadline: Sun 7 Jun 00:00 BST = 2026-06-06T23:00Z.
TEST(NoticesTrack, AssessmentNoticeAlertsLaWithMinimumPeriodEnd) {
  Driver driver;
  OpenCase(driver);
  driver.Apply("2026-06-01T09:00Z", PartyAssigned{Role::kLaSocialWorker, "sw.patel"});
  const Effects effects = driver.Apply(
      "2026-06-05T14:10Z", AssessmentNoticeGiven{true, true, false, true, "negative checklist"});
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kAssessmentNoticeGiven));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kInfo);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kLaSocialWorker));
  EXPECT_EQ(alert.recipients[0].party, "sw.patel");
  EXPECT_EQ(alert.raised_at, T("2026-06-05T14:10Z"));
  EXPECT_EQ(alert.due, T("2026-06-08T23:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("spell V100 (MRN MRN001)"));
  EXPECT_THAT(alert.message, HasSubstr("treated as given 06/06/2026"));
  EXPECT_THAT(alert.message, HasSubstr("minimum assessment period ends 08/06/2026"));
  EXPECT_FALSE(alert.pence_per_day.has_value());
  EXPECT_EQ(DueSet(effects, DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-06T23:00Z"));

  const NoticeFacts& n = driver.facts().notices;
  EXPECT_EQ(n.assessment_notice_at, T("2026-06-05T14:10Z"));
  EXPECT_EQ(n.deemed_given, D("2026-06-06"));
  EXPECT_EQ(n.minimum_period_end, D("2026-06-08"));
  EXPECT_TRUE(n.patient_consulted);
  EXPECT_FALSE(n.patient_objected);
  EXPECT_FALSE(n.discharge_notice_at.has_value());
}

// (s) The 14:00 cut-off, in London time. Fri 5 Jun 2026 (BST):
//   12:59Z = 13:59 BST: counts that day, Fri 5; minimum period Sat 6, Sun 7; ends Sun 7;
//     "ends tomorrow" due Sat 6 00:00 BST = 2026-06-05T23:00Z.
//   13:00Z = 14:00 BST: counts the next day, Sat 6; minimum period Sun 7, Mon 8; ends Mon 8;
//     "ends tomorrow" due Sun 7 00:00 BST = 2026-06-06T23:00Z.
TEST(NoticesTrack, NoticeAt1359CountsThatDayAt1400TheNext) {
  {
    Driver driver;
    OpenCase(driver);
    const Effects effects = driver.Apply("2026-06-05T12:59Z", Notice());
    EXPECT_EQ(driver.facts().notices.deemed_given, D("2026-06-05"));
    EXPECT_EQ(driver.facts().notices.minimum_period_end, D("2026-06-07"));
    EXPECT_EQ(DueSet(effects, DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-05T23:00Z"));
  }
  {
    Driver driver;
    OpenCase(driver);
    const Effects effects = driver.Apply("2026-06-05T13:00Z", Notice());
    EXPECT_EQ(driver.facts().notices.deemed_given, D("2026-06-06"));
    EXPECT_EQ(driver.facts().notices.minimum_period_end, D("2026-06-08"));
    EXPECT_EQ(DueSet(effects, DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-06T23:00Z"));
  }
}

// (s) The same cut-off in winter (GMT, London = UTC). Fri 6 Nov 2026: 13:59Z counts Fri 6
// (ends Sun 8 Nov); 14:00Z counts Sat 7 (ends Mon 9 Nov).
TEST(NoticesTrack, CutOffIsLondonTimeInWinterToo) {
  for (const auto& [at, deemed, end] : {std::tuple<std::string, std::string, std::string>{
                                            "2026-11-06T13:59Z", "2026-11-06", "2026-11-08"},
                                        {"2026-11-06T14:00Z", "2026-11-07", "2026-11-09"}}) {
    SCOPED_TRACE(at);
    Driver driver;
    driver.Apply("2026-11-02T08:30Z", Opening(T("2026-11-02T08:00Z"), RuleSetId::kCareAct2014,
                                              AdmissionMethod::kElective));
    driver.Apply(at, Notice());
    EXPECT_EQ(driver.facts().notices.deemed_given, D(deemed));
    EXPECT_EQ(driver.facts().notices.minimum_period_end, D(end));
  }
}

// ---------------------------------------------------------------------------------------------
// The LA's minimum period and its own progress

// Alert table: minimum period ends tomorrow and LA assessment not complete -> LA team manager,
// warning. Row: Assessment + deadline_elapsed(minimum_period_ends_tomorrow).
// Minimum period ends Mon 8 Jun (see ToAssessmentNotice); the deadline fires as Sun 7 Jun
// begins (2026-06-06T23:00Z); the alert is due as the period is over, Tue 9 Jun 00:00 BST.
TEST(NoticesTrack, MinimumPeriodEndsTomorrowWarnsLaTeamManager) {
  Driver driver;
  ToAssessmentNotice(driver);
  driver.Apply("2026-06-05T15:00Z", PartyAssigned{Role::kLaTeamManager, "tm.jones"});
  EXPECT_EQ(driver.Due(DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-06T23:00Z"));
  const Effects effects = driver.Fire(DeadlineKind::kMinimumPeriodEndsTomorrow);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kMinimumPeriodEndsTomorrow));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kWarning);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kLaTeamManager));
  EXPECT_EQ(alert.recipients[0].party, "tm.jones");
  EXPECT_EQ(alert.raised_at, T("2026-06-06T23:00Z"));
  EXPECT_EQ(alert.due, T("2026-06-08T23:00Z"));
  EXPECT_THAT(alert.message,
              HasSubstr("minimum assessment period for spell V100 (MRN MRN001), Ward 7 bed 12 "
                        "ends 08/06/2026 and the assessment is not complete"));
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kMinimumPeriodEndsTomorrow), 0u);
}

// The same row's guard refused: another kind of deadline in AssessmentNoticeGiven (the EDD
// clock, handled by the stay) raises no notices alert. Emergency admission Mon 1 Jun 08:00Z:
// EDD clock due 48 h later, Wed 3 Jun 08:00Z. Notice Tue 2 Jun 09:00Z (10:00 BST): treated as
// given Tue 2; minimum period Wed 3, Thu 4; "ends tomorrow" due Wed 3 00:00 BST =
// 2026-06-02T23:00Z.
TEST(NoticesTrack, OtherDeadlineInAssessmentRaisesNoNoticeAlert) {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z", Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014));
  driver.Apply("2026-06-02T09:00Z", Notice());
  EXPECT_EQ(driver.Due(DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-02T23:00Z"));
  EXPECT_EQ(driver.Due(DeadlineKind::kEddMissing), T("2026-06-03T08:00Z"));
  // Apply the EDD deadline explicitly (the minimum-period one, due earlier, stays pending).
  const Effects effects =
      driver.Apply("2026-06-03T08:00Z", DeadlineElapsed{DeadlineKind::kEddMissing});
  EXPECT_THAT(KindsOf(effects), ElementsAre(AlertKind::kEddNotSet));
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
  EXPECT_EQ(driver.Due(DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-02T23:00Z"));
}

// Domain: the LA's own progress is recorded (assessment started, complete with the services it
// decided to provide, services in place). Rows: Assessment + la_assessment_started /
// la_assessment_completed / la_services_in_place. A completed assessment cancels the "ends
// tomorrow" warning, which then cannot fire.
TEST(NoticesTrack, LaAssessmentCompletedCancelsMinimumPeriodWarning) {
  Driver driver;
  ToAssessmentNotice(driver);
  driver.Apply("2026-06-06T09:00Z", LaAssessmentStarted{});
  EXPECT_TRUE(driver.facts().notices.la_assessment_started);
  EXPECT_FALSE(driver.facts().notices.la_assessment_completed);
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");

  const Effects completed =
      driver.Apply("2026-06-06T15:00Z", LaAssessmentCompleted{"home care, four calls a day"});
  EXPECT_TRUE(Cancels(completed, DeadlineKind::kMinimumPeriodEndsTomorrow));
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kMinimumPeriodEndsTomorrow), 0u);
  EXPECT_TRUE(driver.facts().notices.la_assessment_completed);
  EXPECT_EQ(driver.facts().notices.services_decided, "home care, four calls a day");
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");

  // Its due time (2026-06-06T23:00Z) arrives: the deadline is no longer pending.
  const absl::Status status =
      driver.Reject("2026-06-06T23:00Z", DeadlineElapsed{DeadlineKind::kMinimumPeriodEndsTomorrow});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("is not pending"));

  driver.Apply("2026-06-07T09:00Z", LaServicesInPlace{});
  EXPECT_TRUE(driver.facts().notices.la_services_in_place);
  EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
}

// Rows: Notice + la_assessment_started / la_assessment_completed / la_services_in_place, and
// the relevant-day guard "solely social care" refused because the services are in place (p).
// Notice Fri 5 Jun 14:10Z (minimum period ends Mon 8, "ends tomorrow" due 2026-06-06T23:00Z).
// Discharge notice Sat 6 Jun 09:00Z proposing Sun 7: relevant day = later of Sun 7 and Tue 9 =
// Tue 9; the relevant-day deadline is due Wed 10 Jun 00:00 BST = 2026-06-09T23:00Z.
TEST(NoticesTrack, LaProgressAfterDischargeNoticeAndServicesInPlaceMeanNoLiability) {
  Driver driver;
  ToAssessmentNotice(driver, Attribution::kSocialCare);
  driver.Apply("2026-06-06T09:00Z", DischargeNoticeGiven{D("2026-06-07")});
  EXPECT_EQ(driver.facts().notices.relevant_day, D("2026-06-09"));
  EXPECT_EQ(driver.Due(DeadlineKind::kRelevantDayPassed), T("2026-06-09T23:00Z"));

  driver.Apply("2026-06-06T10:00Z", LaAssessmentStarted{});
  EXPECT_TRUE(driver.facts().notices.la_assessment_started);
  const Effects completed = driver.Apply("2026-06-06T11:00Z", LaAssessmentCompleted{"reablement"});
  EXPECT_TRUE(Cancels(completed, DeadlineKind::kMinimumPeriodEndsTomorrow));
  EXPECT_TRUE(driver.facts().notices.la_assessment_completed);
  driver.Apply("2026-06-06T12:00Z", LaServicesInPlace{});
  EXPECT_TRUE(driver.facts().notices.la_services_in_place);
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");

  // The delay is still coded social care, but the services the LA decided on are in place:
  // not solely the LA's, so no liability.
  const Effects passed = driver.Fire(DeadlineKind::kRelevantDayPassed);
  EXPECT_THAT(KindsOf(passed), IsEmpty());
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_TRUE(driver.facts().notices.relevant_day_passed);
  EXPECT_THAT(driver.facts().notices.liability, IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Discharge notice (old Section 5)

// (p) The proposed discharge date is at least 1 day after the notice. Notice Mon 8 Jun 09:00Z
// (10:00 BST): earliest proposed date Tue 9 Jun; Mon 8 (same day) and Sun 7 are refused.
TEST(NoticesTrack, ProposedDischargeDateAtLeastOneDayAfterNotice) {
  Driver driver;
  ToAssessmentNotice(driver);
  for (const char* proposed : {"2026-06-08", "2026-06-07"}) {
    SCOPED_TRACE(proposed);
    ExpectRefused(driver.Reject("2026-06-08T09:00Z", DischargeNoticeGiven{D(proposed)}),
                  "the proposed discharge date must be on or after 09/06/2026, at least 1 day "
                  "after the discharge notice");
    EXPECT_EQ(driver.State(Region::kNotices), "AssessmentNoticeGiven");
  }
  driver.Apply("2026-06-08T09:00Z", DischargeNoticeGiven{D("2026-06-09")});
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_EQ(driver.facts().notices.proposed_discharge, D("2026-06-09"));
}

// The notice's day is the London day: Mon 8 Jun 23:30Z is Tue 9 Jun 00:30 BST, so Tue 9 is
// now the same day and refused; Wed 10 is accepted.
TEST(NoticesTrack, ProposedDateJudgedOnTheLondonDayOfTheNotice) {
  Driver driver;
  ToAssessmentNotice(driver);
  ExpectRefused(driver.Reject("2026-06-08T23:30Z", DischargeNoticeGiven{D("2026-06-09")}),
                "the proposed discharge date must be on or after 10/06/2026");
  driver.Apply("2026-06-08T23:30Z", DischargeNoticeGiven{D("2026-06-10")});
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
}

// (s) The 14:00 cut-off applies to the discharge notice too. Notice Mon 8 Jun 13:00Z (14:00
// BST) is treated as given Tue 9 Jun, so the earliest proposed date is Wed 10 Jun.
TEST(NoticesTrack, DischargeNoticeAfterCutOffTreatedAsGivenNextDay) {
  Driver driver;
  ToAssessmentNotice(driver);
  ExpectRefused(driver.Reject("2026-06-08T13:00Z", DischargeNoticeGiven{D("2026-06-09")}),
                "the proposed discharge date must be on or after 10/06/2026, at least 1 day "
                "after the discharge notice is treated as given (09/06/2026)");
  driver.Apply("2026-06-08T13:00Z", DischargeNoticeGiven{D("2026-06-10")});
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
}

// (p) A discharge notice requires an assessment notice in force: refused from NoNotice (no
// row: the message names the region's state), and after the assessment notice was withdrawn.
TEST(NoticesTrack, DischargeNoticeRequiresAssessmentNoticeInForce) {
  Driver driver;
  OpenCase(driver);
  absl::Status status = driver.Reject("2026-06-02T09:00Z", DischargeNoticeGiven{D("2026-06-05")});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("discharge_notice_given is not valid now"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("notices is NoNotice"));
  // The valid events listed: the assessment notice is the way forward.
  EXPECT_THAT(std::string(status.message()), HasSubstr("Valid now:"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("assessment_notice_given"));
  EXPECT_EQ(driver.State(Region::kNotices), "NoNotice");

  driver.Apply("2026-06-02T09:00Z", Notice());
  driver.Apply("2026-06-02T10:00Z", AssessmentNoticeWithdrawn{"notice sent to the wrong LA"});
  status = driver.Reject("2026-06-02T11:00Z", DischargeNoticeGiven{D("2026-06-05")});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("notices is Closed"));
  EXPECT_FALSE(driver.facts().notices.discharge_notice_at.has_value());
}

// Alert table: discharge notice given -> LA team and care provider, info, with the relevant
// day. Relevant day (s) = later of the proposed date and the day after the minimum period
// ends. Minimum period ends Mon 8 Jun; notice Mon 8 Jun 09:00Z proposing Fri 12 Jun: relevant
// day Fri 12 (later than Tue 9). Alert due: Fri 12 Jun 00:00 BST = 2026-06-11T23:00Z; the
// relevant-day deadline: Sat 13 Jun 00:00 BST = 2026-06-12T23:00Z.
TEST(NoticesTrack, DischargeNoticeAlertCarriesRelevantDay) {
  Driver driver;
  ToAssessmentNotice(driver);
  driver.Apply("2026-06-08T08:00Z", PartyAssigned{Role::kCareProvider, "acme-care"});
  const Effects effects = driver.Apply("2026-06-08T09:00Z", DischargeNoticeGiven{D("2026-06-12")});
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kDischargeNoticeGiven));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kInfo);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kLaSocialWorker, Role::kCareProvider));
  EXPECT_EQ(alert.recipients[0].party, "");
  EXPECT_EQ(alert.recipients[1].party, "acme-care");
  EXPECT_EQ(alert.due, T("2026-06-11T23:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("proposed discharge 12/06/2026, relevant day 12/06/2026"));
  EXPECT_THAT(alert.message, HasSubstr("Arrange the services needed by then"));
  EXPECT_EQ(DueSet(effects, DeadlineKind::kRelevantDayPassed), T("2026-06-12T23:00Z"));
  EXPECT_EQ(driver.facts().notices.discharge_notice_at, T("2026-06-08T09:00Z"));
  EXPECT_EQ(driver.facts().notices.relevant_day, D("2026-06-12"));
  EXPECT_FALSE(driver.facts().notices.relevant_day_passed);
}

}  // namespace
}  // namespace workflow::testing
