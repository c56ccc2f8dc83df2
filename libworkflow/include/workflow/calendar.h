// Europe/London day boundaries and England and Wales bank holidays.
//
// GCC 12 has no C++20 time-zone database, so the UK rule is implemented directly: GMT, and BST
// (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
// (the rule in force since 1996, and the only one the dated rule sets need).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "workflow/time.h"

namespace workflow {

// A wall-clock reading in Europe/London.
struct LondonTime {
  Date date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
  bool summer_time = false;  // BST in force
};

// Converts an instant to Europe/London wall-clock time.
LondonTime ToLondon(Timestamp t);
// The London calendar day an instant falls on.
Date LondonDate(Timestamp t);
// The instant a London calendar day begins (00:00 local time).
Timestamp StartOfLondonDay(Date d);
// The instant of a London wall-clock time. A time skipped by the spring change is read as the
// same clock time after the change (01:30 -> 02:30 BST); a repeated autumn time as the first.
Timestamp FromLondon(Date d, int hour, int minute, int second = 0);
// "Fri 05/06/2026 15:10" in London time, for messages.
std::string FormatLondon(Timestamp t);

// England and Wales bank holidays: reference data that a deployment can replace. Immutable and
// thread-safe once built.
class BankHolidays {
 public:
  explicit BankHolidays(std::vector<Date> days);

  // The built-in list for 2004-2035, including the one-off changes (2011-04-29; 2012-06-04/05
  // instead of 2012-05-28; 2020-05-08 instead of 2020-05-04; 2022-06-02/03 instead of
  // 2022-05-30, and 2022-09-19; 2023-05-08).
  static std::shared_ptr<const BankHolidays> EnglandAndWales();

  // Parses one ISO date per line; blank lines and lines starting with '#' are ignored.
  // INVALID_ARGUMENT naming the line when a line is not a date.
  static absl::StatusOr<BankHolidays> Parse(std::string_view text);

  bool Contains(Date d) const;
  const std::vector<Date>& days() const { return days_; }  // sorted, unique

 private:
  std::vector<Date> days_;
};

}  // namespace workflow
