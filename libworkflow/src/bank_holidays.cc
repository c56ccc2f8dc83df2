// England and Wales bank holidays: the built-in reference list and its text format.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workflow/calendar.h"

namespace workflow {
namespace {

// Debian's abseil is built with its own absl::string_view (not std::string_view), so plain
// standard-library text handling is used here.
std::string_view StripSpaces(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// England and Wales, 2004-2035. Each ordinary year is New Year's Day, Good Friday, Easter Monday,
// early May, spring, summer, Christmas Day and Boxing Day, with substitute weekdays for those on
// a weekend; one-off changes are noted. Generated offline from those rules (Easter dates checked
// against an independent implementation), then reviewed by hand.
// clang-format off
constexpr std::string_view kEnglandAndWales[] = {
    "2004-01-01", "2004-04-09", "2004-04-12", "2004-05-03",
    "2004-05-31", "2004-08-30", "2004-12-27", "2004-12-28",
    "2005-01-03", "2005-03-25", "2005-03-28", "2005-05-02",
    "2005-05-30", "2005-08-29", "2005-12-26", "2005-12-27",
    "2006-01-02", "2006-04-14", "2006-04-17", "2006-05-01",
    "2006-05-29", "2006-08-28", "2006-12-25", "2006-12-26",
    "2007-01-01", "2007-04-06", "2007-04-09", "2007-05-07",
    "2007-05-28", "2007-08-27", "2007-12-25", "2007-12-26",
    "2008-01-01", "2008-03-21", "2008-03-24", "2008-05-05",
    "2008-05-26", "2008-08-25", "2008-12-25", "2008-12-26",
    "2009-01-01", "2009-04-10", "2009-04-13", "2009-05-04",
    "2009-05-25", "2009-08-31", "2009-12-25", "2009-12-28",
    "2010-01-01", "2010-04-02", "2010-04-05", "2010-05-03",
    "2010-05-31", "2010-08-30", "2010-12-27", "2010-12-28",
    // 2011: royal wedding, Fri 29 Apr.
    "2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02",
    "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27",
    // 2012: spring holiday moved to Mon 4 Jun (not 28 May), plus Tue 5 Jun (Diamond Jubilee).
    "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04",
    "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26",
    "2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06",
    "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26",
    "2014-01-01", "2014-04-18", "2014-04-21", "2014-05-05",
    "2014-05-26", "2014-08-25", "2014-12-25", "2014-12-26",
    "2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04",
    "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28",
    "2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02",
    "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27",
    "2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01",
    "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26",
    "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07",
    "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26",
    "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
    "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
    // 2020: early May holiday moved to Fri 8 May (not Mon 4 May; VE Day 75).
    "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
    "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
    "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
    "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
    // 2022: spring holiday moved to Thu 2 Jun (not 30 May), plus Fri 3 Jun (Platinum Jubilee)
    // and Mon 19 Sep (state funeral).
    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
    "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
    // 2023: Mon 8 May extra (coronation).
    "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
    "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
    "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
    "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
    "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
    "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
    "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    "2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07",
    "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26",
    "2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06",
    "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26",
    "2031-01-01", "2031-04-11", "2031-04-14", "2031-05-05",
    "2031-05-26", "2031-08-25", "2031-12-25", "2031-12-26",
    "2032-01-01", "2032-03-26", "2032-03-29", "2032-05-03",
    "2032-05-31", "2032-08-30", "2032-12-27", "2032-12-28",
    "2033-01-03", "2033-04-15", "2033-04-18", "2033-05-02",
    "2033-05-30", "2033-08-29", "2033-12-26", "2033-12-27",
    "2034-01-02", "2034-04-07", "2034-04-10", "2034-05-01",
    "2034-05-29", "2034-08-28", "2034-12-25", "2034-12-26",
    "2035-01-01", "2035-03-23", "2035-03-26", "2035-05-07",
    "2035-05-28", "2035-08-27", "2035-12-25", "2035-12-26",
};
// clang-format on

}  // namespace

BankHolidays::BankHolidays(std::vector<Date> days) : days_(std::move(days)) {
  std::sort(days_.begin(), days_.end());
  days_.erase(std::unique(days_.begin(), days_.end()), days_.end());
}

std::shared_ptr<const BankHolidays> BankHolidays::EnglandAndWales() {
  static const auto* const kBuiltIn = [] {
    std::vector<Date> days;
    for (std::string_view iso : kEnglandAndWales) {
      const std::optional<Date> day = Date::Parse(iso);
      if (!day) {  // A typo in the table above; the unit tests load every entry.
        std::fprintf(stderr, "bad built-in bank holiday: %.*s\n", static_cast<int>(iso.size()),
                     iso.data());
        std::abort();
      }
      days.push_back(*day);
    }
    return new std::shared_ptr<const BankHolidays>(
        std::make_shared<const BankHolidays>(std::move(days)));
  }();
  return *kBuiltIn;
}

absl::StatusOr<BankHolidays> BankHolidays::Parse(std::string_view text) {
  std::vector<Date> days;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t eol = text.find('\n');
    const std::string_view line = StripSpaces(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::optional<Date> day = Date::Parse(line);
    if (!day) {
      return absl::InvalidArgumentError("bank holidays line " + std::to_string(line_number) +
                                        ": not a YYYY-MM-DD date: \"" + std::string(line) + "\"");
    }
    days.push_back(*day);
  }
  return BankHolidays(std::move(days));
}

bool BankHolidays::Contains(Date d) const {
  return std::binary_search(days_.begin(), days_.end(), d);
}

}  // namespace workflow
