// CHC 28-day standard: decisions in a month, referrals past the standard, Fast Track referrals.
#include <algorithm>
#include <map>
#include <string>

#include "reports/delay_days.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"
#include "workflow/rule_set.h"

namespace workflow {
namespace {

bool InMonth(Date day, const reports_internal::Month& month) {
  return day >= month.first && day <= month.last;
}

// True when eligibility came by the Fast Track route before any standard decision.
bool FastTrackedBeforeDecision(const ChcFacts& chc) {
  if (!chc.fast_track) return false;
  return !chc.fast_track_at || !chc.first_decided_at || *chc.fast_track_at <= *chc.first_decided_at;
}

// Adds one case to `counts`; true when it counted anywhere.
bool AddCase(const CaseFacts& facts, const reports_internal::Month& month, Timestamp as_at,
             Timestamp cutoff, ChcComplianceCounts& counts) {
  const ChcFacts& chc = facts.chc;
  bool counted = false;
  if (chc.fast_track_at && *chc.fast_track_at <= as_at &&
      InMonth(LondonDate(*chc.fast_track_at), month)) {
    ++counts.fast_track;
    counted = true;
  }
  if (!chc.referral_received_at || *chc.referral_received_at > cutoff ||
      FastTrackedBeforeDecision(chc)) {
    return counted;
  }
  const Date receipt = LondonDate(*chc.referral_received_at);
  const int allowed = GetRuleSet(facts.rule_set).chc_decision_days;
  const bool decided_by_cutoff = chc.first_decided_at && *chc.first_decided_at <= cutoff;
  if (decided_by_cutoff) {
    const Date decided = LondonDate(*chc.first_decided_at);
    if (InMonth(decided, month)) {
      ++counts.decided;
      if (decided <= receipt.AddDays(allowed)) ++counts.decided_within_28_days;
      counted = true;
    }
    return counted;
  }
  const Timestamp breach = StartOfLondonDay(receipt.AddDays(allowed + 1));
  const bool lapsed = facts.stay.died_at && *facts.stay.died_at <= cutoff;
  if (breach <= cutoff && !lapsed) {
    ++counts.incomplete_over_28_days;
    counted = true;
  }
  return counted;
}

void SetPercent(ChcComplianceCounts& counts) {
  if (counts.decided > 0) {
    counts.percent_within_28_days = 100.0 * counts.decided_within_28_days / counts.decided;
  }
}

}  // namespace

absl::StatusOr<ChcComplianceReport> BuildChcComplianceReport(CaseSource cases,
                                                             const ChcComplianceParams& params) {
  const absl::StatusOr<reports_internal::Month> month =
      reports_internal::MonthOf(params.year, params.month);
  if (!month.ok()) return month.status();
  const Timestamp cutoff = std::min(reports_internal::EndOfLondonDay(month->last), params.as_at);

  ChcComplianceReport report;
  report.year = params.year;
  report.month = params.month;
  std::map<std::string, ChcComplianceCounts> by_icb;
  const absl::Status read = cases([&](const CaseFacts& facts) {
    if (facts.stay.cancelled_at) return;
    ChcComplianceCounts counts;
    if (!AddCase(facts, *month, params.as_at, cutoff, counts)) return;
    for (ChcComplianceCounts* target : {&report.total, &by_icb[facts.identity.icb]}) {
      target->decided += counts.decided;
      target->decided_within_28_days += counts.decided_within_28_days;
      target->incomplete_over_28_days += counts.incomplete_over_28_days;
      target->fast_track += counts.fast_track;
    }
  });
  if (!read.ok()) return read;
  SetPercent(report.total);
  for (auto& [icb, counts] : by_icb) {
    SetPercent(counts);
    report.by_icb.push_back({icb, counts});
  }
  return report;
}

absl::StatusOr<ChcComplianceReport> BuildChcComplianceReport(const std::vector<CaseFacts>& cases,
                                                             const ChcComplianceParams& params) {
  return BuildChcComplianceReport(reports_internal::EachOf(cases), params);
}

}  // namespace workflow
