// The monthly DTOC return over a hand-built March 2026: 31 days, the last Thursday is the 26th,
// and the clocks go forward on Sunday 29 March at 01:00 UTC (London is UTC before, UTC+1 after).
// Timestamps are written in UTC; the comments give the London time where it matters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workflow/case_facts.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow {
namespace {

Timestamp T(const char* utc) { return ParseUtc(utc).value(); }

CaseFacts Case(const std::string& provider, Setting setting, const std::string& la) {
  CaseFacts f;
  f.identity.provider_ods = provider;
  f.identity.setting = setting;
  f.identity.local_authority = la;
  return f;
}

void Ready(CaseFacts& f, const char* start, const char* end, ReadyPeriodEnd how) {
  f.stay.ready_periods.push_back(ReadyPeriod{T(start), T(end), how});
  if (how == ReadyPeriodEnd::kDischarged) f.stay.discharged_at = T(end);
  if (how == ReadyPeriodEnd::kDied) f.stay.died_at = T(end);
}

void ReadyOpen(CaseFacts& f, const char* start) {
  f.stay.ready_periods.push_back(ReadyPeriod{T(start), std::nullopt, ReadyPeriodEnd::kOpen});
}

void Reason(CaseFacts& f, const char* at, std::optional<DtocReason> dtoc, Attribution attribution,
            std::optional<NctrReason> nctr = std::nullopt) {
  f.stay.delay_reason_history.push_back(
      DelayReasonChange{T(at), DelayReason{dtoc, nctr, attribution}});
  f.stay.delay_reason = f.stay.delay_reason_history.back().reason;
}

// Two providers (RAA acute, RBB community), two LAs with delays (LA1, LA2).
std::vector<CaseFacts> March2026() {
  std::vector<CaseFacts> cases;

  // 1. RAA acute, LA1. Ready 25 Feb, crossing into March; E/Social Care, then from 10 Mar 14:00
  //    A/Both; discharged 20 Mar. Delayed 25 Feb..19 Mar; in March 1..19 = 19 days:
  //    1..9 Mar E/Social Care (9), 10..19 Mar A/Both (10; the change is before 10 Mar's end).
  CaseFacts c1 = Case("RAA", Setting::kAcute, "LA1");
  Ready(c1, "2026-02-25T10:00Z", "2026-03-20T11:00Z", ReadyPeriodEnd::kDischarged);
  Reason(c1, "2026-02-25T10:00Z", DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare);
  Reason(c1, "2026-03-10T14:00Z", DtocReason::kA_AwaitingAssessment, Attribution::kBoth);
  cases.push_back(c1);

  // 2. RAA acute, LA2. Ready 24 Mar 16:00; meets the criteria again at 2026-03-29T23:30Z, which
  //    is 30 Mar 00:30 BST, so e = 30 Mar: 24..29 Mar = 6 days C/NHS (the UTC date would give 5).
  //    Ready again at 2026-03-31T22:30Z = 31 Mar 23:30 BST, open; its reason then is an NCTR
  //    code only (NHS): 31 Mar = 1 day, DTOC code not recorded / NHS. Total 7. Delayed at the
  //    end of Thursday 26 Mar: in the snapshot.
  CaseFacts c2 = Case("RAA", Setting::kAcute, "LA2");
  Ready(c2, "2026-03-24T16:00Z", "2026-03-29T23:30Z", ReadyPeriodEnd::kCriteriaMetAgain);
  ReadyOpen(c2, "2026-03-31T22:30Z");
  Reason(c2, "2026-03-24T16:00Z", DtocReason::kC_AwaitingFurtherNhsCare, Attribution::kNhs);
  Reason(c2, "2026-03-31T22:30Z", std::nullopt, Attribution::kNhs,
         NctrReason::kAwaitingPathway2Capacity);
  cases.push_back(c2);

  // 3. RBB community (non-acute), LA1. Ready 28 Mar 23:30 (GMT); died 2026-03-30T23:30Z =
  //    31 Mar 00:30 BST, so e = 31 Mar: 28, 29, 30 Mar = 3 days. No reason until 30 Mar 10:00 BST:
  //    28, 29 Mar not recorded / not recorded (2), 30 Mar Dii/Social Care (1).
  CaseFacts c3 = Case("RBB", Setting::kCommunity, "LA1");
  Ready(c3, "2026-03-28T23:30Z", "2026-03-30T23:30Z", ReadyPeriodEnd::kDied);
  Reason(c3, "2026-03-30T09:00Z", DtocReason::kDii_AwaitingNursingHome, Attribution::kSocialCare);
  cases.push_back(c3);

  // 4. RAA acute, LA1. Ready Thursday 26 Mar 12:00, discharged 27 Mar: 26 Mar = 1 day
  //    E/Social Care, and in the snapshot.
  CaseFacts c4 = Case("RAA", Setting::kAcute, "LA1");
  Ready(c4, "2026-03-26T12:00Z", "2026-03-27T10:00Z", ReadyPeriodEnd::kDischarged);
  Reason(c4, "2026-03-26T12:00Z", DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare);
  cases.push_back(c4);

  // 5. RAA acute, LA2. Ready and discharged on 5 Mar: 0 days, not a patient of the return.
  CaseFacts c5 = Case("RAA", Setting::kAcute, "LA2");
  Ready(c5, "2026-03-05T09:00Z", "2026-03-05T17:00Z", ReadyPeriodEnd::kDischarged);
  Reason(c5, "2026-03-05T09:00Z", DtocReason::kG_PatientOrFamilyChoice, Attribution::kNhs);
  cases.push_back(c5);

  // 6. RCC acute, LA2: admission cancelled (entered in error): left out, so no RCC row.
  CaseFacts c6 = Case("RCC", Setting::kAcute, "LA2");
  ReadyOpen(c6, "2026-03-10T10:00Z");
  c6.stay.cancelled_at = T("2026-03-12T10:00Z");
  cases.push_back(c6);

  return cases;
}

DtocMonthlyParams MarchParams(const char* as_at) {
  DtocMonthlyParams params;
  params.year = 2026;
  params.month = 3;
  params.as_at = T(as_at);
  params.adult_population = {{"LA1", 20000}, {"LA2", 50000}, {"LA3", 30000}};
  return params;
}

TEST(DtocMonthlyReport, CompleteMonthRowsByProviderAndLa) {
  const absl::StatusOr<DtocMonthlyReport> report =
      BuildDtocMonthlyReport(March2026(), MarchParams("2026-04-02T12:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->days_in_month, 31);
  EXPECT_EQ(report->last_thursday, Date::FromYmd(2026, 3, 26));
  ASSERT_EQ(report->rows.size(), 3u);  // RAA/LA1, RAA/LA2, RBB/LA1; no RCC

  // RAA/LA1 = cases 1 and 4: E/Social Care 9 + 1 = 10, A/Both 10; total 20; snapshot: case 4.
  const DtocProviderLaRow& raa_la1 = report->rows[0];
  EXPECT_EQ(raa_la1.provider_ods, "RAA");
  EXPECT_EQ(raa_la1.local_authority, "LA1");
  EXPECT_EQ(raa_la1.acute.Days(DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare), 10);
  EXPECT_EQ(raa_la1.acute.Days(DtocReason::kA_AwaitingAssessment, Attribution::kBoth), 10);
  EXPECT_EQ(raa_la1.acute.Total(), 20);
  EXPECT_EQ(raa_la1.non_acute.Total(), 0);
  EXPECT_EQ(raa_la1.TotalDays(), 20);
  EXPECT_EQ(raa_la1.patients, 2);
  EXPECT_EQ(raa_la1.snapshot_patients, 1);

  // RAA/LA2 = case 2 (case 5 has no delayed day): C/NHS 6, not recorded/NHS 1; total 7.
  const DtocProviderLaRow& raa_la2 = report->rows[1];
  EXPECT_EQ(raa_la2.provider_ods, "RAA");
  EXPECT_EQ(raa_la2.local_authority, "LA2");
  EXPECT_EQ(raa_la2.acute.Days(DtocReason::kC_AwaitingFurtherNhsCare, Attribution::kNhs), 6);
  EXPECT_EQ(raa_la2.acute.Days(std::nullopt, Attribution::kNhs), 1);
  EXPECT_EQ(raa_la2.acute.Total(), 7);
  EXPECT_EQ(raa_la2.patients, 1);
  EXPECT_EQ(raa_la2.snapshot_patients, 1);

  // RBB/LA1 = case 3, non-acute: not recorded/not recorded 2, Dii/Social Care 1; total 3.
  const DtocProviderLaRow& rbb_la1 = report->rows[2];
  EXPECT_EQ(rbb_la1.provider_ods, "RBB");
  EXPECT_EQ(rbb_la1.local_authority, "LA1");
  EXPECT_EQ(rbb_la1.non_acute.Days(std::nullopt, std::nullopt), 2);
  EXPECT_EQ(rbb_la1.non_acute.Days(DtocReason::kDii_AwaitingNursingHome, Attribution::kSocialCare),
            1);
  EXPECT_EQ(rbb_la1.non_acute.Total(), 3);
  EXPECT_EQ(rbb_la1.acute.Total(), 0);
  EXPECT_EQ(rbb_la1.patients, 1);
  EXPECT_EQ(rbb_la1.snapshot_patients, 0);
}

TEST(DtocMonthlyReport, CompleteMonthTotalsAndSnapshot) {
  const absl::StatusOr<DtocMonthlyReport> report =
      BuildDtocMonthlyReport(March2026(), MarchParams("2026-04-02T12:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  // Acute 20 + 7 = 27, non-acute 3: 30 days, 30/31 DTOC beds. Snapshot: cases 2 and 4.
  EXPECT_EQ(report->acute.Total(), 27);
  EXPECT_EQ(report->non_acute.Total(), 3);
  EXPECT_DOUBLE_EQ(report->dtoc_beds, 30.0 / 31.0);
  EXPECT_EQ(report->snapshot_patients, 2);
  // By reason over both settings: E 10, A 10, C 6, Dii 1, not recorded 1 + 2 = 3.
  DelayedDayTable all = report->acute;
  all += report->non_acute;
  EXPECT_EQ(all.DaysForReason(DtocReason::kE_AwaitingCarePackage), 10);
  EXPECT_EQ(all.DaysForReason(DtocReason::kA_AwaitingAssessment), 10);
  EXPECT_EQ(all.DaysForReason(DtocReason::kC_AwaitingFurtherNhsCare), 6);
  EXPECT_EQ(all.DaysForReason(DtocReason::kDii_AwaitingNursingHome), 1);
  EXPECT_EQ(all.DaysForReason(std::nullopt), 3);
  EXPECT_EQ(all.DaysForReason(DtocReason::kG_PatientOrFamilyChoice), 0);  // case 5: 0 days
  // By attribution: NHS 6 + 1 = 7, Social Care 10 + 1 = 11, Both 10, not recorded 2.
  EXPECT_EQ(all.DaysForAttribution(Attribution::kNhs), 7);
  EXPECT_EQ(all.DaysForAttribution(Attribution::kSocialCare), 11);
  EXPECT_EQ(all.DaysForAttribution(Attribution::kBoth), 10);
  EXPECT_EQ(all.DaysForAttribution(std::nullopt), 2);
}

TEST(DtocMonthlyReport, CompleteMonthLaRatesAndTest2017) {
  const absl::StatusOr<DtocMonthlyReport> report =
      BuildDtocMonthlyReport(March2026(), MarchParams("2026-04-02T12:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->local_authorities.size(), 3u);  // LA1, LA2, and LA3 from the populations

  // LA1: 20 + 3 = 23 days. Social care = Social Care 11 + Both 10 = 21.
  // Beds 23/31; rate 23/31 / 20,000 x 100,000 = 115/31 = 3.71; social care 105/31 = 3.39 > 2.6.
  const DtocLaSummary& la1 = report->local_authorities[0];
  EXPECT_EQ(la1.local_authority, "LA1");
  EXPECT_EQ(la1.days.Total(), 23);
  EXPECT_EQ(la1.social_care_days, 21);
  EXPECT_DOUBLE_EQ(la1.dtoc_beds, 23.0 / 31.0);
  EXPECT_DOUBLE_EQ(la1.social_care_beds, 21.0 / 31.0);
  EXPECT_EQ(la1.adult_population, 20000);
  EXPECT_NEAR(la1.rate_per_100k.value(), 115.0 / 31.0, 1e-9);
  EXPECT_NEAR(la1.social_care_rate_per_100k.value(), 105.0 / 31.0, 1e-9);
  EXPECT_EQ(la1.meets_2017_social_care_test, false);
  EXPECT_EQ(la1.snapshot_patients, 1);

  // LA2: 7 NHS days, no social care. Rate 7/31 / 50,000 x 100,000 = 14/31 = 0.45; social 0.
  const DtocLaSummary& la2 = report->local_authorities[1];
  EXPECT_EQ(la2.local_authority, "LA2");
  EXPECT_EQ(la2.days.Total(), 7);
  EXPECT_EQ(la2.social_care_days, 0);
  EXPECT_NEAR(la2.rate_per_100k.value(), 14.0 / 31.0, 1e-9);
  EXPECT_NEAR(la2.social_care_rate_per_100k.value(), 0.0, 1e-12);
  EXPECT_EQ(la2.meets_2017_social_care_test, true);
  EXPECT_EQ(la2.snapshot_patients, 1);

  // LA3: population only, nothing delayed.
  const DtocLaSummary& la3 = report->local_authorities[2];
  EXPECT_EQ(la3.local_authority, "LA3");
  EXPECT_EQ(la3.days.Total(), 0);
  EXPECT_EQ(la3.rate_per_100k, 0.0);
  EXPECT_EQ(la3.meets_2017_social_care_test, true);
  EXPECT_EQ(la3.snapshot_patients, 0);
}

TEST(DtocMonthlyReport, NoPopulationNoRates) {
  DtocMonthlyParams params = MarchParams("2026-04-02T12:00Z");
  params.adult_population.clear();
  const absl::StatusOr<DtocMonthlyReport> report = BuildDtocMonthlyReport(March2026(), params);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->local_authorities.size(), 2u);
  EXPECT_EQ(report->local_authorities[0].rate_per_100k, std::nullopt);
  EXPECT_EQ(report->local_authorities[0].meets_2017_social_care_test, std::nullopt);
}

TEST(DtocMonthlyReport, SnapshotKnownFromTheMidnightEndingLastThursday) {
  // 2026-03-27T00:00Z is the midnight ending Thursday 26 March (GMT). Case 2 is still ready
  // (its period ends later) and case 4 is not yet discharged (27 Mar 10:00): both delayed.
  const absl::StatusOr<DtocMonthlyReport> report =
      BuildDtocMonthlyReport(March2026(), MarchParams("2026-03-27T00:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->snapshot_patients, 2);
}

TEST(DtocMonthlyReport, MonthInProgressCountsUpToAsAt) {
  // As at Thursday 26 Mar 12:00 GMT: days up to 25 Mar have ended.
  // Case 1: 1..19 Mar = 19 (discharged 20 Mar). Case 2: 24, 25 Mar = 2. Case 3: not yet ready.
  // Case 4: ready at exactly as_at, no day ended yet. Total 21; no snapshot yet.
  const absl::StatusOr<DtocMonthlyReport> report =
      BuildDtocMonthlyReport(March2026(), MarchParams("2026-03-26T12:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->rows.size(), 2u);
  EXPECT_EQ(report->rows[0].TotalDays(), 19);  // RAA/LA1
  EXPECT_EQ(report->rows[0].patients, 1);
  EXPECT_EQ(report->rows[1].TotalDays(), 2);  // RAA/LA2
  EXPECT_EQ(report->acute.Total() + report->non_acute.Total(), 21);
  EXPECT_EQ(report->snapshot_patients, std::nullopt);
  EXPECT_EQ(report->rows[0].snapshot_patients, std::nullopt);
  EXPECT_EQ(report->local_authorities[0].snapshot_patients, std::nullopt);
  // Beds still divide by the 31 days of the month: 21/31.
  EXPECT_DOUBLE_EQ(report->dtoc_beds, 21.0 / 31.0);
}

TEST(DtocMonthlyReport, FebruaryLeavesOutMarchDays) {
  // Case 1 in February 2026 (28 days, last Thursday the 26th): 25..28 Feb = 4 days E/Social Care,
  // and delayed at the end of Thursday 26 Feb. Nothing else was ready in February.
  DtocMonthlyParams params = MarchParams("2026-04-02T12:00Z");
  params.month = 2;
  const absl::StatusOr<DtocMonthlyReport> report = BuildDtocMonthlyReport(March2026(), params);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->last_thursday, Date::FromYmd(2026, 2, 26));
  ASSERT_EQ(report->rows.size(), 1u);
  EXPECT_EQ(
      report->rows[0].acute.Days(DtocReason::kE_AwaitingCarePackage, Attribution::kSocialCare), 4);
  EXPECT_EQ(report->snapshot_patients, 1);
  EXPECT_DOUBLE_EQ(report->dtoc_beds, 4.0 / 28.0);
}

TEST(DtocMonthlyReport, OctoberClockChangeKeepsLondonDays) {
  // October 2026: the clocks go back on Sunday 25 Oct at 01:00 UTC; the last Thursday is 29 Oct.
  // Ready 2026-10-24T23:30Z = 25 Oct 00:30 BST (the UTC date is the 24th); discharged
  // 2026-10-29T23:30Z = 29 Oct 23:30 GMT. Days 25..28 Oct = 4; discharged before the end of
  // Thursday 29 Oct, so not in the snapshot.
  CaseFacts f = Case("RAA", Setting::kMentalHealth, "LA1");
  Ready(f, "2026-10-24T23:30Z", "2026-10-29T23:30Z", ReadyPeriodEnd::kDischarged);
  DtocMonthlyParams params;
  params.year = 2026;
  params.month = 10;
  params.as_at = T("2026-11-05T00:00Z");
  const absl::StatusOr<DtocMonthlyReport> report = BuildDtocMonthlyReport({f}, params);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->last_thursday, Date::FromYmd(2026, 10, 29));
  ASSERT_EQ(report->rows.size(), 1u);
  EXPECT_EQ(report->rows[0].non_acute.Days(std::nullopt, std::nullopt), 4);
  EXPECT_EQ(report->snapshot_patients, 0);
}

TEST(DtocMonthlyReport, RejectsBadMonthAndPopulation) {
  DtocMonthlyParams params = MarchParams("2026-04-02T12:00Z");
  params.month = 13;
  EXPECT_EQ(BuildDtocMonthlyReport({}, params).status().code(), absl::StatusCode::kInvalidArgument);
  params.month = 0;
  EXPECT_EQ(BuildDtocMonthlyReport({}, params).status().code(), absl::StatusCode::kInvalidArgument);
  params = MarchParams("2026-04-02T12:00Z");
  params.adult_population["LA9"] = 0;
  EXPECT_EQ(BuildDtocMonthlyReport({}, params).status().code(), absl::StatusCode::kInvalidArgument);
}

// A CaseSource hands the cases over one at a time: the same report as from the vector; a
// source's error fails the report; parameters are refused before any case is read.
TEST(DtocMonthlyReport, FromACaseSourceOneCaseAtATime) {
  const std::vector<CaseFacts> cases = March2026();
  int visits = 0;
  auto source = [&](CaseVisitor visit) {
    for (const CaseFacts& facts : cases) {
      const CaseFacts copy = facts;  // lives only during the visit, as a streamed case would
      ++visits;
      visit(copy);
    }
    return absl::OkStatus();
  };
  const absl::StatusOr<DtocMonthlyReport> streamed =
      BuildDtocMonthlyReport(source, MarchParams("2026-04-02T12:00Z"));
  ASSERT_TRUE(streamed.ok()) << streamed.status();
  EXPECT_EQ(visits, static_cast<int>(cases.size()));
  const absl::StatusOr<DtocMonthlyReport> held =
      BuildDtocMonthlyReport(cases, MarchParams("2026-04-02T12:00Z"));
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_EQ(streamed->acute.Total(), held->acute.Total());
  EXPECT_EQ(streamed->non_acute.Total(), held->non_acute.Total());
  EXPECT_EQ(streamed->rows.size(), held->rows.size());
  EXPECT_EQ(streamed->snapshot_patients, held->snapshot_patients);

  auto failing = [](CaseVisitor) { return absl::UnavailableError("disk gone"); };
  EXPECT_EQ(BuildDtocMonthlyReport(failing, MarchParams("2026-04-02T12:00Z")).status(),
            absl::UnavailableError("disk gone"));

  visits = 0;
  DtocMonthlyParams bad = MarchParams("2026-04-02T12:00Z");
  bad.month = 13;
  EXPECT_EQ(BuildDtocMonthlyReport(source, bad).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(visits, 0);
}

// One LA's return: the rows, totals and summaries of that LA's cases alone.
TEST(DtocMonthlyReport, OneLocalAuthoritysReturn) {
  DtocMonthlyParams params = MarchParams("2026-04-02T12:00Z");
  params.local_authority = "LA1";
  const absl::StatusOr<DtocMonthlyReport> report = BuildDtocMonthlyReport(March2026(), params);
  ASSERT_TRUE(report.ok()) << report.status();
  // RAA/LA1 (20 days) and RBB/LA1 (3 days, non-acute); LA2's case 2 is left out.
  ASSERT_EQ(report->rows.size(), 2u);
  EXPECT_EQ(report->rows[0].local_authority, "LA1");
  EXPECT_EQ(report->rows[1].local_authority, "LA1");
  EXPECT_EQ(report->acute.Total(), 20);
  EXPECT_EQ(report->non_acute.Total(), 3);
  EXPECT_DOUBLE_EQ(report->dtoc_beds, 23.0 / 31.0);
  EXPECT_EQ(report->snapshot_patients, 1);  // case 4; case 2 (LA2) no longer counts
  // Only LA1's summary, although LA2 and LA3 have populations.
  ASSERT_EQ(report->local_authorities.size(), 1u);
  EXPECT_EQ(report->local_authorities[0].local_authority, "LA1");
  EXPECT_EQ(report->local_authorities[0].days.Total(), 23);
  EXPECT_EQ(report->local_authorities[0].adult_population, 20000);

  params.local_authority = "LA9";  // no cases: an empty return
  const absl::StatusOr<DtocMonthlyReport> none = BuildDtocMonthlyReport(March2026(), params);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->rows.empty());
  EXPECT_TRUE(none->local_authorities.empty());
  EXPECT_EQ(none->acute.Total() + none->non_acute.Total(), 0);
}

}  // namespace
}  // namespace workflow
