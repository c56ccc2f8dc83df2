#include "workflow/time.h"

#include <chrono>
#include <cstdio>

namespace workflow {
namespace {

namespace chr = std::chrono;

chr::year_month_day ToYmd(Date d) {
  return chr::year_month_day(chr::sys_days(chr::days(d.days_since_epoch())));
}

// Reads `text` as exactly text.size() decimal digits.
bool ParseDigits(std::string_view text, int* value) {
  if (text.empty()) return false;
  int result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  *value = result;
  return true;
}

}  // namespace

Date Date::FromYmd(int year, int month, int day) {
  const chr::year_month_day ymd(chr::year(year), chr::month(static_cast<unsigned>(month)),
                                chr::day(static_cast<unsigned>(day)));
  return Date(chr::sys_days(ymd).time_since_epoch().count());
}

std::optional<Date> Date::Parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!ParseDigits(iso.substr(0, 4), &year) || !ParseDigits(iso.substr(5, 2), &month) ||
      !ParseDigits(iso.substr(8, 2), &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return FromYmd(year, month, day);
}

int Date::year() const { return static_cast<int>(ToYmd(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(ToYmd(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(ToYmd(*this).day())); }

Weekday Date::weekday() const {
  const chr::weekday wd{chr::sys_days{chr::days{days_}}};
  return static_cast<Weekday>(wd.c_encoding());
}

Date Date::AddMonths(int n) const {
  // Months counted from year 0, so that floor division handles negative `n`.
  const int64_t index = int64_t{year()} * 12 + (month() - 1) + n;
  const int64_t year_index = index >= 0 ? index / 12 : (index - 11) / 12;
  const int new_year = static_cast<int>(year_index);
  const int new_month = static_cast<int>(index - year_index * 12) + 1;
  const int max_day = DaysInMonth(new_year, new_month);
  return FromYmd(new_year, new_month, day() < max_day ? day() : max_day);
}

std::string Date::ToIsoString() const {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year(), month(), day());
  return buf;
}

std::string Date::ToUkString() const {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02d/%02d/%04d", day(), month(), year());
  return buf;
}

bool IsLeapYear(int year) { return chr::year(year).is_leap(); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

std::string FormatUtc(Timestamp t) {
  const chr::sys_days day = chr::floor<chr::days>(t);
  const int64_t second_of_day = (t - day).count();
  const Date date = Date::FromDaysSinceEpoch(static_cast<int32_t>(day.time_since_epoch().count()));
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%sT%02d:%02d:%02dZ", date.ToIsoString().c_str(),
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  return buf;
}

std::optional<Timestamp> ParseUtc(std::string_view text) {
  // "YYYY-MM-DDTHH:MMZ" (17 characters) or "YYYY-MM-DDTHH:MM:SSZ" (20).
  if (text.size() != 17 && text.size() != 20) return std::nullopt;
  const std::optional<Date> date = Date::Parse(text.substr(0, 10));
  if (!date || text[10] != 'T' || text[13] != ':' || text.back() != 'Z') return std::nullopt;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!ParseDigits(text.substr(11, 2), &hour) || !ParseDigits(text.substr(14, 2), &minute)) {
    return std::nullopt;
  }
  if (text.size() == 20 && (text[16] != ':' || !ParseDigits(text.substr(17, 2), &second))) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return FromUnixSeconds(int64_t{date->days_since_epoch()} * 86400 + hour * 3600 + minute * 60 +
                         second);
}

}  // namespace workflow
