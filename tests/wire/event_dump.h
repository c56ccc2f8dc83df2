// A readable dump of every field of a workflow::Event, so that tests can compare two events
// field by field (the event structs have no operator==) and print the difference.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>

#include "workflow/events.h"

namespace tocflow::wire::testing {

namespace wf = workflow;

template <typename E>
std::string Opt(const std::optional<E>& value) {
  return value ? std::string(wf::Name(*value)) : std::string("-");
}
inline std::string Opt(const std::optional<wf::RuleSetId>& value) {
  return value ? std::string(wf::RuleSetName(*value)) : std::string("-");
}

inline void Dump(const wf::CaseOpened& e, std::ostream& o) {
  o << e.nhs_number << '|' << e.nhs_number_untraced << '|' << e.local_patient_id << '|'
    << e.spell_id << '|' << e.provider_ods << '|' << e.site << '|' << e.ward << '|' << e.bed << '|'
    << wf::Name(e.setting) << '|' << e.local_authority << '|' << e.icb << '|'
    << wf::FormatUtc(e.admitted_at) << '|' << wf::Name(e.admission_method) << '|'
    << wf::Name(e.notice_exclusion) << '|' << Opt(e.rule_set);
}
inline void Dump(const wf::WardTransferred& e, std::ostream& o) {
  o << e.site << '|' << e.ward << '|' << e.bed;
}
inline void Dump(const wf::ExpectedDischargeDateSet& e, std::ostream& o) {
  o << e.expected_discharge_date.ToIsoString();
}
inline void Dump(const wf::CriteriaToResideMetAgain& e, std::ostream& o) { o << Opt(e.criterion); }
inline void Dump(const wf::PathwayAgreed& e, std::ostream& o) { o << wf::Name(e.pathway); }
inline void Dump(const wf::DelayReasonRecorded& e, std::ostream& o) {
  o << Opt(e.dtoc) << '|' << Opt(e.nctr) << '|' << wf::Name(e.attribution);
}
inline void Dump(const wf::Discharged& e, std::ostream& o) { o << e.destination; }
inline void Dump(const wf::AssessmentNoticeGiven& e, std::ostream& o) {
  o << e.patient_consulted << e.carer_consulted << e.patient_objected << e.chc_considered << '|'
    << e.chc_outcome;
}
inline void Dump(const wf::AssessmentNoticeWithdrawn& e, std::ostream& o) { o << e.reason; }
inline void Dump(const wf::LaAssessmentCompleted& e, std::ostream& o) { o << e.services_decided; }
inline void Dump(const wf::DischargeNoticeGiven& e, std::ostream& o) {
  o << e.proposed_discharge_date.ToIsoString();
}
inline void Dump(const wf::DischargeNoticeWithdrawn& e, std::ostream& o) {
  o << e.reason << '|' << e.because_of_la_failure;
}
inline void Dump(const wf::ChecklistCompleted& e, std::ostream& o) {
  for (wf::ChecklistScore score : e.scores) o << wf::Name(score) << ',';
}
inline void Dump(const wf::FastTrackReferred& e, std::ostream& o) { o << e.clinician; }
inline void Dump(const wf::ChcAssessmentScheduled& e, std::ostream& o) {
  o << e.scheduled_for.ToIsoString();
}
inline void Dump(const wf::DstCompleted& e, std::ostream& o) {
  for (wf::DstLevel level : e.levels) o << wf::Name(level) << ',';
}
inline void Dump(const wf::EligibilityDecided& e, std::ostream& o) { o << e.eligible; }
inline void Dump(const wf::ReviewCompleted& e, std::ostream& o) { o << e.eligible; }
inline void Dump(const wf::AppealDecided& e, std::ostream& o) { o << e.eligible; }
inline void Dump(const wf::CareNeedsIdentified& e, std::ostream& o) { o << wf::Name(e.care_type); }
inline void Dump(const wf::ProviderOffered& e, std::ostream& o) { o << e.provider; }
inline void Dump(const wf::OfferDeclined& e, std::ostream& o) {
  o << e.record_choice_delay << '|' << wf::Name(e.attribution);
}
inline void Dump(const wf::FundingAgreed& e, std::ostream& o) {
  o << e.weekly_cost_pence << '|' << wf::Name(e.funder);
}
inline void Dump(const wf::StartConfirmed& e, std::ostream& o) {
  o << e.start_date.ToIsoString() << '|' << e.provider;
}
inline void Dump(const wf::EquipmentOrdered& e, std::ostream& o) {
  o << e.items << '|' << e.due_date.ToIsoString();
}
inline void Dump(const wf::PartyAssigned& e, std::ostream& o) {
  o << wf::Name(e.role) << '|' << e.party;
}
inline void Dump(const wf::DeadlineElapsed& e, std::ostream& o) { o << wf::Name(e.kind); }

// Events without fields: only their name is dumped. An event struct with fields must have its
// own overload above: this one refuses to compile for it.
template <typename Event>
void Dump(const Event&, std::ostream&) {
  static_assert(std::is_empty_v<Event>, "add a Dump overload for this event's fields");
}

// "<name>{<fields>}".
inline std::string DumpPayload(const wf::EventPayload& payload) {
  std::ostringstream out;
  out << wf::EventName(payload) << '{';
  std::visit([&out](const auto& event) { Dump(event, out); }, payload);
  out << '}';
  return out.str();
}

// "<actor>@<time> <payload>".
inline std::string DumpEvent(const wf::Event& event) {
  return event.actor + "@" + wf::FormatUtc(event.occurred_at) + " " + DumpPayload(event.payload);
}

}  // namespace tocflow::wire::testing
