#include "workflow/calendar.h"

#include <gtest/gtest.h>

#include <map>

namespace workflow {
namespace {

Timestamp Utc(const char* text) { return ParseUtc(text).value(); }

constexpr int64_t kHour = 3600;

TEST(London, WinterIsGmt) {
  const LondonTime lt = ToLondon(Utc("2026-01-15T12:34:56Z"));
  EXPECT_EQ(lt.date, Date::FromYmd(2026, 1, 15));
  EXPECT_EQ(lt.hour, 12);
  EXPECT_EQ(lt.minute, 34);
  EXPECT_EQ(lt.second, 56);
  EXPECT_FALSE(lt.summer_time);
}

TEST(London, SummerIsBst) {
  const LondonTime lt = ToLondon(Utc("2026-06-05T14:10:00Z"));
  EXPECT_EQ(lt.date, Date::FromYmd(2026, 6, 5));
  EXPECT_EQ(lt.hour, 15);
  EXPECT_EQ(lt.minute, 10);
  EXPECT_TRUE(lt.summer_time);
}

TEST(London, SpringChangeAtOneUtc) {
  // 29 Mar 2026: clocks go from 01:00 GMT to 02:00 BST.
  LondonTime before = ToLondon(Utc("2026-03-29T00:59:59Z"));
  EXPECT_EQ(before.hour, 0);
  EXPECT_EQ(before.minute, 59);
  EXPECT_FALSE(before.summer_time);
  LondonTime after = ToLondon(Utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(after.date, Date::FromYmd(2026, 3, 29));
  EXPECT_EQ(after.hour, 2);
  EXPECT_EQ(after.minute, 0);
  EXPECT_TRUE(after.summer_time);
}

TEST(London, AutumnChangeAtOneUtc) {
  // 25 Oct 2026: clocks go from 02:00 BST back to 01:00 GMT.
  LondonTime before = ToLondon(Utc("2026-10-25T00:59:59Z"));
  EXPECT_EQ(before.hour, 1);
  EXPECT_EQ(before.minute, 59);
  EXPECT_TRUE(before.summer_time);
  LondonTime after = ToLondon(Utc("2026-10-25T01:00:00Z"));
  EXPECT_EQ(after.hour, 1);
  EXPECT_EQ(after.minute, 0);
  EXPECT_FALSE(after.summer_time);
}

Timestamp AtOneUtc(Date d) { return FromUnixSeconds(d.days_since_epoch() * 86400 + kHour); }

TEST(London, ChangeDaysAreLastSundays) {
  // {year, spring change day, autumn change day}.
  const int kChanges[][3] = {{2004, 28, 31}, {2011, 27, 30}, {2022, 27, 30}, {2024, 31, 27},
                             {2025, 30, 26}, {2026, 29, 25}, {2027, 28, 31}, {2035, 25, 28}};
  for (const auto& c : kChanges) {
    const Timestamp spring = AtOneUtc(Date::FromYmd(c[0], 3, c[1]));
    const Timestamp autumn = AtOneUtc(Date::FromYmd(c[0], 10, c[2]));
    EXPECT_FALSE(ToLondon(spring - std::chrono::seconds(1)).summer_time) << c[0];
    EXPECT_TRUE(ToLondon(spring).summer_time) << c[0];
    EXPECT_TRUE(ToLondon(autumn - std::chrono::seconds(1)).summer_time) << c[0];
    EXPECT_FALSE(ToLondon(autumn).summer_time) << c[0];
  }
}

TEST(London, MidnightInSummerIsElevenPmUtc) {
  EXPECT_EQ(LondonDate(Utc("2026-06-05T22:59:59Z")), Date::FromYmd(2026, 6, 5));
  EXPECT_EQ(LondonDate(Utc("2026-06-05T23:00:00Z")), Date::FromYmd(2026, 6, 6));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 6, 6)), Utc("2026-06-05T23:00:00Z"));
}

TEST(London, MidnightInWinterIsMidnightUtc) {
  EXPECT_EQ(LondonDate(Utc("2026-01-15T23:59:59Z")), Date::FromYmd(2026, 1, 15));
  EXPECT_EQ(LondonDate(Utc("2026-01-16T00:00:00Z")), Date::FromYmd(2026, 1, 16));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 1, 16)), Utc("2026-01-16T00:00:00Z"));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 1, 1)), Utc("2026-01-01T00:00:00Z"));
}

int64_t DayLengthHours(Date d) {
  return ToUnixSeconds(StartOfLondonDay(d.AddDays(1))) / kHour -
         ToUnixSeconds(StartOfLondonDay(d)) / kHour;
}

TEST(London, ChangeDaysLast23And25Hours) {
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 3, 28)), 24);
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 3, 29)), 23);
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 3, 30)), 24);
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 10, 24)), 24);
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 10, 25)), 25);
  EXPECT_EQ(DayLengthHours(Date::FromYmd(2026, 10, 26)), 24);
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 3, 29)), Utc("2026-03-29T00:00:00Z"));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 3, 30)), Utc("2026-03-29T23:00:00Z"));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 10, 25)), Utc("2026-10-24T23:00:00Z"));
  EXPECT_EQ(StartOfLondonDay(Date::FromYmd(2026, 10, 26)), Utc("2026-10-26T00:00:00Z"));
}

TEST(London, EveryDayOfTheRuleSetsStartsAtLocalMidnight) {
  for (Date d = Date::FromYmd(2004, 1, 1); d <= Date::FromYmd(2035, 12, 31); d = d.AddDays(1)) {
    const LondonTime lt = ToLondon(StartOfLondonDay(d));
    ASSERT_EQ(lt.date, d) << d.ToIsoString();
    ASSERT_EQ(lt.hour + lt.minute + lt.second, 0) << d.ToIsoString();
    const int64_t hours = DayLengthHours(d);
    ASSERT_TRUE(hours == 24 || (d.weekday() == Weekday::kSunday && (hours == 23 || hours == 25)))
        << d.ToIsoString();
  }
}

TEST(London, FromLondonReadsOrdinaryTimes) {
  EXPECT_EQ(FromLondon(Date::FromYmd(2026, 6, 5), 15, 10), Utc("2026-06-05T14:10:00Z"));
  EXPECT_EQ(FromLondon(Date::FromYmd(2026, 1, 15), 15, 10, 30), Utc("2026-01-15T15:10:30Z"));
  EXPECT_EQ(FromLondon(Date::FromYmd(2026, 6, 5), 23, 30), Utc("2026-06-05T22:30:00Z"));
}

TEST(London, FromLondonSkippedSpringTimeIsReadAfterTheChange) {
  // 01:30 does not exist on 29 Mar 2026: read as 02:30 BST, which is 01:30 UTC.
  const Date change = Date::FromYmd(2026, 3, 29);
  const Timestamp t = FromLondon(change, 1, 30);
  EXPECT_EQ(t, Utc("2026-03-29T01:30:00Z"));
  const LondonTime lt = ToLondon(t);
  EXPECT_EQ(lt.hour, 2);
  EXPECT_EQ(lt.minute, 30);
  EXPECT_TRUE(lt.summer_time);
  EXPECT_EQ(FromLondon(change, 0, 59, 59), Utc("2026-03-29T00:59:59Z"));
  EXPECT_EQ(FromLondon(change, 2, 30), Utc("2026-03-29T01:30:00Z"));
  EXPECT_EQ(FromLondon(change, 3, 0), Utc("2026-03-29T02:00:00Z"));
}

TEST(London, FromLondonRepeatedAutumnTimeIsTheFirst) {
  // 01:30 happens twice on 25 Oct 2026: first in BST (00:30 UTC), then in GMT (01:30 UTC).
  const Date change = Date::FromYmd(2026, 10, 25);
  EXPECT_EQ(FromLondon(change, 1, 30), Utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(FromLondon(change, 0, 59), Utc("2026-10-24T23:59:00Z"));
  EXPECT_EQ(FromLondon(change, 1, 0), Utc("2026-10-25T00:00:00Z"));
  EXPECT_EQ(FromLondon(change, 1, 59, 59), Utc("2026-10-25T00:59:59Z"));
  EXPECT_EQ(FromLondon(change, 2, 0), Utc("2026-10-25T02:00:00Z"));
}

TEST(London, FromLondonInvertsToLondon) {
  // Every quarter hour of 2026 except the second pass through the repeated autumn hour.
  for (int64_t s = ToUnixSeconds(Utc("2026-01-01T00:00:00Z"));
       s < ToUnixSeconds(Utc("2027-01-01T00:00:00Z")); s += 15 * 60) {
    const Timestamp t = FromUnixSeconds(s);
    if (t >= Utc("2026-10-25T01:00:00Z") && t < Utc("2026-10-25T02:00:00Z")) continue;
    const LondonTime lt = ToLondon(t);
    ASSERT_EQ(FromLondon(lt.date, lt.hour, lt.minute, lt.second), t) << FormatUtc(t);
  }
}

TEST(London, FormatsForMessages) {
  EXPECT_EQ(FormatLondon(Utc("2026-06-05T14:10:00Z")), "Fri 05/06/2026 15:10");
  EXPECT_EQ(FormatLondon(Utc("2026-01-15T09:05:59Z")), "Thu 15/01/2026 09:05");
  EXPECT_EQ(FormatLondon(Utc("2026-06-05T23:30:00Z")), "Sat 06/06/2026 00:30");
}

// --- Bank holidays ---

Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d); }

TEST(BankHolidays, Ordinary2026) {
  const auto holidays = BankHolidays::EnglandAndWales();
  std::vector<Date> in_2026;
  for (Date d : holidays->days()) {
    if (d.year() == 2026) in_2026.push_back(d);
  }
  const std::vector<Date> expected = {Ymd(2026, 1, 1),   Ymd(2026, 4, 3),  Ymd(2026, 4, 6),
                                      Ymd(2026, 5, 4),   Ymd(2026, 5, 25), Ymd(2026, 8, 31),
                                      Ymd(2026, 12, 25), Ymd(2026, 12, 28)};
  EXPECT_EQ(in_2026, expected);
  EXPECT_FALSE(holidays->Contains(Ymd(2026, 12, 26)));  // Saturday: substituted by Mon 28
}

TEST(BankHolidays, CountPerYear) {
  std::map<int, int> count;
  for (Date d : BankHolidays::EnglandAndWales()->days()) ++count[d.year()];
  EXPECT_EQ(count.begin()->first, 2004);
  EXPECT_EQ(count.rbegin()->first, 2035);
  for (int year = 2004; year <= 2035; ++year) {
    int expected = 8;
    if (year == 2011 || year == 2012 || year == 2023) expected = 9;
    if (year == 2022) expected = 10;
    EXPECT_EQ(count[year], expected) << year;
  }
}

TEST(BankHolidays, AllOnWeekdays) {
  for (Date d : BankHolidays::EnglandAndWales()->days()) {
    EXPECT_NE(d.weekday(), Weekday::kSaturday) << d.ToIsoString();
    EXPECT_NE(d.weekday(), Weekday::kSunday) << d.ToIsoString();
  }
}

TEST(BankHolidays, RoyalWedding2011) {
  const auto h = BankHolidays::EnglandAndWales();
  EXPECT_TRUE(h->Contains(Ymd(2011, 4, 29)));
  EXPECT_TRUE(h->Contains(Ymd(2011, 5, 2)));  // early May as usual
}

TEST(BankHolidays, DiamondJubilee2012MovesSpringHoliday) {
  const auto h = BankHolidays::EnglandAndWales();
  EXPECT_FALSE(h->Contains(Ymd(2012, 5, 28)));
  EXPECT_TRUE(h->Contains(Ymd(2012, 6, 4)));
  EXPECT_TRUE(h->Contains(Ymd(2012, 6, 5)));
}

TEST(BankHolidays, VeDay2020MovesEarlyMayHoliday) {
  const auto h = BankHolidays::EnglandAndWales();
  EXPECT_FALSE(h->Contains(Ymd(2020, 5, 4)));
  EXPECT_TRUE(h->Contains(Ymd(2020, 5, 8)));
  EXPECT_EQ(Ymd(2020, 5, 8).weekday(), Weekday::kFriday);
}

TEST(BankHolidays, PlatinumJubileeAndStateFuneral2022) {
  const auto h = BankHolidays::EnglandAndWales();
  EXPECT_FALSE(h->Contains(Ymd(2022, 5, 30)));
  EXPECT_TRUE(h->Contains(Ymd(2022, 6, 2)));
  EXPECT_EQ(Ymd(2022, 6, 2).weekday(), Weekday::kThursday);
  EXPECT_TRUE(h->Contains(Ymd(2022, 6, 3)));
  EXPECT_TRUE(h->Contains(Ymd(2022, 9, 19)));
}

TEST(BankHolidays, Coronation2023) {
  const auto h = BankHolidays::EnglandAndWales();
  EXPECT_TRUE(h->Contains(Ymd(2023, 5, 1)));
  EXPECT_TRUE(h->Contains(Ymd(2023, 5, 8)));
}

TEST(BankHolidays, WeekendSubstitutes) {
  const auto h = BankHolidays::EnglandAndWales();
  // Christmas on Saturday (2021): Mon 27 and Tue 28.
  EXPECT_TRUE(h->Contains(Ymd(2021, 12, 27)));
  EXPECT_TRUE(h->Contains(Ymd(2021, 12, 28)));
  // Christmas on Sunday (2022): Boxing Day Mon 26, substitute Tue 27.
  EXPECT_TRUE(h->Contains(Ymd(2022, 12, 26)));
  EXPECT_TRUE(h->Contains(Ymd(2022, 12, 27)));
  // Boxing Day on Saturday (2020): Mon 28.
  EXPECT_TRUE(h->Contains(Ymd(2020, 12, 25)));
  EXPECT_TRUE(h->Contains(Ymd(2020, 12, 28)));
  // New Year's Day on Saturday (2022) and on Sunday (2023).
  EXPECT_TRUE(h->Contains(Ymd(2022, 1, 3)));
  EXPECT_TRUE(h->Contains(Ymd(2023, 1, 2)));
}

TEST(BankHolidays, EasterEachYear) {
  // Each year has one Good Friday and Easter Monday, three days apart, around a Sunday between
  // 22 March and 25 April.
  const auto h = BankHolidays::EnglandAndWales();
  for (int year = 2004; year <= 2035; ++year) {
    int found = 0;
    for (Date sunday = Ymd(year, 3, 22); sunday <= Ymd(year, 4, 25); sunday = sunday.AddDays(1)) {
      if (h->Contains(sunday.AddDays(-2)) && h->Contains(sunday.AddDays(1)) &&
          sunday.weekday() == Weekday::kSunday) {
        ++found;
      }
    }
    EXPECT_EQ(found, 1) << year;
  }
  // Easter Sundays from published tables.
  for (Date easter : {Ymd(2008, 3, 23), Ymd(2011, 4, 24), Ymd(2016, 3, 27), Ymd(2019, 4, 21),
                      Ymd(2024, 3, 31), Ymd(2025, 4, 20), Ymd(2026, 4, 5), Ymd(2035, 3, 25)}) {
    EXPECT_TRUE(h->Contains(easter.AddDays(-2))) << easter.ToIsoString();
    EXPECT_TRUE(h->Contains(easter.AddDays(1))) << easter.ToIsoString();
  }
}

TEST(BankHolidays, BuiltInIsSharedAndSorted) {
  const auto a = BankHolidays::EnglandAndWales();
  EXPECT_EQ(a, BankHolidays::EnglandAndWales());
  for (size_t i = 1; i < a->days().size(); ++i) EXPECT_LT(a->days()[i - 1], a->days()[i]);
  EXPECT_FALSE(a->Contains(Ymd(2003, 12, 25)));
  EXPECT_FALSE(a->Contains(Ymd(2036, 1, 1)));
}

TEST(BankHolidays, ConstructorSortsAndRemovesDuplicates) {
  const BankHolidays h({Ymd(2026, 12, 25), Ymd(2026, 1, 1), Ymd(2026, 12, 25)});
  EXPECT_EQ(h.days(), (std::vector<Date>{Ymd(2026, 1, 1), Ymd(2026, 12, 25)}));
}

TEST(BankHolidays, ParseSkipsCommentsAndBlankLines) {
  const auto h = BankHolidays::Parse(
      "# England and Wales\n"
      "\n"
      "2026-12-25\r\n"
      "  2026-01-01  \n"
      "   # indented comment\n"
      "2026-12-28");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->days(), (std::vector<Date>{Ymd(2026, 1, 1), Ymd(2026, 12, 25), Ymd(2026, 12, 28)}));
  EXPECT_TRUE(BankHolidays::Parse("").ok());
}

TEST(BankHolidays, ParseErrorNamesTheLine) {
  const auto h = BankHolidays::Parse("2026-01-01\n# comment\n\n2026-02-30\n2026-12-25\n");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(h.status().message().find("line 4"), std::string_view::npos) << h.status();
  EXPECT_NE(h.status().message().find("2026-02-30"), std::string_view::npos) << h.status();
  EXPECT_FALSE(BankHolidays::Parse("2026-01-01 # Christmas\n").ok());
}

}  // namespace
}  // namespace workflow
