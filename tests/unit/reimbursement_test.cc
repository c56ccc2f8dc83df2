// Reimbursement per LA from liability periods. Timestamps are in UTC; June 2015 is in BST
// (London is UTC+1), so a London day begins at 23:00Z the day before.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workflow/case_facts.h"
#include "workflow/reference_data.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow {
namespace {

Timestamp T(const char* utc) { return ParseUtc(utc).value(); }
Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

CaseFacts Case(const std::string& spell, const std::string& la,
               RuleSetId rules = RuleSetId::kCareAct2014) {
  CaseFacts f;
  f.identity.provider_ods = "RAA";
  f.identity.spell_id = spell;
  f.identity.local_authority = la;
  f.rule_set = rules;
  return f;
}

void Liable(CaseFacts& f, const char* start, const char* end, bool by_discharge) {
  f.notices.liability.push_back(LiabilityPeriod{T(start), T(end), by_discharge});
}

void LiableOpen(CaseFacts& f, const char* start) {
  f.notices.liability.push_back(LiabilityPeriod{T(start), std::nullopt, false});
}

ReimbursementParams Params(Date from, Date to, const char* as_at) {
  ReimbursementParams params;
  params.from = from;
  params.to = to;
  params.as_at = T(as_at);
  return params;
}

ReferenceData London() {
  ReferenceData reference;
  reference.higher_rate_authorities = {"E09000007"};
  return reference;
}

TEST(ReimbursementReport, DomainExampleStandardAndLondon) {
  // 2014 rules: notice given Fri 5 Jun 2015 15:10, after the 14:00 cut-off, so treated as given
  // Sat 6 Jun; minimum period Sun 7 and Mon 8; relevant day Tue 9; liability from the start of
  // Wed 10 (2015-06-09T23:00Z) to discharge on Fri 12 Jun: 10, 11, 12 Jun = 3 liable days.
  // Standard 3 x £130 = £390; London 3 x £155 = £465.
  CaseFacts birmingham = Case("S1", "E08000025");
  Liable(birmingham, "2015-06-09T23:00Z", "2015-06-12T10:00Z", true);
  CaseFacts camden = Case("S2", "E09000007");
  Liable(camden, "2015-06-09T23:00Z", "2015-06-12T10:00Z", true);

  const absl::StatusOr<ReimbursementReport> report = BuildReimbursementReport(
      {birmingham, camden}, Params(D(2015, 6, 1), D(2015, 6, 30), "2015-07-01T00:00Z"), London());
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->local_authorities.size(), 2u);
  EXPECT_EQ(report->local_authorities[0].local_authority, "E08000025");
  EXPECT_FALSE(report->local_authorities[0].higher_rate);
  EXPECT_EQ(report->local_authorities[0].liable_days, 3);
  EXPECT_EQ(report->local_authorities[0].amount_pence, 39000);
  EXPECT_EQ(report->local_authorities[1].local_authority, "E09000007");
  EXPECT_TRUE(report->local_authorities[1].higher_rate);
  EXPECT_EQ(report->local_authorities[1].liable_days, 3);
  EXPECT_EQ(report->local_authorities[1].amount_pence, 46500);
  EXPECT_EQ(report->liable_days, 6);
  EXPECT_EQ(report->amount_pence, 85500);  // 39000 + 46500
  ASSERT_EQ(report->local_authorities[1].cases.size(), 1u);
  EXPECT_EQ(report->local_authorities[1].cases[0].spell_id, "S2");
}

TEST(ReimbursementReport, HowPeriodsEndAndOverlap) {
  // As at Sun 14 Jun 2015 09:00 BST; all liability starts at the beginning of Wed 10 Jun
  // (2015-06-09T23:00Z: the UTC date is the 9th). 2014 standard rate £130.
  std::vector<CaseFacts> cases;
  // A: ended 12 Jun other than by discharge: 10, 11 Jun = 2 days, £260.
  CaseFacts a = Case("A", "LA1");
  Liable(a, "2015-06-09T23:00Z", "2015-06-12T10:00Z", false);
  cases.push_back(a);
  // B: open: 10..14 Jun (the as-at day included) = 5 days, £650.
  CaseFacts b = Case("B", "LA1");
  LiableOpen(b, "2015-06-09T23:00Z");
  cases.push_back(b);
  // C: 10 Jun to 2015-06-12T23:30Z = 13 Jun 00:30 BST, not by discharge: 10, 11, 12; then
  //    12 Jun to discharge 13 Jun: 12, 13. Each day once: 10..13 = 4 days, £520.
  CaseFacts c = Case("C", "LA1");
  Liable(c, "2015-06-09T23:00Z", "2015-06-12T23:30Z", false);
  Liable(c, "2015-06-11T23:00Z", "2015-06-13T10:00Z", true);
  cases.push_back(c);
  // D: ends by discharge on 20 Jun, after as_at: open at as_at, 10..14 Jun = 5 days, £650.
  CaseFacts d = Case("D", "LA1");
  Liable(d, "2015-06-09T23:00Z", "2015-06-20T10:00Z", true);
  cases.push_back(d);
  // E: starts 16 Jun, after as_at: nothing, no line.
  CaseFacts e = Case("E", "LA1");
  LiableOpen(e, "2015-06-15T23:00Z");
  cases.push_back(e);
  // F: cancelled admission: left out.
  CaseFacts f = Case("F", "LA1");
  LiableOpen(f, "2015-06-09T23:00Z");
  f.stay.cancelled_at = T("2015-06-11T10:00Z");
  cases.push_back(f);

  const absl::StatusOr<ReimbursementReport> report = BuildReimbursementReport(
      cases, Params(D(2015, 6, 1), D(2015, 6, 30), "2015-06-14T08:00Z"), ReferenceData());
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->local_authorities.size(), 1u);
  const ReimbursementLaRow& la1 = report->local_authorities[0];
  ASSERT_EQ(la1.cases.size(), 4u);  // A, B, C, D in input order
  EXPECT_EQ(la1.cases[0].spell_id, "A");
  EXPECT_EQ(la1.cases[0].liable_days, 2);
  EXPECT_EQ(la1.cases[0].amount_pence, 26000);
  EXPECT_EQ(la1.cases[1].spell_id, "B");
  EXPECT_EQ(la1.cases[1].liable_days, 5);
  EXPECT_EQ(la1.cases[1].amount_pence, 65000);
  EXPECT_EQ(la1.cases[2].spell_id, "C");
  EXPECT_EQ(la1.cases[2].liable_days, 4);
  EXPECT_EQ(la1.cases[2].amount_pence, 52000);
  EXPECT_EQ(la1.cases[3].spell_id, "D");
  EXPECT_EQ(la1.cases[3].liable_days, 5);
  // 2 + 5 + 4 + 5 = 16 days, 16 x £130 = £2,080.
  EXPECT_EQ(la1.liable_days, 16);
  EXPECT_EQ(la1.amount_pence, 208000);
  EXPECT_EQ(la1.unpriced_days, 0);
}

TEST(ReimbursementReport, OnlyDaysInsideThePeriod) {
  // Liable from Sun 28 Jun 2015 to discharge on Fri 3 Jul: 28, 29, 30 Jun and 1, 2, 3 Jul.
  CaseFacts f = Case("S1", "LA1");
  Liable(f, "2015-06-27T23:00Z", "2015-07-03T10:00Z", true);
  const absl::StatusOr<ReimbursementReport> june = BuildReimbursementReport(
      {f}, Params(D(2015, 6, 1), D(2015, 6, 30), "2015-07-10T00:00Z"), ReferenceData());
  ASSERT_TRUE(june.ok()) << june.status();
  EXPECT_EQ(june->liable_days, 3);       // 28, 29, 30 Jun
  EXPECT_EQ(june->amount_pence, 39000);  // 3 x £130
  const absl::StatusOr<ReimbursementReport> july = BuildReimbursementReport(
      {f}, Params(D(2015, 7, 1), D(2015, 7, 31), "2015-07-10T00:00Z"), ReferenceData());
  ASSERT_TRUE(july.ok()) << july.status();
  EXPECT_EQ(july->liable_days, 3);  // 1, 2, 3 Jul
  const absl::StatusOr<ReimbursementReport> one_day = BuildReimbursementReport(
      {f}, Params(D(2015, 6, 30), D(2015, 6, 30), "2015-07-10T00:00Z"), ReferenceData());
  ASSERT_TRUE(one_day.ok()) << one_day.status();
  EXPECT_EQ(one_day->liable_days, 1);  // 30 Jun
}

TEST(ReimbursementReport, RatesOfTheCaseRuleSet) {
  // 2004 is GMT: a London day begins at 00:00Z. 2003 rules pay £100, or £120 for the higher-rate
  // authorities, from 5 Jan 2004.
  ReferenceData reference;
  reference.higher_rate_authorities = {"LA2"};
  std::vector<CaseFacts> cases;
  // LA2 (higher): 2, 3, 4 Feb 2004 (discharged 4 Feb) = 3 x £120 = £360.
  CaseFacts higher = Case("H", "LA2", RuleSetId::kCcdda2003);
  Liable(higher, "2004-02-02T00:00Z", "2004-02-04T12:00Z", true);
  cases.push_back(higher);
  // LA3: 2..6 Jan 2004 = 5 days; 2, 3, 4 Jan are before the first rate (unpriced), 5 and 6 Jan
  // are 2 x £100 = £200.
  CaseFacts early = Case("E", "LA3", RuleSetId::kCcdda2003);
  Liable(early, "2004-01-02T00:00Z", "2004-01-06T12:00Z", true);
  cases.push_back(early);
  // LA3: a liability period under the 2022 rule set, which has no rates: 1, 2 Mar 2004 unpriced.
  CaseFacts no_rates = Case("N", "LA3", RuleSetId::kDischargeToAssess2022);
  Liable(no_rates, "2004-03-01T00:00Z", "2004-03-02T12:00Z", true);
  cases.push_back(no_rates);

  const absl::StatusOr<ReimbursementReport> report = BuildReimbursementReport(
      cases, Params(D(2004, 1, 1), D(2004, 12, 31), "2005-01-01T00:00Z"), reference);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->local_authorities.size(), 2u);
  const ReimbursementLaRow& la2 = report->local_authorities[0];
  EXPECT_EQ(la2.local_authority, "LA2");
  EXPECT_EQ(la2.liable_days, 3);
  EXPECT_EQ(la2.amount_pence, 36000);
  const ReimbursementLaRow& la3 = report->local_authorities[1];
  EXPECT_EQ(la3.local_authority, "LA3");
  EXPECT_EQ(la3.liable_days, 7);    // 5 + 2
  EXPECT_EQ(la3.unpriced_days, 5);  // 3 + 2
  EXPECT_EQ(la3.amount_pence, 20000);
  EXPECT_EQ(la3.cases[0].unpriced_days, 3);
  EXPECT_EQ(la3.cases[1].unpriced_days, 2);
  EXPECT_EQ(report->liable_days, 10);
  EXPECT_EQ(report->amount_pence, 56000);  // 36000 + 20000
}

TEST(ReimbursementReport, RejectsReversedPeriod) {
  EXPECT_EQ(BuildReimbursementReport({}, Params(D(2015, 6, 30), D(2015, 6, 1), "2015-07-01T00:00Z"),
                                     ReferenceData())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace workflow
