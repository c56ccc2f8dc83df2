#include "report_mapping.h"

#include <cstddef>
#include <optional>

#include "wire/enum_codec.h"
#include "wire/time_codec.h"

namespace tocflow::server {
namespace {

// Every value of a domain enum preceded by nullopt ("not recorded").
template <typename E>
std::vector<std::optional<E>> ColumnsWithNotRecorded() {
  std::vector<std::optional<E>> out{std::nullopt};
  for (int i = 0; i < workflow::kEnumSize<E>; ++i) out.push_back(static_cast<E>(i));
  return out;
}

void SetLongDelay(const workflow::LongDelayGroup& group, tocflow::v1::LongDelayGroup* out) {
  out->set_patients(group.patients);
  for (size_t i = 0; i < group.by_reason.size(); ++i) {
    if (group.by_reason[i] == 0) continue;
    auto* count = out->add_by_reason();
    count->set_reason(wire::ToWire(static_cast<workflow::NctrReason>(i)));
    count->set_patients(group.by_reason[i]);
  }
  out->set_reason_not_recorded(group.reason_not_recorded);
  for (size_t i = 0; i < group.by_attribution.size(); ++i) {
    if (group.by_attribution[i] == 0) continue;
    auto* count = out->add_by_attribution();
    count->set_attribution(wire::ToWire(static_cast<workflow::Attribution>(i)));
    count->set_patients(group.by_attribution[i]);
  }
  out->set_attribution_not_recorded(group.attribution_not_recorded);
}

}  // namespace

tocflow::v1::DischargeDelayBand ToWire(workflow::DischargeDelayBand band) {
  return static_cast<tocflow::v1::DischargeDelayBand>(static_cast<int>(band) + 1);
}

tocflow::v1::DelayedDayTable ToWire(const workflow::DelayedDayTable& table) {
  tocflow::v1::DelayedDayTable out;
  for (const auto& reason : ColumnsWithNotRecorded<workflow::DtocReason>()) {
    for (const auto& attribution : ColumnsWithNotRecorded<workflow::Attribution>()) {
      const int64_t days = table.Days(reason, attribution);
      if (days == 0) continue;
      auto* cell = out.add_cells();
      cell->set_reason(wire::OptionalToWire(reason));
      cell->set_attribution(wire::OptionalToWire(attribution));
      cell->set_days(days);
    }
  }
  out.set_total_days(table.Total());
  return out;
}

tocflow::v1::DelayedTransfersMonthlyResponse ToWire(const workflow::DtocMonthlyReport& report) {
  tocflow::v1::DelayedTransfersMonthlyResponse out;
  out.set_year(report.year);
  out.set_month(report.month);
  out.set_days_in_month(report.days_in_month);
  *out.mutable_last_thursday() = wire::ToWire(report.last_thursday);
  for (const auto& row : report.rows) {
    auto* r = out.add_rows();
    r->set_provider_ods(row.provider_ods);
    r->set_local_authority(row.local_authority);
    *r->mutable_acute() = ToWire(row.acute);
    *r->mutable_non_acute() = ToWire(row.non_acute);
    r->set_patients(row.patients);
    if (row.snapshot_patients) r->set_snapshot_patients(*row.snapshot_patients);
  }
  for (const auto& la : report.local_authorities) {
    auto* l = out.add_local_authorities();
    l->set_local_authority(la.local_authority);
    *l->mutable_days() = ToWire(la.days);
    l->set_social_care_days(la.social_care_days);
    l->set_dtoc_beds(la.dtoc_beds);
    l->set_social_care_beds(la.social_care_beds);
    if (la.adult_population) l->set_adult_population(*la.adult_population);
    if (la.rate_per_100k) l->set_rate_per_100k(*la.rate_per_100k);
    if (la.social_care_rate_per_100k) {
      l->set_social_care_rate_per_100k(*la.social_care_rate_per_100k);
    }
    if (la.meets_2017_social_care_test) {
      l->set_meets_2017_social_care_test(*la.meets_2017_social_care_test);
    }
    if (la.snapshot_patients) l->set_snapshot_patients(*la.snapshot_patients);
  }
  *out.mutable_acute() = ToWire(report.acute);
  *out.mutable_non_acute() = ToWire(report.non_acute);
  out.set_dtoc_beds(report.dtoc_beds);
  if (report.snapshot_patients) out.set_snapshot_patients(*report.snapshot_patients);
  return out;
}

tocflow::v1::DischargeReadyDailyResponse ToWire(const workflow::DailyDischargeReport& report) {
  tocflow::v1::DischargeReadyDailyResponse out;
  *out.mutable_day() = wire::ToWire(report.day);
  *out.mutable_position_at() = wire::ToWire(report.position_at);
  out.set_not_meeting_criteria(report.not_meeting_criteria);
  out.set_discharges(report.discharges);
  for (size_t i = 0; i < report.discharges_by_pathway.size(); ++i) {
    if (report.discharges_by_pathway[i] == 0) continue;
    auto* count = out.add_discharges_by_pathway();
    count->set_pathway(wire::ToWire(static_cast<workflow::Pathway>(i)));
    count->set_discharges(report.discharges_by_pathway[i]);
  }
  out.set_discharges_pathway_unknown(report.discharges_pathway_unknown);
  for (size_t i = 0; i < report.discharge_delay_bands.size(); ++i) {
    if (report.discharge_delay_bands[i] == 0) continue;
    auto* count = out.add_discharge_delay_bands();
    count->set_band(ToWire(static_cast<workflow::DischargeDelayBand>(i)));
    count->set_discharges(report.discharge_delay_bands[i]);
  }
  out.set_discharges_without_drd(report.discharges_without_drd);
  SetLongDelay(report.delayed_7_plus, out.mutable_delayed_7_plus());
  SetLongDelay(report.delayed_21_plus, out.mutable_delayed_21_plus());
  return out;
}

namespace {

void SetChcCounts(const workflow::ChcComplianceCounts& counts, tocflow::v1::ChcCounts* out) {
  out->set_decided(counts.decided);
  out->set_decided_within_28_days(counts.decided_within_28_days);
  if (counts.percent_within_28_days) {
    out->set_percent_within_28_days(*counts.percent_within_28_days);
  }
  out->set_incomplete_over_28_days(counts.incomplete_over_28_days);
  out->set_fast_track(counts.fast_track);
}

}  // namespace

tocflow::v1::ChcTimelinessResponse ToWire(const workflow::ChcComplianceReport& report) {
  tocflow::v1::ChcTimelinessResponse out;
  out.set_year(report.year);
  out.set_month(report.month);
  SetChcCounts(report.total, out.mutable_total());
  for (const auto& row : report.by_icb) {
    auto* r = out.add_by_icb();
    r->set_icb(row.icb);
    SetChcCounts(row.counts, r->mutable_counts());
  }
  return out;
}

tocflow::v1::ReimbursementResponse ToWire(const workflow::ReimbursementReport& report,
                                          const std::vector<workflow::CaseFacts>& cases,
                                          const std::vector<std::string>& case_ids) {
  tocflow::v1::ReimbursementResponse out;
  *out.mutable_from_day() = wire::ToWire(report.from);
  *out.mutable_to_day() = wire::ToWire(report.to);
  for (const auto& la : report.local_authorities) {
    auto* l = out.add_local_authorities();
    l->set_local_authority(la.local_authority);
    l->set_higher_rate(la.higher_rate);
    l->set_liable_days(la.liable_days);
    l->set_amount_pence(la.amount_pence);
    l->set_unpriced_days(la.unpriced_days);
    size_t next = 0;  // lines are in input order: match each to the next case that fits
    for (const auto& line : la.cases) {
      auto* c = l->add_cases();
      for (size_t i = next; i < cases.size() && i < case_ids.size(); ++i) {
        const auto& identity = cases[i].identity;
        if (identity.local_authority == la.local_authority &&
            identity.provider_ods == line.provider_ods && identity.spell_id == line.spell_id) {
          c->set_case_id(case_ids[i]);
          next = i + 1;
          break;
        }
      }
      c->set_provider_ods(line.provider_ods);
      c->set_spell_id(line.spell_id);
      c->set_liable_days(line.liable_days);
      c->set_amount_pence(line.amount_pence);
      c->set_unpriced_days(line.unpriced_days);
    }
  }
  out.set_liable_days(report.liable_days);
  out.set_amount_pence(report.amount_pence);
  return out;
}

}  // namespace tocflow::server
