// Counting days for the statutory notices under a rule set.
#pragma once

#include "workflow/calendar.h"
#include "workflow/rule_set.h"

namespace workflow {

// True when `day` counts towards notice periods under the rule set (every day counts, unless the
// rule set excludes Sundays and bank holidays).
bool IsCountedDay(Date day, const RuleSet& rules, const BankHolidays& holidays);

// The day a notice given at `given_at` is treated as given: the London day, or the next day when
// given at or after the cut-off; then, where the rule set excludes days, the next counted day.
Date NoticeDeemedGivenDay(Timestamp given_at, const RuleSet& rules, const BankHolidays& holidays);

// The last day of the LA's minimum assessment period: the `minimum_assessment_days`-th counted
// day after the deemed-given day.
Date MinimumPeriodEnd(Date deemed_given, const RuleSet& rules, const BankHolidays& holidays);

// The relevant day: the later of the proposed discharge date and the day after the minimum
// period ends. The LA is liable for each day after it until discharge (inclusive).
Date RelevantDay(Date minimum_period_end, Date proposed_discharge);

}  // namespace workflow
