// Reimbursement owed by LAs for liable days under the notice rule sets.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "reports/delay_days.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"
#include "workflow/rule_set.h"

namespace workflow {
namespace {

// The case's liable days within [from, to], ascending and without repeats.
std::vector<Date> LiableDays(const NoticeFacts& notices, const ReimbursementParams& params) {
  std::vector<Date> days;
  for (const LiabilityPeriod& period : notices.liability) {
    if (period.start > params.as_at) continue;
    Date last;
    if (period.end && *period.end <= params.as_at) {
      const Date end_day = LondonDate(*period.end);
      last = period.ended_by_discharge ? end_day : end_day.AddDays(-1);
    } else {
      last = LondonDate(params.as_at);
    }
    const Date first = std::max(LondonDate(period.start), params.from);
    last = std::min(last, params.to);
    for (Date d = first; d <= last; d = d.AddDays(1)) days.push_back(d);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

}  // namespace

absl::StatusOr<ReimbursementReport> BuildReimbursementReport(CaseSource cases,
                                                             const ReimbursementParams& params,
                                                             const ReferenceData& reference) {
  if (params.from > params.to) {
    return absl::InvalidArgumentError(absl::StrCat("period starts ", params.from.ToIsoString(),
                                                   " after it ends ", params.to.ToIsoString()));
  }
  ReimbursementReport report;
  report.from = params.from;
  report.to = params.to;
  std::map<std::string, ReimbursementLaRow> rows;
  const absl::Status read = cases([&](const CaseFacts& facts) {
    if (facts.stay.cancelled_at) return;
    const std::vector<Date> days = LiableDays(facts.notices, params);
    if (days.empty()) return;
    const std::string& la = facts.identity.local_authority;
    const bool higher = reference.PaysHigherRate(la);
    const RuleSet& rules = GetRuleSet(facts.rule_set);
    ReimbursementCaseLine line;
    line.provider_ods = facts.identity.provider_ods;
    line.spell_id = facts.identity.spell_id;
    line.liable_days = static_cast<int64_t>(days.size());
    for (Date day : days) {
      if (const std::optional<ReimbursementRate> rate = rules.RateOn(day)) {
        line.amount_pence += higher ? rate->higher_pence : rate->standard_pence;
      } else {
        ++line.unpriced_days;
      }
    }
    ReimbursementLaRow& row = rows[la];
    row.local_authority = la;
    row.higher_rate = higher;
    row.liable_days += line.liable_days;
    row.amount_pence += line.amount_pence;
    row.unpriced_days += line.unpriced_days;
    report.liable_days += line.liable_days;
    report.amount_pence += line.amount_pence;
    row.cases.push_back(std::move(line));
  });
  if (!read.ok()) return read;
  for (auto& [la, row] : rows) report.local_authorities.push_back(std::move(row));
  return report;
}

absl::StatusOr<ReimbursementReport> BuildReimbursementReport(const std::vector<CaseFacts>& cases,
                                                             const ReimbursementParams& params,
                                                             const ReferenceData& reference) {
  return BuildReimbursementReport(reports_internal::EachOf(cases), params, reference);
}

}  // namespace workflow
