// The daily discharge ready date / NCTR position.
#include <algorithm>
#include <chrono>

#include "absl/status/status.h"
#include "reports/delay_days.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"

namespace workflow {
namespace {

constexpr int kStrandedDays = 7;
constexpr int kSuperStrandedDays = 21;

void AddToGroup(const std::optional<DelayReason>& reason, LongDelayGroup& group) {
  ++group.patients;
  if (reason && reason->nctr) {
    ++group.by_reason[static_cast<int>(*reason->nctr)];
  } else {
    ++group.reason_not_recorded;
  }
  if (reason) {
    ++group.by_attribution[static_cast<int>(reason->attribution)];
  } else {
    ++group.attribution_not_recorded;
  }
}

void CountDischarge(const CaseFacts& facts, DailyDischargeReport& report) {
  ++report.discharges;
  if (facts.stay.pathway) {
    ++report.discharges_by_pathway[static_cast<int>(*facts.stay.pathway)];
  } else {
    ++report.discharges_pathway_unknown;
  }
  if (const std::optional<int> delay = DischargeDelayDays(facts)) {
    ++report.discharge_delay_bands[static_cast<int>(BandForDischargeDelay(*delay))];
  } else {
    ++report.discharges_without_drd;
  }
}

}  // namespace

DischargeDelayBand BandForDischargeDelay(int days) {
  if (days <= 0) return DischargeDelayBand::k0Days;
  if (days == 1) return DischargeDelayBand::k1Day;
  if (days <= 3) return DischargeDelayBand::k2To3Days;
  if (days <= 6) return DischargeDelayBand::k4To6Days;
  if (days <= 13) return DischargeDelayBand::k7To13Days;
  if (days <= 20) return DischargeDelayBand::k14To20Days;
  return DischargeDelayBand::k21PlusDays;
}

absl::StatusOr<DailyDischargeReport> BuildDailyDischargeReport(CaseSource cases,
                                                               const DailyDischargeParams& params) {
  const Timestamp day_start = StartOfLondonDay(params.day);
  if (params.as_at < day_start) {
    return absl::InvalidArgumentError("as_at is before the reported day begins");
  }
  DailyDischargeReport report;
  report.day = params.day;
  report.position_at = std::min(reports_internal::EndOfLondonDay(params.day), params.as_at);
  const Date position_day = LondonDate(report.position_at);

  const absl::Status read = cases([&](const CaseFacts& facts) {
    if (facts.stay.cancelled_at) return;
    if (params.provider_ods && facts.identity.provider_ods != *params.provider_ods) return;

    const std::optional<Timestamp>& discharged = facts.stay.discharged_at;
    if (discharged && *discharged <= params.as_at && LondonDate(*discharged) == params.day) {
      CountDischarge(facts, report);
    }

    const std::vector<reports_internal::ReadyInterval> intervals =
        reports_internal::ReadyIntervals(facts, params.as_at);
    const reports_internal::ReadyInterval* current =
        reports_internal::IntervalAt(intervals, report.position_at);
    if (!current) return;
    ++report.not_meeting_criteria;
    const int delay = DaysBetween(LondonDate(current->start), position_day);
    if (delay < kStrandedDays) return;
    // A change recorded at the day's ending midnight itself belongs to the next day.
    const std::optional<DelayReason> reason =
        DelayReasonInForce(facts, report.position_at - std::chrono::seconds(1));
    AddToGroup(reason, report.delayed_7_plus);
    if (delay >= kSuperStrandedDays) AddToGroup(reason, report.delayed_21_plus);
  });
  if (!read.ok()) return read;
  return report;
}

absl::StatusOr<DailyDischargeReport> BuildDailyDischargeReport(const std::vector<CaseFacts>& cases,
                                                               const DailyDischargeParams& params) {
  return BuildDailyDischargeReport(reports_internal::EachOf(cases), params);
}

}  // namespace workflow
