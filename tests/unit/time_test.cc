#include "workflow/time.h"

#include <gtest/gtest.h>

namespace workflow {
namespace {

TEST(Date, EpochIsDayZero) {
  EXPECT_EQ(Date::FromYmd(1970, 1, 1).days_since_epoch(), 0);
  EXPECT_EQ(Date().ToIsoString(), "1970-01-01");
  EXPECT_EQ(Date::FromYmd(1969, 12, 31).days_since_epoch(), -1);
  EXPECT_EQ(Date::FromYmd(2000, 3, 1).days_since_epoch(), 11017);
  EXPECT_EQ(Date::FromYmd(2026, 6, 1).days_since_epoch(), 20605);
}

TEST(Date, FieldsRoundTripOverManyYears) {
  // 1600-03-01 to about 2400: consecutive days, each rebuilt from its own fields.
  Date previous = Date::FromYmd(1600, 2, 29);
  for (int32_t n = previous.days_since_epoch() + 1; n < 160000; ++n) {
    const Date d = Date::FromDaysSinceEpoch(n);
    ASSERT_EQ(Date::FromYmd(d.year(), d.month(), d.day()), d) << n;
    if (d.day() == 1) {
      ASSERT_EQ(previous.day(), DaysInMonth(previous.year(), previous.month())) << n;
    } else {
      ASSERT_EQ(d.day(), previous.day() + 1) << n;
    }
    previous = d;
  }
}

TEST(Date, ParseAcceptsRealIsoDates) {
  EXPECT_EQ(Date::Parse("2026-06-01"), Date::FromYmd(2026, 6, 1));
  EXPECT_EQ(Date::Parse("2024-02-29"), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(Date::Parse("2000-02-29"), Date::FromYmd(2000, 2, 29));
  EXPECT_EQ(Date::Parse("1969-12-31"), Date::FromYmd(1969, 12, 31));
}

TEST(Date, ParseRejectsImpossibleDates) {
  EXPECT_EQ(Date::Parse("2026-02-30"), std::nullopt);
  EXPECT_EQ(Date::Parse("2026-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("1900-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("2026-04-31"), std::nullopt);
  EXPECT_EQ(Date::Parse("2026-13-01"), std::nullopt);
  EXPECT_EQ(Date::Parse("2026-00-10"), std::nullopt);
  EXPECT_EQ(Date::Parse("2026-01-00"), std::nullopt);
}

TEST(Date, ParseRejectsMalformedText) {
  for (const char* text :
       {"", "2026-6-1", "2026-06-1", "2026-06-011", "26-06-01", "2026/06/01", "2026-0a-01",
        "+026-06-01", "2026-06-01 ", " 2026-06-01", "2026-06-01Z", "20260601", "2026--6-01"}) {
    EXPECT_EQ(Date::Parse(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(Date, WeekdayFollowsCivilCalendar) {
  EXPECT_EQ(Date::FromYmd(1970, 1, 1).weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::FromYmd(1969, 12, 28).weekday(), Weekday::kSunday);
  EXPECT_EQ(Date::FromYmd(2026, 6, 5).weekday(), Weekday::kFriday);
  EXPECT_EQ(Date::FromYmd(2026, 3, 29).weekday(), Weekday::kSunday);
  EXPECT_EQ(Date::FromYmd(2000, 1, 1).weekday(), Weekday::kSaturday);
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::FromYmd(2026, 1, 31).AddMonths(1), Date::FromYmd(2026, 2, 28));
  EXPECT_EQ(Date::FromYmd(2024, 1, 31).AddMonths(1), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(Date::FromYmd(2024, 3, 31).AddMonths(-1), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(Date::FromYmd(2026, 5, 31).AddMonths(1), Date::FromYmd(2026, 6, 30));
  EXPECT_EQ(Date::FromYmd(2024, 2, 29).AddMonths(12), Date::FromYmd(2025, 2, 28));
}

TEST(Date, AddMonthsCrossesYears) {
  EXPECT_EQ(Date::FromYmd(2026, 6, 1).AddMonths(0), Date::FromYmd(2026, 6, 1));
  EXPECT_EQ(Date::FromYmd(2026, 11, 15).AddMonths(3), Date::FromYmd(2027, 2, 15));
  EXPECT_EQ(Date::FromYmd(2026, 1, 15).AddMonths(-1), Date::FromYmd(2025, 12, 15));
  EXPECT_EQ(Date::FromYmd(2026, 1, 15).AddMonths(-13), Date::FromYmd(2024, 12, 15));
  EXPECT_EQ(Date::FromYmd(2026, 1, 15).AddMonths(-12), Date::FromYmd(2025, 1, 15));
  EXPECT_EQ(Date::FromYmd(2026, 6, 30).AddMonths(6), Date::FromYmd(2026, 12, 30));
}

TEST(Date, FormatsIsoAndUk) {
  const Date d = Date::FromYmd(2026, 6, 1);
  EXPECT_EQ(d.ToIsoString(), "2026-06-01");
  EXPECT_EQ(d.ToUkString(), "01/06/2026");
  EXPECT_EQ(Date::FromYmd(2026, 12, 25).ToUkString(), "25/12/2026");
}

TEST(Date, DaysBetweenIsSigned) {
  const Date a = Date::FromYmd(2026, 2, 27);
  const Date b = Date::FromYmd(2026, 3, 2);
  EXPECT_EQ(DaysBetween(a, b), 3);
  EXPECT_EQ(DaysBetween(b, a), -3);
  EXPECT_EQ(a.AddDays(3), b);
  EXPECT_LT(a, b);
}

TEST(Date, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2026));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 2), 28);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(DaysInMonth(2026, 12), 31);
}

TEST(Utc, FormatsSecondsAndDays) {
  EXPECT_EQ(FormatUtc(FromUnixSeconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(FromUnixSeconds(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatUtc(FromUnixSeconds(1780306200)), "2026-06-01T09:30:00Z");
}

TEST(Utc, ParsesWithAndWithoutSeconds) {
  EXPECT_EQ(ParseUtc("2026-06-01T09:30:00Z"), FromUnixSeconds(1780306200));
  EXPECT_EQ(ParseUtc("2026-06-01T09:30Z"), FromUnixSeconds(1780306200));
  EXPECT_EQ(ParseUtc("2026-06-01T09:30:59Z"), FromUnixSeconds(1780306259));
  EXPECT_EQ(ParseUtc("1969-12-31T23:59:59Z"), FromUnixSeconds(-1));
  EXPECT_EQ(ParseUtc("2026-06-01T23:59:59Z"), FromUnixSeconds(1780358399));
}

TEST(Utc, RejectsMalformedText) {
  for (const char* text :
       {"", "2026-06-01", "2026-06-01T09:30:00", "2026-06-01 09:30:00Z", "2026-06-01T09:30:00z",
        "2026-06-01t09:30:00Z", "2026-06-01T24:00Z", "2026-06-01T09:60Z", "2026-06-01T09:30:60Z",
        "2026-02-30T09:30Z", "2026-06-01T09:30:00+01:00", "2026-06-01T09:30:00.5Z",
        "2026-06-01T9:30:00Z", "2026-06-01T09-30Z", "2026-06-01T09:30:0Z"}) {
    EXPECT_EQ(ParseUtc(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(Utc, FormatParseRoundTrip) {
  for (int64_t s : {int64_t{0}, int64_t{1072915200}, int64_t{1780306200}, int64_t{2082758399}}) {
    const Timestamp t = FromUnixSeconds(s);
    EXPECT_EQ(ParseUtc(FormatUtc(t)), t) << s;
  }
}

}  // namespace
}  // namespace workflow
