#include "wire/case_view.h"

#include <algorithm>
#include <optional>
#include <string>

#include "wire/enum_codec.h"
#include "wire/time_codec.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;

v1::CaseIdentity IdentityToWire(const wf::CaseIdentity& id) {
  v1::CaseIdentity m;
  m.set_nhs_number(id.nhs_number);
  m.set_nhs_number_untraced(id.nhs_number_untraced);
  m.set_local_patient_id(id.local_patient_id);
  m.set_spell_id(id.spell_id);
  m.set_provider_ods(id.provider_ods);
  m.set_site(id.site);
  m.set_ward(id.ward);
  m.set_bed(id.bed);
  m.set_setting(ToWire(id.setting));
  m.set_local_authority(id.local_authority);
  m.set_icb(id.icb);
  *m.mutable_admitted_at() = ToWire(id.admitted_at);
  m.set_admission_method(ToWire(id.admission_method));
  m.set_notice_exclusion(ToWire(id.notice_exclusion));
  return m;
}

v1::DelayReason ReasonToWire(const wf::DelayReason& reason) {
  v1::DelayReason m;
  m.set_dtoc(OptionalToWire(reason.dtoc));
  m.set_nctr(OptionalToWire(reason.nctr));
  m.set_attribution(ToWire(reason.attribution));
  return m;
}

v1::StayFacts StayToWire(const wf::StayFacts& s) {
  v1::StayFacts m;
  if (s.expected_discharge_date)
    *m.mutable_expected_discharge_date() = ToWire(*s.expected_discharge_date);
  m.set_pathway(OptionalToWire(s.pathway));
  if (s.delay_reason) *m.mutable_delay_reason() = ReasonToWire(*s.delay_reason);
  for (const wf::DelayReasonChange& change : s.delay_reason_history) {
    v1::DelayReasonChange* c = m.add_delay_reason_history();
    *c->mutable_at() = ToWire(change.at);
    *c->mutable_reason() = ReasonToWire(change.reason);
  }
  for (const wf::ReadyPeriod& period : s.ready_periods) {
    v1::ReadyPeriod* p = m.add_ready_periods();
    *p->mutable_start() = ToWire(period.start);
    if (period.end) *p->mutable_end() = ToWire(*period.end);
    p->set_ended_by(ToWire(period.ended_by));
  }
  if (s.discharged_at) *m.mutable_discharged_at() = ToWire(*s.discharged_at);
  if (s.died_at) *m.mutable_died_at() = ToWire(*s.died_at);
  if (s.cancelled_at) *m.mutable_cancelled_at() = ToWire(*s.cancelled_at);
  m.set_discharge_destination(s.discharge_destination);
  if (const auto drd = s.DischargeReadyDate()) *m.mutable_discharge_ready_date() = ToWire(*drd);
  return m;
}

v1::NoticeFacts NoticesToWire(const wf::NoticeFacts& n) {
  v1::NoticeFacts m;
  if (n.assessment_notice_at) *m.mutable_assessment_notice_at() = ToWire(*n.assessment_notice_at);
  if (n.deemed_given) *m.mutable_deemed_given() = ToWire(*n.deemed_given);
  if (n.minimum_period_end) *m.mutable_minimum_period_end() = ToWire(*n.minimum_period_end);
  m.set_patient_consulted(n.patient_consulted);
  m.set_patient_objected(n.patient_objected);
  if (n.discharge_notice_at) *m.mutable_discharge_notice_at() = ToWire(*n.discharge_notice_at);
  if (n.proposed_discharge) *m.mutable_proposed_discharge() = ToWire(*n.proposed_discharge);
  if (n.relevant_day) *m.mutable_relevant_day() = ToWire(*n.relevant_day);
  m.set_relevant_day_passed(n.relevant_day_passed);
  m.set_la_assessment_started(n.la_assessment_started);
  m.set_la_assessment_completed(n.la_assessment_completed);
  m.set_services_decided(n.services_decided);
  m.set_la_services_in_place(n.la_services_in_place);
  for (const wf::LiabilityPeriod& period : n.liability) {
    v1::LiabilityPeriod* p = m.add_liability();
    *p->mutable_start() = ToWire(period.start);
    if (period.end) *p->mutable_end() = ToWire(*period.end);
    p->set_ended_by_discharge(period.ended_by_discharge);
  }
  m.set_closed_by_discharge(n.closed_by_discharge);
  return m;
}

v1::ChcFacts ChcToWire(const wf::ChcFacts& c) {
  v1::ChcFacts m;
  if (c.checklist_positive) m.set_checklist_positive(*c.checklist_positive);
  if (c.referral_received_at) *m.mutable_referral_received_at() = ToWire(*c.referral_received_at);
  if (c.decision_due) *m.mutable_decision_due() = ToWire(*c.decision_due);
  m.set_fast_track(c.fast_track);
  if (c.fast_track_at) *m.mutable_fast_track_at() = ToWire(*c.fast_track_at);
  if (c.assessment_scheduled_for)
    *m.mutable_assessment_scheduled_for() = ToWire(*c.assessment_scheduled_for);
  if (c.dst_recommends_eligible) m.set_dst_recommends_eligible(*c.dst_recommends_eligible);
  if (c.eligible) m.set_eligible(*c.eligible);
  if (c.decided_at) *m.mutable_decided_at() = ToWire(*c.decided_at);
  if (c.first_decided_at) *m.mutable_first_decided_at() = ToWire(*c.first_decided_at);
  if (c.review_due) *m.mutable_review_due() = ToWire(*c.review_due);
  m.set_appeals(c.appeals);
  return m;
}

v1::CareFacts CareToWire(const wf::CareFacts& c) {
  v1::CareFacts m;
  m.set_care_type(OptionalToWire(c.care_type));
  m.set_provider(c.provider);
  m.set_offers_declined(c.offers_declined);
  if (c.weekly_cost_pence) m.set_weekly_cost_pence(*c.weekly_cost_pence);
  m.set_funder(OptionalToWire(c.funder));
  if (c.start_date) *m.mutable_start_date() = ToWire(*c.start_date);
  if (c.in_place_at) *m.mutable_in_place_at() = ToWire(*c.in_place_at);
  m.set_equipment_items(c.equipment_items);
  if (c.equipment_due) *m.mutable_equipment_due() = ToWire(*c.equipment_due);
  if (c.equipment_delivered_at)
    *m.mutable_equipment_delivered_at() = ToWire(*c.equipment_delivered_at);
  return m;
}

}  // namespace

tocflow::v1::Alert ToWire(const workflow::Alert& alert) {
  v1::Alert m;
  m.set_kind(ToWire(alert.kind));
  m.set_severity(ToWire(alert.severity));
  for (const wf::AlertRecipient& recipient : alert.recipients) {
    v1::AlertRecipient* r = m.add_recipients();
    r->set_role(ToWire(recipient.role));
    r->set_party(recipient.party);
  }
  m.set_message(alert.message);
  *m.mutable_raised_at() = ToWire(alert.raised_at);
  if (alert.due) *m.mutable_due() = ToWire(*alert.due);
  if (alert.pence_per_day) m.set_pence_per_day(*alert.pence_per_day);
  return m;
}

tocflow::v1::Deadline ToWire(const workflow::DeadlineSet& deadline) {
  v1::Deadline m;
  m.set_kind(ToWire(deadline.kind));
  *m.mutable_due() = ToWire(deadline.due);
  return m;
}

tocflow::v1::ValidEvent ToWire(const workflow::ValidEvent& valid) {
  v1::ValidEvent m;
  m.set_region(std::string(wf::Name(valid.region)));
  m.set_event(std::string(valid.event));
  return m;
}

tocflow::v1::CaseFacts ToWire(const workflow::CaseFacts& facts) {
  v1::CaseFacts m;
  *m.mutable_identity() = IdentityToWire(facts.identity);
  m.set_rule_set(ToWire(facts.rule_set));
  if (facts.opened_at) *m.mutable_opened_at() = ToWire(*facts.opened_at);
  if (facts.last_event_at) *m.mutable_last_event_at() = ToWire(*facts.last_event_at);
  *m.mutable_stay() = StayToWire(facts.stay);
  *m.mutable_notices() = NoticesToWire(facts.notices);
  *m.mutable_chc() = ChcToWire(facts.chc);
  *m.mutable_care() = CareToWire(facts.care);
  return m;
}

void StatesToWire(const workflow::Journey& journey,
                  google::protobuf::RepeatedPtrField<tocflow::v1::RegionState>* out) {
  out->Clear();
  for (int r = 0; r < wf::kRegionCount; ++r) {
    const auto region = static_cast<wf::Region>(r);
    v1::RegionState* state = out->Add();
    state->set_region(std::string(wf::Name(region)));
    state->set_state(std::string(journey.State(region)));
  }
}

tocflow::v1::Deadline ToWire(const workflow::DeadlineOwners& pending) {
  v1::Deadline m = ToWire(wf::DeadlineSet{pending.kind, pending.due});
  for (const wf::AlertRecipient& owner : pending.recipients) {
    v1::AlertRecipient* out = m.add_owners();
    out->set_role(ToWire(owner.role));
    out->set_party(owner.party);
  }
  return m;
}

tocflow::v1::Case CaseView(std::string_view case_id, const workflow::Journey& journey,
                           const workflow::TeamDirectory& teams) {
  v1::Case m;
  m.set_case_id(std::string(case_id));
  m.set_version(journey.version());
  StatesToWire(journey, m.mutable_states());
  const wf::CaseFacts& facts = journey.facts();
  *m.mutable_facts() = ToWire(facts);
  m.set_closed(journey.closed());
  if (!journey.closed()) {
    for (const wf::ValidEvent& valid : journey.ValidNextEvents()) {
      if (valid.event == wf::DeadlineElapsed::kName) continue;  // the scheduler's alone
      *m.add_valid_next_events() = ToWire(valid);
    }
  }
  std::vector<wf::DeadlineOwners> pending = wf::PendingDeadlineOwners(journey, teams);
  std::sort(
      pending.begin(), pending.end(),
      [](const wf::DeadlineOwners& a, const wf::DeadlineOwners& b) { return a.kind < b.kind; });
  for (const wf::DeadlineOwners& deadline : pending) *m.add_open_deadlines() = ToWire(deadline);
  for (const auto& [role, party] : facts.parties) {
    if (party.empty()) continue;
    v1::PartyAssignment* assignment = m.add_parties();
    assignment->set_role(ToWire(role));
    assignment->set_party(party);
  }
  return m;
}

}  // namespace tocflow::wire
