// Delayed days (the DTOC measure), discharge delay (the DRD measure) and the reason in force.
// Timestamps are written in UTC; the comments give the London time where summer time matters.
#include <gtest/gtest.h>

#include <vector>

#include "workflow/case_facts.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow {
namespace {

Timestamp T(const char* utc) { return ParseUtc(utc).value(); }
Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

ReadyPeriod Period(const char* start, const char* end, ReadyPeriodEnd how) {
  return ReadyPeriod{T(start), T(end), how};
}
ReadyPeriod OpenPeriod(const char* start) {
  return ReadyPeriod{T(start), std::nullopt, ReadyPeriodEnd::kOpen};
}

// domain.md's example: ready 4 May, criteria met again 6 May, ready 8 May, discharged 11 May.
CaseFacts DomainExample() {
  CaseFacts f;
  f.stay.ready_periods = {
      Period("2026-05-04T10:00Z", "2026-05-06T09:00Z", ReadyPeriodEnd::kCriteriaMetAgain),
      Period("2026-05-08T15:00Z", "2026-05-11T11:00Z", ReadyPeriodEnd::kDischarged)};
  f.stay.discharged_at = T("2026-05-11T11:00Z");
  return f;
}

TEST(DelayedDays, DomainExampleCountsFiveDays) {
  // First period: s = 4 May, e = 6 May -> 4, 5. Second: s = 8 May, e = 11 May -> 8, 9, 10.
  const std::vector<Date> expected = {D(2026, 5, 4), D(2026, 5, 5), D(2026, 5, 8), D(2026, 5, 9),
                                      D(2026, 5, 10)};
  EXPECT_EQ(DelayedDays(DomainExample(), T("2026-06-01T00:00Z")), expected);
}

TEST(DischargeDelay, DomainExampleIsThreeDays) {
  // Final DRD 8 May, discharged 11 May: 11 - 8 = 3.
  EXPECT_EQ(DischargeDelayDays(DomainExample()), 3);
}

TEST(DelayedDays, DischargedOnTheDayItBecameReadyIsZero) {
  CaseFacts f;
  f.stay.ready_periods = {
      Period("2026-05-04T08:00Z", "2026-05-04T16:00Z", ReadyPeriodEnd::kDischarged)};
  f.stay.discharged_at = T("2026-05-04T16:00Z");
  EXPECT_TRUE(DelayedDays(f, T("2026-06-01T00:00Z")).empty());
  EXPECT_EQ(DischargeDelayDays(f), 0);  // 4 May - 4 May
}

TEST(DelayedDays, OpenPeriodCountsDaysWhoseMidnightHasPassed) {
  CaseFacts f;
  f.stay.ready_periods = {OpenPeriod("2026-06-01T10:00Z")};
  // 1 June 2026 is in BST: the midnight ending 3 June is 2026-06-03T23:00Z.
  // One second before it: 1 and 2 June have ended, 3 June has not.
  EXPECT_EQ(DelayedDays(f, T("2026-06-03T22:59:59Z")),
            (std::vector<Date>{D(2026, 6, 1), D(2026, 6, 2)}));
  // At it: 3 June counts too.
  EXPECT_EQ(DelayedDays(f, T("2026-06-03T23:00Z")),
            (std::vector<Date>{D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 3)}));
  // Before the period starts: nothing.
  EXPECT_TRUE(DelayedDays(f, T("2026-06-01T09:00Z")).empty());
  EXPECT_EQ(DischargeDelayDays(f), std::nullopt);  // not discharged
}

TEST(DelayedDays, PeriodEndingAfterAsAtIsOpenAtAsAt) {
  CaseFacts f;
  f.stay.ready_periods = {
      Period("2026-06-01T10:00Z", "2026-06-20T10:00Z", ReadyPeriodEnd::kDischarged)};
  f.stay.discharged_at = T("2026-06-20T10:00Z");
  // As at 4 June 12:00 BST: 1, 2, 3 June have ended.
  EXPECT_EQ(DelayedDays(f, T("2026-06-04T11:00Z")),
            (std::vector<Date>{D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 3)}));
}

TEST(DelayedDays, EndDayUsesLondonDateAcrossSummerTime) {
  CaseFacts f;
  // Ready 29 Mar 2026 12:00 BST; died 2026-03-30T23:30Z = 31 Mar 00:30 BST, so e = 31 Mar:
  // days 29, 30 (reading the UTC date 30 Mar would give only 29).
  f.stay.ready_periods = {Period("2026-03-29T11:00Z", "2026-03-30T23:30Z", ReadyPeriodEnd::kDied)};
  f.stay.died_at = T("2026-03-30T23:30Z");
  EXPECT_EQ(DelayedDays(f, T("2026-05-01T00:00Z")),
            (std::vector<Date>{D(2026, 3, 29), D(2026, 3, 30)}));
  EXPECT_EQ(DischargeDelayDays(f), std::nullopt);  // died, not discharged
}

TEST(DelayedDays, OpenPeriodIsCutAtRecordedDischarge) {
  CaseFacts f;
  f.stay.ready_periods = {OpenPeriod("2026-06-01T10:00Z")};
  f.stay.discharged_at = T("2026-06-03T10:00Z");
  // s = 1 June, e = 3 June -> 1, 2.
  EXPECT_EQ(DelayedDays(f, T("2026-07-01T00:00Z")),
            (std::vector<Date>{D(2026, 6, 1), D(2026, 6, 2)}));
  EXPECT_EQ(DischargeDelayDays(f), 2);  // 3 June - 1 June
}

TEST(DelayedDays, CancelledCaseAndCancelledPeriodCountNothing) {
  CaseFacts cancelled_case;
  cancelled_case.stay.ready_periods = {OpenPeriod("2026-06-01T10:00Z")};
  cancelled_case.stay.cancelled_at = T("2026-06-02T10:00Z");
  EXPECT_TRUE(DelayedDays(cancelled_case, T("2026-07-01T00:00Z")).empty());

  CaseFacts cancelled_period;
  cancelled_period.stay.ready_periods = {
      Period("2026-06-01T10:00Z", "2026-06-05T10:00Z", ReadyPeriodEnd::kCancelled)};
  EXPECT_TRUE(DelayedDays(cancelled_period, T("2026-07-01T00:00Z")).empty());
}

TEST(DelayedDays, OverlappingPeriodsCountEachDayOnce) {
  CaseFacts f;
  // Bad data: two periods overlapping on 3 June. 1..3 June and 3..4 June -> 1, 2, 3, 4.
  f.stay.ready_periods = {
      Period("2026-06-01T10:00Z", "2026-06-04T10:00Z", ReadyPeriodEnd::kCriteriaMetAgain),
      Period("2026-06-03T10:00Z", "2026-06-05T10:00Z", ReadyPeriodEnd::kDischarged)};
  f.stay.discharged_at = T("2026-06-05T10:00Z");
  EXPECT_EQ(DelayedDays(f, T("2026-07-01T00:00Z")).size(), 4u);
}

TEST(DischargeDelay, NoDrdWhenCriteriaMetAgainBeforeDischarge) {
  CaseFacts f;
  f.stay.ready_periods = {
      Period("2026-06-01T10:00Z", "2026-06-03T10:00Z", ReadyPeriodEnd::kCriteriaMetAgain)};
  f.stay.discharged_at = T("2026-06-06T10:00Z");
  EXPECT_EQ(DischargeDelayDays(f), std::nullopt);
}

TEST(DischargeDelay, UsesLondonDates) {
  CaseFacts f;
  // Ready 2026-05-31T23:30Z = 1 June 00:30 BST; discharged 2026-06-04T23:30Z = 5 June 00:30 BST.
  // 5 June - 1 June = 4 (the UTC dates, 31 May and 4 June, would also give 4: check the DRD
  // alone with a same-UTC-day discharge below).
  f.stay.ready_periods = {
      Period("2026-05-31T23:30Z", "2026-06-04T23:30Z", ReadyPeriodEnd::kDischarged)};
  f.stay.discharged_at = T("2026-06-04T23:30Z");
  EXPECT_EQ(DischargeDelayDays(f), 4);
  // Discharged 2026-06-01T10:00Z = 1 June 11:00 BST: same London day as the DRD, 0 days
  // (UTC dates 31 May and 1 June would give 1).
  f.stay.ready_periods[0].end = T("2026-06-01T10:00Z");
  f.stay.discharged_at = T("2026-06-01T10:00Z");
  EXPECT_EQ(DischargeDelayDays(f), 0);
}

DelayReasonChange Change(const char* at, DtocReason dtoc, Attribution attribution) {
  DelayReasonChange change;
  change.at = T(at);
  change.reason.dtoc = dtoc;
  change.reason.attribution = attribution;
  return change;
}

TEST(DelayReasonInForce, LatestChangeAtOrBeforeTheInstant) {
  CaseFacts f;
  f.stay.delay_reason_history = {
      Change("2026-06-01T10:00Z", DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare),
      Change("2026-06-03T10:00Z", DtocReason::kC_AwaitingFurtherNhsCare, Attribution::kNhs)};
  EXPECT_EQ(DelayReasonInForce(f, T("2026-06-01T09:59:59Z")), std::nullopt);
  EXPECT_EQ(DelayReasonInForce(f, T("2026-06-01T10:00Z"))->dtoc,
            DtocReason::kE_AwaitingCarePackage);
  EXPECT_EQ(DelayReasonInForce(f, T("2026-06-03T09:00Z"))->attribution, Attribution::kSocialCare);
  EXPECT_EQ(DelayReasonInForce(f, T("2026-06-03T10:00Z"))->dtoc,
            DtocReason::kC_AwaitingFurtherNhsCare);
}

// Meeting the criteria to reside again clears the delay reason (stay track): a reason recorded
// in the first ready period is not in force in the second until a new one is recorded.
TEST(DelayReasonInForce, ReasonDoesNotCarryIntoALaterReadyPeriod) {
  CaseFacts f = DomainExample();  // ready 4-6 May, again from 8 May 15:00Z
  f.stay.delay_reason_history = {
      Change("2026-05-04T11:00Z", DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare),
      Change("2026-05-09T10:00Z", DtocReason::kF_AwaitingEquipment, Attribution::kNhs)};
  EXPECT_EQ(DelayReasonInForce(f, T("2026-05-05T22:59:59Z"))->dtoc,
            DtocReason::kE_AwaitingCarePackage);
  EXPECT_EQ(DelayReasonInForce(f, T("2026-05-08T22:59:59Z")), std::nullopt);
  EXPECT_EQ(DelayReasonInForce(f, T("2026-05-09T22:59:59Z"))->dtoc,
            DtocReason::kF_AwaitingEquipment);
}

TEST(DelayReasonInForce, EmptyHistoryFallsBackToCurrentReason) {
  CaseFacts f;
  EXPECT_EQ(DelayReasonInForce(f, T("2026-06-01T10:00Z")), std::nullopt);
  f.stay.delay_reason = DelayReason{DtocReason::kH_Disputes, std::nullopt, Attribution::kBoth};
  EXPECT_EQ(DelayReasonInForce(f, T("2020-01-01T00:00Z"))->dtoc, DtocReason::kH_Disputes);
}

}  // namespace
}  // namespace workflow
