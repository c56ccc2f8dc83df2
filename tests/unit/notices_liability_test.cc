// The statutory notices track, part 2: liability (the worked example, the rates, the
// attribution of the delay). Part 3 (notices_endings_test.cc) has withdrawal and the endings.
// Part 1 (notices_track_test.cc) has the opening, the notices and the LA's minimum period.
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
// Liability: the worked example and the rates

// domain.md worked example, CARE_ACT_2014: notice given Fri 15:10, treated as given Sat;
// minimum period Sun and Mon; relevant day Tue; discharged the next Fri: 3 liable days.
// Dates: Fri 5 Jun 2026 15:10 BST = 14:10Z; Sat 6; Sun 7, Mon 8; relevant day Tue 9 Jun;
// liable from Wed 10 Jun 00:00 BST (2026-06-09T23:00Z); discharged Fri 12 Jun 10:00Z.
// Liable days = discharge date - relevant day = 12 - 9 = 3 (Wed 10, Thu 11, Fri 12).
// Rate (s): £130 a day = 13000 pence.
TEST(NoticesTrack, WorkedExampleCareAct2014LiabilityFromWednesday) {
  Driver driver;
  const std::vector<Effects> effects = RunSteps(
      driver, Region::kNotices,
      {
          {"2026-06-01T08:30Z",
           Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014, AdmissionMethod::kElective),
           "NoNotice",
           {AlertKind::kCaseOpened}},
          {"2026-06-01T09:00Z", PartyAssigned{Role::kLaFinance, "la-finance"}, "NoNotice", {}},
          {"2026-06-04T10:00Z", ReadyForDischarge{}, "NoNotice", {}},
          {"2026-06-04T10:30Z", Delay(Attribution::kSocialCare), "NoNotice", {}},
          // [4] Fri 15:10 BST.
          {"2026-06-05T14:10Z",
           Notice(),
           "AssessmentNoticeGiven",
           {AlertKind::kAssessmentNoticeGiven}},
          // [5] Sun 7 Jun 00:00 BST: the minimum period ends tomorrow (Mon 8).
          {"2026-06-06T23:00Z",
           DeadlineElapsed{DeadlineKind::kMinimumPeriodEndsTomorrow},
           "AssessmentNoticeGiven",
           {AlertKind::kMinimumPeriodEndsTomorrow}},
          // [6] Mon 8 Jun 10:00 BST, proposing Tue 9.
          {"2026-06-08T09:00Z",
           DischargeNoticeGiven{D("2026-06-09")},
           "DischargeNoticeGiven",
           {AlertKind::kDischargeNoticeGiven}},
          // [7] Wed 10 Jun 00:00 BST: the relevant day has passed, delay solely social care.
          {"2026-06-09T23:00Z",
           DeadlineElapsed{DeadlineKind::kRelevantDayPassed},
           "LiabilityAccruing",
           {AlertKind::kLiabilityAccruing}},
          // [8], [9] The LA's progress while liable: the services are not in place yet.
          {"2026-06-10T09:00Z", LaAssessmentStarted{}, "LiabilityAccruing", {}},
          {"2026-06-11T09:00Z", LaAssessmentCompleted{"home care"}, "LiabilityAccruing", {}},
          // [10] The next Fri.
          {"2026-06-12T10:00Z", Discharged{"home"}, "Closed", {AlertKind::kDischarged}},
      });
  ASSERT_EQ(effects.size(), 11u);

  const NoticeFacts& n = driver.facts().notices;
  EXPECT_EQ(n.deemed_given, D("2026-06-06"));        // Sat
  EXPECT_EQ(n.minimum_period_end, D("2026-06-08"));  // Mon
  EXPECT_EQ(n.proposed_discharge, D("2026-06-09"));
  EXPECT_EQ(n.relevant_day, D("2026-06-09"));  // Tue
  EXPECT_TRUE(n.relevant_day_passed);
  EXPECT_TRUE(n.la_assessment_completed);
  EXPECT_FALSE(n.la_services_in_place);

  // Deadlines: "ends tomorrow" at Sun 7 Jun 00:00 BST; relevant day passed at Wed 10 Jun
  // 00:00 BST, the start of the first liable day.
  EXPECT_EQ(DueSet(effects[4], DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-06-06T23:00Z"));
  EXPECT_EQ(DueSet(effects[6], DeadlineKind::kRelevantDayPassed), T("2026-06-09T23:00Z"));
  // Alerts on notice given: due the day after the minimum period (Tue 9 00:00 BST) and the
  // relevant day (Tue 9 00:00 BST).
  EXPECT_EQ(effects[4].alerts[0].due, T("2026-06-08T23:00Z"));
  EXPECT_EQ(effects[6].alerts[0].due, T("2026-06-08T23:00Z"));
  EXPECT_THAT(effects[6].alerts[0].message,
              HasSubstr("proposed discharge 09/06/2026, relevant day 09/06/2026"));

  // Alert table: relevant day passed, not discharged, delay solely social care -> LA team
  // manager and LA finance, critical, with £/day.
  const Alert& liable = effects[7].alerts[0];
  EXPECT_EQ(liable.severity, Severity::kCritical);
  EXPECT_THAT(Roles(liable), ElementsAre(Role::kLaTeamManager, Role::kLaFinance));
  EXPECT_EQ(liable.recipients[0].party, "");
  EXPECT_EQ(liable.recipients[1].party, "la-finance");
  EXPECT_EQ(liable.pence_per_day, 13000);
  EXPECT_EQ(liable.raised_at, T("2026-06-09T23:00Z"));
  EXPECT_THAT(liable.message, HasSubstr("Relevant day 09/06/2026 has passed"));
  EXPECT_THAT(liable.message, HasSubstr("delayed solely by social care"));
  EXPECT_THAT(liable.message, HasSubstr("£130.00 per day"));

  // One liability period: Wed 10 Jun 00:00 BST to the discharge, the discharge day liable.
  ASSERT_EQ(n.liability.size(), 1u);
  EXPECT_EQ(n.liability[0].start, T("2026-06-09T23:00Z"));
  EXPECT_EQ(n.liability[0].end, T("2026-06-12T10:00Z"));
  EXPECT_TRUE(n.liability[0].ended_by_discharge);
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kRelevantDayPassed), 0u);
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kMinimumPeriodEndsTomorrow), 0u);
}

// (s) 2014 rules: £155 a day in London. The fixture's LA (E09000007, Camden) is made a
// higher-rate authority in the deployment's reference data.
TEST(NoticesTrack, LondonAuthorityPaysHigherRateUnderCareAct2014) {
  auto reference = std::make_shared<ReferenceData>();
  reference->higher_rate_authorities = {"E09000007"};
  Driver driver(reference);
  ToDischargeNotice(driver);
  const Effects effects = driver.Fire(DeadlineKind::kRelevantDayPassed);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kLiabilityAccruing));
  EXPECT_EQ(effects.alerts[0].pence_per_day, 15500);
  EXPECT_THAT(effects.alerts[0].message, HasSubstr("£155.00 per day"));
}

// (s) 2003 rules: Sundays and bank holidays are not counted; £100 a day (£120 for the
// higher-rate London and South East authorities). Easter 2026: Good Friday 3 Apr, Easter
// Sunday 5 Apr, Easter Monday 6 Apr.
//   Notice Thu 2 Apr 09:00Z (10:00 BST, before the cut-off): treated as given Thu 2 Apr.
//   Minimum period: Fri 3 (bank holiday, no), Sat 4 (1), Sun 5 (no), Mon 6 (bank holiday, no),
//   Tue 7 (2): ends Tue 7 Apr. (Under 2014 rules it would end Sat 4 Apr.)
//   "ends tomorrow" due Mon 6 Apr 00:00 BST = 2026-04-05T23:00Z.
//   Discharge notice Thu 2 Apr 10:00Z proposing Fri 3 Apr: relevant day = later of Fri 3 and
//   Wed 8 = Wed 8 Apr; alert due Wed 8 00:00 BST = 2026-04-07T23:00Z; deadline Thu 9 Apr
//   00:00 BST = 2026-04-08T23:00Z.
// Also takes the row Notice + deadline_elapsed(minimum_period_ends_tomorrow): the warning still
// goes out after the discharge notice.
TEST(NoticesTrack, Ccdda2003MinimumPeriodAcrossEasterMovesRelevantDay) {
  for (const bool higher_rate : {false, true}) {
    SCOPED_TRACE(higher_rate ? "higher rate" : "standard rate");
    auto reference = std::make_shared<ReferenceData>();
    if (higher_rate) reference->higher_rate_authorities = {"E09000007"};
    Driver driver(reference);
    const std::vector<Effects> effects = RunSteps(
        driver, Region::kNotices,
        {
            {"2026-04-01T08:30Z",
             Opening(T("2026-04-01T08:00Z"), RuleSetId::kCcdda2003, AdmissionMethod::kElective),
             "NoNotice",
             {AlertKind::kCaseOpened}},
            {"2026-04-01T10:00Z", ReadyForDischarge{}, "NoNotice", {}},
            {"2026-04-01T10:30Z", Delay(Attribution::kSocialCare), "NoNotice", {}},
            // [3]
            {"2026-04-02T09:00Z",
             Notice(),
             "AssessmentNoticeGiven",
             {AlertKind::kAssessmentNoticeGiven}},
            // [4]
            {"2026-04-02T10:00Z",
             DischargeNoticeGiven{D("2026-04-03")},
             "DischargeNoticeGiven",
             {AlertKind::kDischargeNoticeGiven}},
            // [5]
            {"2026-04-05T23:00Z",
             DeadlineElapsed{DeadlineKind::kMinimumPeriodEndsTomorrow},
             "DischargeNoticeGiven",
             {AlertKind::kMinimumPeriodEndsTomorrow}},
            // [6]
            {"2026-04-08T23:00Z",
             DeadlineElapsed{DeadlineKind::kRelevantDayPassed},
             "LiabilityAccruing",
             {AlertKind::kLiabilityAccruing}},
        });
    ASSERT_EQ(effects.size(), 7u);
    const NoticeFacts& n = driver.facts().notices;
    EXPECT_EQ(n.deemed_given, D("2026-04-02"));
    EXPECT_EQ(n.minimum_period_end, D("2026-04-07"));
    EXPECT_EQ(n.relevant_day, D("2026-04-08"));
    EXPECT_EQ(DueSet(effects[3], DeadlineKind::kMinimumPeriodEndsTomorrow), T("2026-04-05T23:00Z"));
    EXPECT_EQ(effects[3].alerts[0].due, T("2026-04-07T23:00Z"));  // Wed 8 Apr 00:00 BST
    EXPECT_THAT(effects[3].alerts[0].message, HasSubstr("ends 07/04/2026"));
    EXPECT_EQ(DueSet(effects[4], DeadlineKind::kRelevantDayPassed), T("2026-04-08T23:00Z"));
    EXPECT_EQ(effects[4].alerts[0].due, T("2026-04-07T23:00Z"));
    EXPECT_THAT(effects[4].alerts[0].message, HasSubstr("relevant day 08/04/2026"));
    EXPECT_THAT(effects[5].alerts[0].message, HasSubstr("ends 07/04/2026"));
    EXPECT_EQ(effects[6].alerts[0].pence_per_day, higher_rate ? 12000 : 10000);
    EXPECT_THAT(effects[6].alerts[0].message,
                HasSubstr(higher_rate ? "£120.00 per day" : "£100.00 per day"));
    ASSERT_EQ(n.liability.size(), 1u);
    EXPECT_EQ(n.liability[0].start, T("2026-04-08T23:00Z"));
  }

  // The same timeline under 2014 rules counts Easter: minimum period Fri 3, Sat 4, ends Sat 4
  // Apr; relevant day = later of Fri 3 and Sun 5 = Sun 5 Apr.
  Driver driver;
  driver.Apply("2026-04-01T08:30Z", Opening(T("2026-04-01T08:00Z"), RuleSetId::kCareAct2014,
                                            AdmissionMethod::kElective));
  driver.Apply("2026-04-02T09:00Z", Notice());
  driver.Apply("2026-04-02T10:00Z", DischargeNoticeGiven{D("2026-04-03")});
  EXPECT_EQ(driver.facts().notices.minimum_period_end, D("2026-04-04"));
  EXPECT_EQ(driver.facts().notices.relevant_day, D("2026-04-05"));
}

// ---------------------------------------------------------------------------------------------
// Liability starts and stops with the attribution of the delay

// (p) The LA is liable only when the delay is solely its own (engine: attributed to Social
// Care, services not in place). Rows: Notice + deadline_elapsed (not solely LA: mark passed),
// Notice + delay_reason_recorded (now solely LA), Liable + delay_reason_recorded both ways,
// Liable + la_services_in_place; guard now_solely_la refused once services are in place.
// Relevant day Tue 9 Jun (see ToDischargeNotice); delay attributed to the NHS.
TEST(NoticesTrack, LiabilityFollowsTheDelayAttribution) {
  Driver driver;
  ToDischargeNotice(driver, Attribution::kNhs);
  const std::vector<Effects> effects = RunSteps(
      driver, Region::kNotices,
      {
          // [0] Wed 10 Jun 00:00 BST: relevant day passed, delay is the NHS's: nothing accrues.
          {"2026-06-09T23:00Z",
           DeadlineElapsed{DeadlineKind::kRelevantDayPassed},
           "DischargeNoticeGiven",
           {}},
          // [1] Recoded to social care: liable from now.
          {"2026-06-10T09:00Z",
           Delay(Attribution::kSocialCare),
           "LiabilityAccruing",
           {AlertKind::kLiabilityAccruing}},
          // [2] Recoded, still social care: same period, no new alert.
          {"2026-06-10T12:00Z",
           DelayReasonRecorded{DtocReason::kDi_AwaitingResidentialHome, std::nullopt,
                               Attribution::kSocialCare},
           "LiabilityAccruing",
           {}},
          // [3] Recoded to the NHS: liability ends.
          {"2026-06-11T09:00Z", Delay(Attribution::kNhs), "DischargeNoticeGiven", {}},
          // [4] Social care again: a second period.
          {"2026-06-11T15:00Z",
           Delay(Attribution::kSocialCare),
           "LiabilityAccruing",
           {AlertKind::kLiabilityAccruing}},
          // [5] The LA's services are in place: liability ends.
          {"2026-06-12T09:00Z", LaServicesInPlace{}, "DischargeNoticeGiven", {}},
          // [6] Coded social care once more, but the services are in place: not solely the LA.
          {"2026-06-12T10:00Z", Delay(Attribution::kSocialCare), "DischargeNoticeGiven", {}},
      });
  ASSERT_EQ(effects.size(), 7u);
  const NoticeFacts& n = driver.facts().notices;
  EXPECT_TRUE(n.relevant_day_passed);
  EXPECT_TRUE(n.la_services_in_place);
  EXPECT_EQ(effects[1].alerts[0].pence_per_day, 13000);
  EXPECT_THAT(effects[1].alerts[0].message, HasSubstr("Relevant day 09/06/2026 has passed"));
  ASSERT_EQ(n.liability.size(), 2u);
  EXPECT_EQ(n.liability[0].start, T("2026-06-10T09:00Z"));
  EXPECT_EQ(n.liability[0].end, T("2026-06-11T09:00Z"));
  EXPECT_FALSE(n.liability[0].ended_by_discharge);
  EXPECT_EQ(n.liability[1].start, T("2026-06-11T15:00Z"));
  EXPECT_EQ(n.liability[1].end, T("2026-06-12T09:00Z"));
  EXPECT_FALSE(n.liability[1].ended_by_discharge);
}

// The relevant-day guard with a delay attributed to Both: not solely the LA's (p).
TEST(NoticesTrack, RelevantDayPassedWithDelayAttributedToBothAccruesNothing) {
  Driver driver;
  ToDischargeNotice(driver, Attribution::kBoth);
  EXPECT_THAT(KindsOf(driver.Fire(DeadlineKind::kRelevantDayPassed)), IsEmpty());
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_TRUE(driver.facts().notices.relevant_day_passed);
  EXPECT_THAT(driver.facts().notices.liability, IsEmpty());
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kRelevantDayPassed), 0u);
}

// Guard now_solely_la refused before the relevant day has passed: a social-care coding on the
// relevant day itself (Tue 9 Jun 10:00Z) starts nothing; the deadline then starts liability.
TEST(NoticesTrack, SocialCareDelayBeforeRelevantDayPassesStartsNoLiability) {
  Driver driver;
  ToDischargeNotice(driver, Attribution::kNhs);
  EXPECT_THAT(KindsOf(driver.Apply("2026-06-09T10:00Z", Delay(Attribution::kSocialCare))),
              IsEmpty());
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_FALSE(driver.facts().notices.relevant_day_passed);
  EXPECT_THAT(driver.facts().notices.liability, IsEmpty());
  EXPECT_THAT(KindsOf(driver.Fire(DeadlineKind::kRelevantDayPassed)),
              ElementsAre(AlertKind::kLiabilityAccruing));
  EXPECT_EQ(driver.State(Region::kNotices), "LiabilityAccruing");
}

// (p) Liable only when the delay is solely the LA's (assessment not done, or a service it
// decided to provide not in place): a delay for the patient's or family's choice (DTOC G, or
// NCTR family disagreement) is not, even when coded to social care. Relevant day Tue 9 Jun.
TEST(NoticesTrack, PatientOrFamilyChoiceDelayIsNotSolelyTheLas) {
  Driver driver;
  ToDischargeNotice(driver, Attribution::kNhs);
  const std::vector<Effects> effects =
      RunSteps(driver, Region::kNotices,
               {
                   {"2026-06-09T10:00Z",
                    DelayReasonRecorded{DtocReason::kG_PatientOrFamilyChoice, std::nullopt,
                                        Attribution::kSocialCare},
                    "DischargeNoticeGiven",
                    {}},
                   // Wed 10 Jun 00:00 BST: the relevant day has passed, but the delay is a choice.
                   {"2026-06-09T23:00Z",
                    DeadlineElapsed{DeadlineKind::kRelevantDayPassed},
                    "DischargeNoticeGiven",
                    {}},
                   // [2] Choice resolved, now awaiting the LA's care package: liable from now.
                   {"2026-06-10T09:00Z",
                    Delay(Attribution::kSocialCare),
                    "LiabilityAccruing",
                    {AlertKind::kLiabilityAccruing}},
                   // [3] The family now disagree with the plan: not solely the LA's.
                   {"2026-06-10T12:00Z",
                    DelayReasonRecorded{std::nullopt, NctrReason::kFamilyDisagreement,
                                        Attribution::kSocialCare},
                    "DischargeNoticeGiven",
                    {}},
               });
  ASSERT_EQ(effects.size(), 4u);
  ASSERT_EQ(driver.facts().notices.liability.size(), 1u);
  EXPECT_EQ(driver.facts().notices.liability[0].start, T("2026-06-10T09:00Z"));
  EXPECT_EQ(driver.facts().notices.liability[0].end, T("2026-06-10T12:00Z"));
  EXPECT_FALSE(driver.facts().notices.liability[0].ended_by_discharge);
}

// Row Liable + offer_declined: a declined care offer recorded as a choice delay (care track:
// delay reason G) ends the liability; declined without recording the delay, the guard refuses
// and liability goes on.
TEST(NoticesTrack, DeclinedOfferRecordedAsChoiceDelayEndsLiability) {
  Driver driver;
  ToLiability(driver);  // liable from 2026-06-09T23:00Z
  driver.Apply("2026-06-10T08:00Z", CareNeedsIdentified{CareType::kHomeCare});
  driver.Apply("2026-06-10T08:30Z", SourcingStarted{});
  driver.Apply("2026-06-10T09:00Z", ProviderOffered{"Acme Care"});
  driver.Apply("2026-06-10T10:00Z", OfferDeclined{false, Attribution::kNhs});
  EXPECT_EQ(driver.State(Region::kCare), "Sourcing");
  EXPECT_EQ(driver.State(Region::kNotices), "LiabilityAccruing");
  EXPECT_FALSE(driver.facts().notices.liability[0].end.has_value());

  driver.Apply("2026-06-10T11:00Z", ProviderOffered{"Best Care"});
  driver.Apply("2026-06-10T12:00Z", OfferDeclined{true, Attribution::kSocialCare});
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  ASSERT_EQ(driver.facts().notices.liability.size(), 1u);
  EXPECT_EQ(driver.facts().notices.liability[0].end, T("2026-06-10T12:00Z"));
  EXPECT_FALSE(driver.facts().notices.liability[0].ended_by_discharge);
  ASSERT_TRUE(driver.facts().stay.delay_reason.has_value());
  EXPECT_EQ(driver.facts().stay.delay_reason->dtoc, DtocReason::kG_PatientOrFamilyChoice);
}

// Row Liable + criteria_to_reside_met_again: an NHS need, the delay is not solely the LA's.
// While the patient is not ready, no delay reason can be recorded (guard now_solely_la needs a
// ready patient; the stay refuses too), so liability cannot restart until ready again.
TEST(NoticesTrack, CriteriaToResideMetAgainEndsLiability) {
  Driver driver;
  ToLiability(driver);  // liable from 2026-06-09T23:00Z
  driver.Apply("2026-06-10T10:00Z", CriteriaToResideMetAgain{CriterionToReside::kIvFluids});
  EXPECT_EQ(driver.State(Region::kStay), "Admitted");
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  ASSERT_EQ(driver.facts().notices.liability.size(), 1u);
  EXPECT_EQ(driver.facts().notices.liability[0].end, T("2026-06-10T10:00Z"));
  EXPECT_FALSE(driver.facts().notices.liability[0].ended_by_discharge);

  const absl::Status status = driver.Reject("2026-06-10T11:00Z", Delay(Attribution::kSocialCare));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("stay is Admitted"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("notices is DischargeNoticeGiven"));
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_EQ(driver.facts().notices.liability.size(), 1u);

  // Ready again (no reason in force yet): still nothing; coded social care: liable again.
  driver.Apply("2026-06-11T09:00Z", ReadyForDischarge{});
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  EXPECT_THAT(KindsOf(driver.Apply("2026-06-11T09:30Z", Delay(Attribution::kSocialCare))),
              ElementsAre(AlertKind::kLiabilityAccruing));
  EXPECT_EQ(driver.State(Region::kNotices), "LiabilityAccruing");
  ASSERT_EQ(driver.facts().notices.liability.size(), 2u);
  EXPECT_EQ(driver.facts().notices.liability[1].start, T("2026-06-11T09:30Z"));
}

}  // namespace
}  // namespace workflow::testing
