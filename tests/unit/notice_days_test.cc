// Day counting for the statutory notices. Rules and sources: domain.md, "Statutory notices".
#include "workflow/notice_days.h"

#include <gtest/gtest.h>

namespace workflow {
namespace {

Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d); }
Timestamp Utc(const char* text) { return ParseUtc(text).value(); }

const RuleSet& Rules2003() { return GetRuleSet(RuleSetId::kCcdda2003); }
const RuleSet& Rules2014() { return GetRuleSet(RuleSetId::kCareAct2014); }
const BankHolidays& Holidays() { return *BankHolidays::EnglandAndWales(); }

// --- Rule sets ---

TEST(RuleSet, Ccdda2003CountsWithoutSundaysAndBankHolidays) {
  const RuleSet& r = Rules2003();
  EXPECT_EQ(r.id, RuleSetId::kCcdda2003);
  EXPECT_TRUE(r.notices_apply);
  EXPECT_TRUE(r.exclude_sundays_and_bank_holidays);
  EXPECT_EQ(r.notice_cutoff_minutes, 14 * 60);
  EXPECT_EQ(r.minimum_assessment_days, 2);
  ASSERT_EQ(r.reimbursement.size(), 1u);
  EXPECT_EQ(r.reimbursement[0].effective_from, Ymd(2004, 1, 5));
  EXPECT_EQ(r.reimbursement[0].standard_pence, 10000);
  EXPECT_EQ(r.reimbursement[0].higher_pence, 12000);
}

TEST(RuleSet, CareAct2014CountsEveryDay) {
  const RuleSet& r = Rules2014();
  EXPECT_EQ(r.id, RuleSetId::kCareAct2014);
  EXPECT_TRUE(r.notices_apply);
  EXPECT_FALSE(r.exclude_sundays_and_bank_holidays);
  ASSERT_EQ(r.reimbursement.size(), 1u);
  EXPECT_EQ(r.reimbursement[0].effective_from, Ymd(2015, 4, 1));
  EXPECT_EQ(r.reimbursement[0].standard_pence, 13000);
  EXPECT_EQ(r.reimbursement[0].higher_pence, 15500);
}

TEST(RuleSet, DischargeToAssess2022HasNoNotices) {
  const RuleSet& r = GetRuleSet(RuleSetId::kDischargeToAssess2022);
  EXPECT_EQ(r.id, RuleSetId::kDischargeToAssess2022);
  EXPECT_FALSE(r.notices_apply);
  EXPECT_TRUE(r.reimbursement.empty());
  EXPECT_EQ(r.RateOn(Ymd(2026, 6, 1)), std::nullopt);
  EXPECT_EQ(kDefaultRuleSet, RuleSetId::kDischargeToAssess2022);
  EXPECT_EQ(r.chc_decision_days, 28);
  EXPECT_EQ(r.stranded_days, 7);
}

TEST(RuleSet, RateOnPicksLatestInForce) {
  EXPECT_EQ(Rules2003().RateOn(Ymd(2004, 1, 4)), std::nullopt);
  EXPECT_EQ(Rules2003().RateOn(Ymd(2004, 1, 5))->standard_pence, 10000);
  RuleSet r;
  r.reimbursement = {{Ymd(2015, 4, 1), 13000, 15500}, {Ymd(2020, 4, 1), 14000, 16500}};
  EXPECT_EQ(r.RateOn(Ymd(2015, 3, 31)), std::nullopt);
  EXPECT_EQ(r.RateOn(Ymd(2015, 4, 1))->standard_pence, 13000);
  EXPECT_EQ(r.RateOn(Ymd(2020, 3, 31))->standard_pence, 13000);
  EXPECT_EQ(r.RateOn(Ymd(2020, 4, 1))->higher_pence, 16500);
  EXPECT_EQ(r.RateOn(Ymd(2030, 1, 1))->standard_pence, 14000);
}

TEST(RuleSet, NamesRoundTrip) {
  for (RuleSetId id :
       {RuleSetId::kCcdda2003, RuleSetId::kCareAct2014, RuleSetId::kDischargeToAssess2022}) {
    EXPECT_EQ(ParseRuleSetName(RuleSetName(id)), id);
  }
  EXPECT_EQ(RuleSetName(RuleSetId::kCcdda2003), "CCDDA_2003");
  EXPECT_EQ(RuleSetName(RuleSetId::kCareAct2014), "CARE_ACT_2014");
  EXPECT_EQ(RuleSetName(RuleSetId::kDischargeToAssess2022), "DISCHARGE_TO_ASSESS_2022");
  EXPECT_EQ(ParseRuleSetName("care_act_2014"), std::nullopt);
  EXPECT_EQ(ParseRuleSetName(""), std::nullopt);
}

// --- Counted days ---

TEST(NoticeDays, EveryDayCountsUnder2014Rules) {
  // 2014 rules: every day counts (s).
  EXPECT_TRUE(IsCountedDay(Ymd(2026, 4, 5), Rules2014(), Holidays()));  // Easter Sunday
  EXPECT_TRUE(IsCountedDay(Ymd(2026, 4, 6), Rules2014(), Holidays()));  // Easter Monday
}

TEST(NoticeDays, SundaysAndBankHolidaysNotCountedUnder2003Rules) {
  // 2003 rules: Sundays and public holidays in England and Wales are not counted (s).
  EXPECT_TRUE(IsCountedDay(Ymd(2026, 4, 4), Rules2003(), Holidays()));   // Saturday
  EXPECT_FALSE(IsCountedDay(Ymd(2026, 4, 5), Rules2003(), Holidays()));  // Sunday
  EXPECT_FALSE(IsCountedDay(Ymd(2026, 4, 3), Rules2003(), Holidays()));  // Good Friday
  EXPECT_FALSE(IsCountedDay(Ymd(2026, 4, 6), Rules2003(), Holidays()));  // Easter Monday
  EXPECT_TRUE(IsCountedDay(Ymd(2026, 4, 7), Rules2003(), Holidays()));
}

// --- The worked example ---

TEST(NoticeDays, WorkedExample2014FridayAfternoon) {
  // domain.md, 2014 rules: notice given Fri 15:10, treated as given Sat; minimum period Sun and
  // Mon; relevant day Tue (or the proposed date if later); discharged the next Fri: 3 liable days.
  const Timestamp given = Utc("2026-06-05T14:10:00Z");  // Fri 15:10 BST
  const Date deemed = NoticeDeemedGivenDay(given, Rules2014(), Holidays());
  EXPECT_EQ(deemed, Ymd(2026, 6, 6));
  const Date period_end = MinimumPeriodEnd(deemed, Rules2014(), Holidays());
  EXPECT_EQ(period_end, Ymd(2026, 6, 8));
  const Date relevant = RelevantDay(period_end, Ymd(2026, 6, 6));
  EXPECT_EQ(relevant, Ymd(2026, 6, 9));
  EXPECT_EQ(relevant.weekday(), Weekday::kTuesday);
  EXPECT_EQ(DaysBetween(relevant, Ymd(2026, 6, 12)), 3);
  EXPECT_EQ(RelevantDay(period_end, Ymd(2026, 6, 11)), Ymd(2026, 6, 11));
}

// --- The 14:00 cut-off (s) ---

TEST(NoticeDays, CutOffAtExactly1400IsNextDay) {
  // Notice given after 14:00 counts as given the next day; 14:00 itself is "at or after".
  const Timestamp at_cutoff = FromLondon(Ymd(2026, 6, 3), 14, 0);
  EXPECT_EQ(NoticeDeemedGivenDay(at_cutoff, Rules2014(), Holidays()), Ymd(2026, 6, 4));
}

TEST(NoticeDays, CutOffAt1359IsSameDay) {
  const Timestamp before = FromLondon(Ymd(2026, 6, 3), 13, 59, 59);
  EXPECT_EQ(NoticeDeemedGivenDay(before, Rules2014(), Holidays()), Ymd(2026, 6, 3));
}

TEST(NoticeDays, CutOffUsesLondonTimeInWinter) {
  EXPECT_EQ(NoticeDeemedGivenDay(Utc("2026-01-14T13:59:00Z"), Rules2014(), Holidays()),
            Ymd(2026, 1, 14));
  EXPECT_EQ(NoticeDeemedGivenDay(Utc("2026-01-14T14:00:00Z"), Rules2014(), Holidays()),
            Ymd(2026, 1, 15));
}

TEST(NoticeDays, CutOffUsesLondonTimeInSummer) {
  // 13:30 UTC is 14:30 BST: after the cut-off.
  EXPECT_EQ(NoticeDeemedGivenDay(Utc("2026-06-03T13:30:00Z"), Rules2014(), Holidays()),
            Ymd(2026, 6, 4));
}

// --- Near midnight in BST ---

TEST(NoticeDays, JustAfterMidnightBstIsTheLondonDay) {
  // 00:30 BST on Sat 6 Jun is 23:30 UTC on Fri 5 Jun: the notice is given on the London day.
  const Timestamp given = Utc("2026-06-05T23:30:00Z");
  EXPECT_EQ(NoticeDeemedGivenDay(given, Rules2014(), Holidays()), Ymd(2026, 6, 6));
}

TEST(NoticeDays, LateEveningBstIsAfterTheCutOff) {
  // 23:30 BST on Fri 5 Jun (22:30 UTC, same date): after 14:00, so treated as given Sat 6 Jun,
  // not Sun 7 Jun.
  const Timestamp given = Utc("2026-06-05T22:30:00Z");
  EXPECT_EQ(LondonDate(given), Ymd(2026, 6, 5));
  EXPECT_EQ(NoticeDeemedGivenDay(given, Rules2014(), Holidays()), Ymd(2026, 6, 6));
}

TEST(NoticeDays, CutOffOnSpringChangeDay) {
  // 29 Mar 2026 is 23 hours long; 13:00 UTC is 14:00 BST, on the cut-off.
  EXPECT_EQ(NoticeDeemedGivenDay(Utc("2026-03-29T12:59:00Z"), Rules2014(), Holidays()),
            Ymd(2026, 3, 29));
  EXPECT_EQ(NoticeDeemedGivenDay(Utc("2026-03-29T13:00:00Z"), Rules2014(), Holidays()),
            Ymd(2026, 3, 30));
}

// --- 2003 rules: excluded days ---

TEST(NoticeDays, MinimumPeriodSkipsEaster2026Under2003Rules) {
  // 2003 rules (s): Sundays and bank holidays are not counted. Notice Thu 2 Apr 2026 10:00:
  // Good Friday 3 Apr, Sunday 5 Apr and Easter Monday 6 Apr are skipped; the two counted days
  // are Sat 4 and Tue 7 Apr.
  const Timestamp given = FromLondon(Ymd(2026, 4, 2), 10, 0);
  const Date deemed = NoticeDeemedGivenDay(given, Rules2003(), Holidays());
  EXPECT_EQ(deemed, Ymd(2026, 4, 2));
  const Date period_end = MinimumPeriodEnd(deemed, Rules2003(), Holidays());
  EXPECT_EQ(period_end, Ymd(2026, 4, 7));
  EXPECT_EQ(RelevantDay(period_end, Ymd(2026, 4, 3)), Ymd(2026, 4, 8));
}

TEST(NoticeDays, SameNoticeUnder2014RulesCountsEaster) {
  const Date deemed =
      NoticeDeemedGivenDay(FromLondon(Ymd(2026, 4, 2), 10, 0), Rules2014(), Holidays());
  EXPECT_EQ(MinimumPeriodEnd(deemed, Rules2014(), Holidays()), Ymd(2026, 4, 4));
}

TEST(NoticeDays, NoticeOnExcludedDayRollsForwardUnder2003Rules) {
  // 2003 rules (rule_set.h): a notice given on an excluded day is treated as given on the next
  // counted day. Sat 4 Apr 2026 15:00 -> Sun 5 (cut-off) -> Easter Monday 6 -> Tue 7 Apr.
  const Timestamp given = FromLondon(Ymd(2026, 4, 4), 15, 0);
  EXPECT_EQ(NoticeDeemedGivenDay(given, Rules2003(), Holidays()), Ymd(2026, 4, 7));
  EXPECT_EQ(NoticeDeemedGivenDay(given, Rules2014(), Holidays()), Ymd(2026, 4, 5));
  // Given on a Sunday morning: Monday.
  EXPECT_EQ(NoticeDeemedGivenDay(FromLondon(Ymd(2026, 6, 7), 9, 0), Rules2003(), Holidays()),
            Ymd(2026, 6, 8));
}

TEST(NoticeDays, MinimumPeriodAcrossChristmas2026Under2003Rules) {
  // Thu 24 Dec 2026 10:00: Fri 25 (Christmas), Sat 26 counted, Sun 27 no, Mon 28 (substitute
  // Boxing Day) no, Tue 29 counted.
  const Date deemed =
      NoticeDeemedGivenDay(FromLondon(Ymd(2026, 12, 24), 10, 0), Rules2003(), Holidays());
  EXPECT_EQ(MinimumPeriodEnd(deemed, Rules2003(), Holidays()), Ymd(2026, 12, 29));
}

TEST(NoticeDays, RelevantDayIsTheLaterDate) {
  const Date end = Ymd(2026, 6, 8);
  EXPECT_EQ(RelevantDay(end, Ymd(2026, 6, 1)), Ymd(2026, 6, 9));
  EXPECT_EQ(RelevantDay(end, Ymd(2026, 6, 9)), Ymd(2026, 6, 9));
  EXPECT_EQ(RelevantDay(end, Ymd(2026, 6, 20)), Ymd(2026, 6, 20));
}

TEST(NoticeDays, RuleSetNumbersAreConfigurable) {
  RuleSet rules = Rules2014();
  rules.notice_cutoff_minutes = 16 * 60 + 30;
  rules.minimum_assessment_days = 3;
  const Date deemed = NoticeDeemedGivenDay(FromLondon(Ymd(2026, 6, 3), 16, 29), rules, Holidays());
  EXPECT_EQ(deemed, Ymd(2026, 6, 3));
  EXPECT_EQ(MinimumPeriodEnd(deemed, rules, Holidays()), Ymd(2026, 6, 6));
}

}  // namespace
}  // namespace workflow
