// HL7 DTM parsing and formatting.
#include "hl7/dtm.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "workflow/calendar.h"

namespace hl7 {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// REQUIRES: s is all digits and at most 9 long.
int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

absl::Status Invalid(std::string_view text, const std::string& why) {
  std::string shown;
  for (char c : text.substr(0, 32)) {
    const auto u = static_cast<unsigned char>(c);
    shown.push_back(u >= 0x20 && u < 0x7F ? c : '?');
  }
  return absl::InvalidArgumentError("'" + shown + "' is not an HL7 date/time: " + why);
}

}  // namespace

absl::StatusOr<Dtm> ParseDtm(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string_view rest = text.substr(digits);
  const std::string_view main = text.substr(0, digits);
  if (digits == 4 || digits == 6) return Invalid(text, "it does not name a day");
  if (digits != 8 && digits != 10 && digits != 12 && digits != 14) {
    return Invalid(text, "expected 8, 10, 12 or 14 digits (YYYYMMDD[HH[MM[SS]]])");
  }
  if (!rest.empty() && rest.front() == '.') {
    if (digits != 14) return Invalid(text, "fractional seconds need seconds");
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1 || n > 5) return Invalid(text, "fractional seconds must have 1 to 4 digits");
    rest.remove_prefix(n);
  }
  Dtm out;
  if (!rest.empty()) {
    if ((rest.front() != '+' && rest.front() != '-') || rest.size() != 5 ||
        !AllDigits(rest.substr(1))) {
      return Invalid(text, "the offset must be +HHMM or -HHMM at the end");
    }
    const int oh = ToInt(rest.substr(1, 2));
    const int om = ToInt(rest.substr(3, 2));
    if (oh > 14 || om > 59) return Invalid(text, "offset out of range");
    out.has_offset = true;
    out.offset_minutes = (rest.front() == '-' ? -1 : 1) * (oh * 60 + om);
  }
  const int year = ToInt(main.substr(0, 4));
  const int month = ToInt(main.substr(4, 2));
  const int day = ToInt(main.substr(6, 2));
  const int hour = digits >= 10 ? ToInt(main.substr(8, 2)) : 0;
  const int minute = digits >= 12 ? ToInt(main.substr(10, 2)) : 0;
  const int second = digits >= 14 ? ToInt(main.substr(12, 2)) : 0;
  if (year < 1) return Invalid(text, "year 0000");
  if (month < 1 || month > 12) return Invalid(text, "month out of range");
  if (day < 1 || day > workflow::DaysInMonth(year, month)) {
    return Invalid(text, "day out of range for the month");
  }
  if (hour > 23 || minute > 59 || second > 59) return Invalid(text, "time out of range");
  out.precision = digits == 8    ? DtmPrecision::kDay
                  : digits == 10 ? DtmPrecision::kHour
                  : digits == 12 ? DtmPrecision::kMinute
                                 : DtmPrecision::kSecond;
  const workflow::Date date = workflow::Date::FromYmd(year, month, day);
  if (out.has_offset) {
    const int64_t local =
        int64_t{date.days_since_epoch()} * kSecondsPerDay + hour * 3600 + minute * 60 + second;
    out.instant = workflow::FromUnixSeconds(local - int64_t{out.offset_minutes} * 60);
  } else {
    out.instant = workflow::FromLondon(date, hour, minute, second);
  }
  return out;
}

std::string FormatDtmUtc(workflow::Timestamp t) {
  const int64_t s = workflow::ToUnixSeconds(t);
  int64_t days = s / kSecondsPerDay;
  int64_t secs = s % kSecondsPerDay;
  if (secs < 0) {
    secs += kSecondsPerDay;
    --days;
  }
  const workflow::Date d = workflow::Date::FromDaysSinceEpoch(static_cast<int32_t>(days));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d+0000", d.year(), d.month(), d.day(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace hl7
