// Instants and civil dates used throughout libworkflow.
//
// Everything here is valid C++17: the Boost.MSM translation units include it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace workflow {

// An instant, in whole seconds since the Unix epoch (UTC).
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

// Builds a Timestamp from seconds since the epoch.
constexpr Timestamp FromUnixSeconds(int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }
constexpr int64_t ToUnixSeconds(Timestamp t) { return t.time_since_epoch().count(); }

// Day of the week, numbered as in C's tm_wday.
enum class Weekday { kSunday = 0, kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday };

// A proleptic Gregorian calendar date with no time zone: a hospital "day" once it has been
// placed in Europe/London by the calendar. Cheap to copy; totally ordered.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDaysSinceEpoch(int32_t days) { return Date(days); }
  // REQUIRES: month in 1..12, day valid for that month.
  static Date FromYmd(int year, int month, int day);
  // Parses "YYYY-MM-DD"; nullopt when malformed or not a real date.
  static std::optional<Date> Parse(std::string_view iso);

  constexpr int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  Weekday weekday() const;

  constexpr Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Same day of the month `n` months later, clamped to the month's last day.
  Date AddMonths(int n) const;

  std::string ToIsoString() const;  // 2026-06-01
  std::string ToUkString() const;   // 01/06/2026

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend constexpr bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend constexpr bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend constexpr bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend constexpr bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Whole days from `from` to `to` (negative when `to` is earlier).
constexpr int32_t DaysBetween(Date from, Date to) {
  return to.days_since_epoch() - from.days_since_epoch();
}

// True when the year is a Gregorian leap year.
bool IsLeapYear(int year);
// Number of days in the month (1..12) of the year.
int DaysInMonth(int year, int month);

// "2026-06-01T09:30:00Z".
std::string FormatUtc(Timestamp t);
// Parses "YYYY-MM-DDTHH:MM[:SS]Z" (UTC) ; nullopt when malformed.
std::optional<Timestamp> ParseUtc(std::string_view text);

}  // namespace workflow
