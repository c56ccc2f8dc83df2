// Counting delay for one case: delayed days, discharge delay, the reason in force; and the
// private helpers the reports share.
#include "reports/delay_days.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"

namespace workflow {
namespace reports_internal {

std::vector<ReadyInterval> ReadyIntervals(const CaseFacts& facts, Timestamp as_at) {
  std::vector<ReadyInterval> intervals;
  if (facts.stay.cancelled_at) return intervals;
  for (const ReadyPeriod& period : facts.stay.ready_periods) {
    if (period.ended_by == ReadyPeriodEnd::kCancelled || period.start > as_at) continue;
    std::optional<Timestamp> end;
    for (const std::optional<Timestamp>& candidate :
         {period.end, facts.stay.discharged_at, facts.stay.died_at}) {
      if (candidate && *candidate >= period.start && (!end || *candidate < *end)) {
        end = candidate;
      }
    }
    if (end && *end > as_at) end.reset();
    intervals.push_back({period.start, end});
  }
  return intervals;
}

const ReadyInterval* IntervalAt(const std::vector<ReadyInterval>& intervals, Timestamp t) {
  for (const ReadyInterval& interval : intervals) {
    if (interval.start < t && (!interval.end || *interval.end >= t)) return &interval;
  }
  return nullptr;
}

bool ReadyAt(const std::vector<ReadyInterval>& intervals, Timestamp t) {
  return IntervalAt(intervals, t) != nullptr;
}

Timestamp EndOfLondonDay(Date d) { return StartOfLondonDay(d.AddDays(1)); }

absl::StatusOr<Month> MonthOf(int year, int month) {
  if (month < 1 || month > 12) {
    return absl::InvalidArgumentError(absl::StrCat("month must be 1..12, got ", month));
  }
  if (year < 1900 || year > 9999) {
    return absl::InvalidArgumentError(absl::StrCat("year must be 1900..9999, got ", year));
  }
  Month result;
  result.days = DaysInMonth(year, month);
  result.first = Date::FromYmd(year, month, 1);
  result.last = Date::FromYmd(year, month, result.days);
  return result;
}

}  // namespace reports_internal

std::vector<Date> DelayedDays(const CaseFacts& facts, Timestamp as_at) {
  std::vector<Date> days;
  for (const reports_internal::ReadyInterval& interval :
       reports_internal::ReadyIntervals(facts, as_at)) {
    const Date first = LondonDate(interval.start);
    // An open interval counts the days whose ending midnight has passed: those before today.
    const Date stop = LondonDate(interval.end ? *interval.end : as_at);
    for (Date d = first; d < stop; d = d.AddDays(1)) days.push_back(d);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

std::optional<int> DischargeDelayDays(const CaseFacts& facts) {
  const std::optional<Timestamp>& discharged = facts.stay.discharged_at;
  if (!discharged) return std::nullopt;
  // The latest period that began by the discharge is the final DRD, provided it was still in
  // force at discharge.
  const ReadyPeriod* latest = nullptr;
  for (const ReadyPeriod& period : facts.stay.ready_periods) {
    if (period.ended_by == ReadyPeriodEnd::kCancelled || period.start > *discharged) continue;
    if (!latest || period.start >= latest->start) latest = &period;
  }
  if (!latest) return std::nullopt;
  if (latest->end && *latest->end < *discharged &&
      latest->ended_by != ReadyPeriodEnd::kDischarged) {
    return std::nullopt;
  }
  return DaysBetween(LondonDate(latest->start), LondonDate(*discharged));
}

std::optional<DelayReason> DelayReasonInForce(const CaseFacts& facts, Timestamp t) {
  const std::vector<DelayReasonChange>& history = facts.stay.delay_reason_history;
  if (history.empty()) return facts.stay.delay_reason;
  // A reason belongs to the ready period it was recorded in: meeting the criteria to reside
  // again clears it, so a reason from an earlier period never carries into a later one.
  std::optional<Timestamp> period_start;
  for (const ReadyPeriod& period : facts.stay.ready_periods) {
    if (period.start <= t && (!period_start || period.start > *period_start)) {
      period_start = period.start;
    }
  }
  const DelayReasonChange* best = nullptr;
  for (const DelayReasonChange& change : history) {
    if (period_start && change.at < *period_start) continue;
    if (change.at <= t && (!best || change.at >= best->at)) best = &change;
  }
  if (!best) return std::nullopt;
  return best->reason;
}

}  // namespace workflow
