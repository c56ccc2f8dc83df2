#include "case_list_mapping.h"

#include <string>

#include "wire/enum_codec.h"
#include "wire/time_codec.h"
#include "workflow/calendar.h"
#include "workflow/journey.h"

namespace tocflow::server {
namespace {

// The wire value of a stored libworkflow name; the wire's UNSPECIFIED (0) for an empty or
// unknown name (a row from a newer build).
template <typename Domain>
auto WireNamed(const std::string& name) -> decltype(wire::ToWire(Domain{})) {
  using Wire = decltype(wire::ToWire(Domain{}));
  std::optional<Domain> parsed = workflow::Parse<Domain>(name);
  return parsed ? wire::ToWire(*parsed) : Wire{};
}

std::optional<std::string> NonEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

absl::StatusOr<workflow::Region> RegionNamed(const std::string& name) {
  std::string known;
  for (int i = 0; i < workflow::kRegionCount; ++i) {
    auto region = static_cast<workflow::Region>(i);
    if (workflow::Name(region) == name) return region;
    known += (i ? ", " : "") + std::string(workflow::Name(region));
  }
  return absl::InvalidArgumentError("filter.state.region: unknown region \"" + name +
                                    "\", one of " + known);
}

}  // namespace

absl::StatusOr<store::CaseFilter> ToStoreFilter(const tocflow::v1::ListCasesRequest& request,
                                                workflow::Timestamp now) {
  const auto& in = request.filter();
  store::CaseFilter out;
  out.provider_ods = NonEmpty(in.provider_ods());
  out.site = NonEmpty(in.site());
  out.ward = NonEmpty(in.ward());
  out.local_authority = NonEmpty(in.local_authority());
  out.icb = NonEmpty(in.icb());
  out.nhs_number = NonEmpty(in.nhs_number());
  out.local_patient_id = NonEmpty(in.local_patient_id());
  out.spell_id = NonEmpty(in.spell_id());
  if (in.has_state()) {
    if (in.state().region().empty() || in.state().state().empty()) {
      return absl::InvalidArgumentError(
          "filter.state: both region and state are required when the filter is set");
    }
    auto region = RegionNamed(in.state().region());
    if (!region.ok()) return region.status();
    out.states.push_back({*region, in.state().state()});
  }
  if (in.has_ready_for_discharge()) out.ready = in.ready_for_discharge();
  if (in.delayed_longer_than_days() < 0) {
    return absl::InvalidArgumentError("filter.delayed_longer_than_days: must be >= 0");
  }
  if (in.delayed_longer_than_days() > 0) {
    // Delay = London days from the ready date to today; longer than N days means ready on a day
    // before today - N.
    workflow::Date today = workflow::LondonDate(now);
    workflow::Date latest_ready_day = today.AddDays(-in.delayed_longer_than_days() - 1);
    out.ready_since_at_or_before =
        workflow::StartOfLondonDay(latest_ready_day.AddDays(1)) - std::chrono::seconds(1);
  }
  if (in.has_deadline_due_before()) {
    auto before = wire::FromWire(in.deadline_due_before(), "filter.deadline_due_before");
    if (!before.ok()) return before.status();
    out.deadline_before = *before;
  }
  if (!in.include_closed()) {
    out.discharged = false;
    out.closed = false;
  }
  switch (request.order_by()) {
    case tocflow::v1::CASE_ORDER_UNSPECIFIED:
      out.order = store::CaseOrder::kCaseId;
      break;
    case tocflow::v1::CASE_ORDER_ADMITTED_AT:
      out.order = store::CaseOrder::kOpenedAt;
      break;
    case tocflow::v1::CASE_ORDER_DELAY_DESCENDING:
      out.order = store::CaseOrder::kReadySince;
      break;
    case tocflow::v1::CASE_ORDER_NEXT_DEADLINE:
      out.order = store::CaseOrder::kNextDeadlineAt;
      break;
    default:
      return absl::InvalidArgumentError(
          "order_by: unknown value, one of CASE_ORDER_UNSPECIFIED, CASE_ORDER_ADMITTED_AT, "
          "CASE_ORDER_DELAY_DESCENDING, CASE_ORDER_NEXT_DEADLINE");
  }
  return out;
}

tocflow::v1::CaseSummary ToWireSummary(const store::CaseSummary& summary,
                                       const store::PendingDeadline* next_deadline,
                                       workflow::Timestamp now) {
  tocflow::v1::CaseSummary out;
  out.set_case_id(summary.case_id);
  out.set_version(summary.version);
  auto* identity = out.mutable_identity();
  identity->set_nhs_number(summary.nhs_number);
  identity->set_nhs_number_untraced(summary.nhs_number.empty());
  identity->set_local_patient_id(summary.local_patient_id);
  identity->set_spell_id(summary.spell_id);
  identity->set_provider_ods(summary.provider_ods);
  identity->set_site(summary.site);
  identity->set_ward(summary.ward);
  identity->set_bed(summary.bed);
  identity->set_local_authority(summary.local_authority);
  identity->set_icb(summary.icb);
  for (int i = 0; i < workflow::kRegionCount; ++i) {
    auto* state = out.add_states();
    state->set_region(std::string(workflow::Name(static_cast<workflow::Region>(i))));
    state->set_state(summary.states[i]);
  }
  if (summary.ready_since && !summary.discharged_at) {
    workflow::Date ready_day = workflow::LondonDate(*summary.ready_since);
    *out.mutable_discharge_ready_date() = wire::ToWire(ready_day);
    int delay = workflow::DaysBetween(ready_day, workflow::LondonDate(now));
    out.set_current_delay_days(delay > 0 ? delay : 0);
  }
  if (summary.admitted_at) *identity->mutable_admitted_at() = wire::ToWire(*summary.admitted_at);
  if (next_deadline != nullptr) {
    auto* deadline = out.mutable_next_deadline();
    deadline->set_kind(wire::ToWire(next_deadline->kind));
    *deadline->mutable_due() = wire::ToWire(next_deadline->due);
    const std::string kind(workflow::Name(next_deadline->kind));
    for (const store::DeadlineOwnerRow& owner : summary.deadline_owners) {
      if (owner.kind != kind) continue;
      auto* recipient = deadline->add_owners();
      recipient->set_role(WireNamed<workflow::Role>(owner.role));
      recipient->set_party(owner.party);
    }
  }
  out.set_closed(summary.discharged_at.has_value() || summary.closed);
  out.set_pathway(WireNamed<workflow::Pathway>(summary.pathway));
  if (!summary.attribution.empty()) {
    auto* reason = out.mutable_delay_reason();
    reason->set_dtoc(WireNamed<workflow::DtocReason>(summary.dtoc_reason));
    reason->set_nctr(WireNamed<workflow::NctrReason>(summary.nctr_reason));
    reason->set_attribution(WireNamed<workflow::Attribution>(summary.attribution));
  }
  for (const store::PartyRow& party : summary.parties) {
    if (party.party.empty()) continue;
    auto* assignment = out.add_parties();
    assignment->set_role(WireNamed<workflow::Role>(party.role));
    assignment->set_party(party.party);
  }
  return out;
}

}  // namespace tocflow::server
