#include "workflow/notice_days.h"

namespace workflow {

bool IsCountedDay(Date day, const RuleSet& rules, const BankHolidays& holidays) {
  if (!rules.exclude_sundays_and_bank_holidays) return true;
  return day.weekday() != Weekday::kSunday && !holidays.Contains(day);
}

Date NoticeDeemedGivenDay(Timestamp given_at, const RuleSet& rules, const BankHolidays& holidays) {
  const LondonTime local = ToLondon(given_at);
  Date day = local.date;
  if (local.hour * 60 + local.minute >= rules.notice_cutoff_minutes) day = day.AddDays(1);
  while (!IsCountedDay(day, rules, holidays)) day = day.AddDays(1);
  return day;
}

Date MinimumPeriodEnd(Date deemed_given, const RuleSet& rules, const BankHolidays& holidays) {
  Date day = deemed_given;
  for (int counted = 0; counted < rules.minimum_assessment_days;) {
    day = day.AddDays(1);
    if (IsCountedDay(day, rules, holidays)) ++counted;
  }
  return day;
}

Date RelevantDay(Date minimum_period_end, Date proposed_discharge) {
  const Date after_period = minimum_period_end.AddDays(1);
  return proposed_discharge > after_period ? proposed_discharge : after_period;
}

}  // namespace workflow
