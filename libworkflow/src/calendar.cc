// Europe/London wall-clock conversion, implementing the UK summer-time rule directly.
#include "workflow/calendar.h"

#include <cstdio>

namespace workflow {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kSecondsPerHour = 3600;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The last Sunday of `month` in `year`.
Date LastSunday(int year, int month) {
  const Date last = Date::FromYmd(year, month, DaysInMonth(year, month));
  return last.AddDays(-static_cast<int32_t>(last.weekday()));
}

// 01:00 UTC on `day`: the instant both UK clock changes happen.
int64_t ChangeInstant(Date day) {
  return int64_t{day.days_since_epoch()} * kSecondsPerDay + kSecondsPerHour;
}

bool IsSummerTime(int64_t unix_seconds) {
  const int year =
      Date::FromDaysSinceEpoch(static_cast<int32_t>(FloorDiv(unix_seconds, kSecondsPerDay))).year();
  return unix_seconds >= ChangeInstant(LastSunday(year, 3)) &&
         unix_seconds < ChangeInstant(LastSunday(year, 10));
}

constexpr const char* kWeekdayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

}  // namespace

LondonTime ToLondon(Timestamp t) {
  const int64_t utc = ToUnixSeconds(t);
  const bool summer = IsSummerTime(utc);
  const int64_t local = utc + (summer ? kSecondsPerHour : 0);
  const int64_t day = FloorDiv(local, kSecondsPerDay);
  const int64_t second_of_day = local - day * kSecondsPerDay;
  LondonTime result;
  result.date = Date::FromDaysSinceEpoch(static_cast<int32_t>(day));
  result.hour = static_cast<int>(second_of_day / 3600);
  result.minute = static_cast<int>(second_of_day / 60 % 60);
  result.second = static_cast<int>(second_of_day % 60);
  result.summer_time = summer;
  return result;
}

Date LondonDate(Timestamp t) { return ToLondon(t).date; }

Timestamp StartOfLondonDay(Date d) { return FromLondon(d, 0, 0); }

Timestamp FromLondon(Date d, int hour, int minute, int second) {
  const int64_t local = int64_t{d.days_since_epoch()} * kSecondsPerDay + hour * kSecondsPerHour +
                        minute * 60 + second;
  // Read as BST when that reading is in summer time: this picks the first of a repeated autumn
  // time. Otherwise read as GMT, which also maps a skipped spring time (01:30) to the instant
  // the clocks show one hour later (02:30 BST).
  const int64_t as_summer_time = local - kSecondsPerHour;
  return FromUnixSeconds(IsSummerTime(as_summer_time) ? as_summer_time : local);
}

std::string FormatLondon(Timestamp t) {
  const LondonTime lt = ToLondon(t);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%s %s %02d:%02d",
                kWeekdayNames[static_cast<int>(lt.date.weekday())], lt.date.ToUkString().c_str(),
                lt.hour, lt.minute);
  return buf;
}

}  // namespace workflow
