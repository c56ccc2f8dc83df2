#include "workflow/case_facts.h"

#include "workflow/calendar.h"

namespace workflow {

std::optional<Date> StayFacts::DischargeReadyDate() const {
  if (ready_periods.empty()) return std::nullopt;
  const ReadyPeriod& last = ready_periods.back();
  if (last.ended_by == ReadyPeriodEnd::kCriteriaMetAgain) return std::nullopt;
  return LondonDate(last.start);
}

}  // namespace workflow
