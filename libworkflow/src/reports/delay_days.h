// Private helpers shared by the reports: ready intervals cut at as_at, month bounds.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "workflow/case_facts.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow::reports_internal {

// A stretch during which the patient was in hospital and ready for discharge, as known at
// as_at. `end` is nullopt when the stretch was still going on at as_at.
struct ReadyInterval {
  Timestamp start;
  std::optional<Timestamp> end;
};

// The case's ready periods as intervals known at as_at: periods starting after as_at and periods
// ended by kCancelled are dropped; each end is the earliest of the period's own end, the
// discharge and the death (ignoring any of those before the start), or nullopt when that
// earliest end is after as_at. Empty for a cancelled case.
std::vector<ReadyInterval> ReadyIntervals(const CaseFacts& facts, Timestamp as_at);

// True when the patient is in hospital and ready at instant `t` (<= as_at): some interval has
// start < t and an end that is missing or at or after t. At a day's ending midnight this is
// exactly "the day is a delayed day".
bool ReadyAt(const std::vector<ReadyInterval>& intervals, Timestamp t);

// The interval in force at `t` (as in ReadyAt), or nullptr.
const ReadyInterval* IntervalAt(const std::vector<ReadyInterval>& intervals, Timestamp t);

// The midnight that ends London day d.
Timestamp EndOfLondonDay(Date d);

// A CaseSource over `cases`, for the reports' vector overloads: BuildX(EachOf(cases), params).
inline auto EachOf(const std::vector<CaseFacts>& cases) {
  return [&cases](CaseVisitor visit) {
    for (const CaseFacts& facts : cases) visit(facts);
    return absl::OkStatus();
  };
}

// A calendar month of the reports.
struct Month {
  Date first;
  Date last;
  int days = 0;
};

// The month, or INVALID_ARGUMENT when the month is not 1..12 or the year not 1900..9999.
absl::StatusOr<Month> MonthOf(int year, int month);

}  // namespace workflow::reports_internal
