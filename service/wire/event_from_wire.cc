// Decoding: wire event messages to workflow event structs. One Decode overload per event type;
// each reads every field through a FieldReader and returns its first error.
#include <string>
#include <utility>

#include "field_error.h"
#include "field_reader.h"
#include "wire/enum_codec.h"
#include "wire/event_codec.h"
#include "wire/time_codec.h"
#include "workflow/chc_tools.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;
using internal::FieldReader;

// The event, or the reader's first error.
template <typename Event>
absl::StatusOr<wf::EventPayload> Result(const FieldReader& reader, Event event) {
  if (!reader.ok()) return reader.status();
  return wf::EventPayload(std::move(event));
}

absl::StatusOr<wf::CaseOpened> DecodeOpening(const v1::CaseOpened& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::CaseOpened e;
  e.nhs_number = m.nhs_number();
  e.nhs_number_untraced = m.nhs_number_untraced();
  e.local_patient_id = m.local_patient_id();
  e.spell_id = m.spell_id();
  e.provider_ods = m.provider_ods();
  e.site = m.site();
  e.ward = m.ward();
  e.bed = m.bed();
  reader.Enum(m.setting(), "setting", &e.setting);
  e.local_authority = m.local_authority();
  e.icb = m.icb();
  reader.Required(m.has_admitted_at(), m.admitted_at(), "admitted_at", &e.admitted_at);
  reader.Enum(m.admission_method(), "admission_method", &e.admission_method);
  reader.Enum(m.notice_exclusion(), "notice_exclusion", &e.notice_exclusion);
  reader.OptionalEnum(m.rule_set(), "rule_set", &e.rule_set);
  if (!reader.ok()) return reader.status();
  return e;
}

absl::StatusOr<wf::EventPayload> Decode(const v1::CaseOpened& m, std::string prefix) {
  auto opening = DecodeOpening(m, std::move(prefix));
  if (!opening.ok()) return opening.status();
  return wf::EventPayload(*std::move(opening));
}
absl::StatusOr<wf::EventPayload> Decode(const v1::WardTransferred& m, std::string) {
  return wf::WardTransferred{m.site(), m.ward(), m.bed()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ExpectedDischargeDateSet& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::ExpectedDischargeDateSet e;
  reader.Required(m.has_expected_discharge_date(), m.expected_discharge_date(),
                  "expected_discharge_date", &e.expected_discharge_date);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ReadyForDischarge&, std::string) {
  return wf::ReadyForDischarge{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::CriteriaToResideMetAgain& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::CriteriaToResideMetAgain e;
  reader.OptionalEnum(m.criterion(), "criterion", &e.criterion);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::PathwayAgreed& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::PathwayAgreed e;
  reader.Enum(m.pathway(), "pathway", &e.pathway);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DelayReasonRecorded& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::DelayReasonRecorded e;
  reader.OptionalEnum(m.dtoc(), "dtoc", &e.dtoc);
  reader.OptionalEnum(m.nctr(), "nctr", &e.nctr);
  reader.Enum(m.attribution(), "attribution", &e.attribution);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::Discharged& m, std::string) {
  return wf::Discharged{m.destination()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::Died&, std::string) { return wf::Died{}; }
absl::StatusOr<wf::EventPayload> Decode(const v1::AdmissionCancelled&, std::string) {
  return wf::AdmissionCancelled{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DischargeCancelled&, std::string) {
  return wf::DischargeCancelled{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::AssessmentNoticeGiven& m, std::string) {
  wf::AssessmentNoticeGiven e;
  e.patient_consulted = m.patient_consulted();
  e.carer_consulted = m.carer_consulted();
  e.patient_objected = m.patient_objected();
  e.chc_considered = m.chc_considered();
  e.chc_outcome = m.chc_outcome();
  return e;
}
absl::StatusOr<wf::EventPayload> Decode(const v1::AssessmentNoticeWithdrawn& m, std::string) {
  return wf::AssessmentNoticeWithdrawn{m.reason()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::LaAssessmentStarted&, std::string) {
  return wf::LaAssessmentStarted{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::LaAssessmentCompleted& m, std::string) {
  return wf::LaAssessmentCompleted{m.services_decided()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::LaServicesInPlace&, std::string) {
  return wf::LaServicesInPlace{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DischargeNoticeGiven& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::DischargeNoticeGiven e;
  reader.Required(m.has_proposed_discharge_date(), m.proposed_discharge_date(),
                  "proposed_discharge_date", &e.proposed_discharge_date);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DischargeNoticeWithdrawn& m, std::string) {
  return wf::DischargeNoticeWithdrawn{m.reason(), m.because_of_la_failure()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ChecklistCompleted& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  if (!m.has_scores()) return internal::MissingField(reader.Path("scores"));
  FieldReader scores(reader.Path("scores"));
  const v1::ChecklistScores& s = m.scores();
  wf::ChecklistCompleted e;
  auto read = [&](wf::ChecklistDomain domain, v1::ChecklistScore value, std::string_view name) {
    scores.Enum(value, name, &e.scores[static_cast<size_t>(domain)]);
  };
  read(wf::ChecklistDomain::kBreathing, s.breathing(), "breathing");
  read(wf::ChecklistDomain::kNutrition, s.nutrition(), "nutrition");
  read(wf::ChecklistDomain::kContinence, s.continence(), "continence");
  read(wf::ChecklistDomain::kSkinIntegrity, s.skin_integrity(), "skin_integrity");
  read(wf::ChecklistDomain::kMobility, s.mobility(), "mobility");
  read(wf::ChecklistDomain::kCommunication, s.communication(), "communication");
  read(wf::ChecklistDomain::kPsychological, s.psychological(), "psychological");
  read(wf::ChecklistDomain::kCognition, s.cognition(), "cognition");
  read(wf::ChecklistDomain::kBehaviour, s.behaviour(), "behaviour");
  read(wf::ChecklistDomain::kDrugTherapies, s.drug_therapies(), "drug_therapies");
  read(wf::ChecklistDomain::kAlteredStatesOfConsciousness, s.altered_states_of_consciousness(),
       "altered_states_of_consciousness");
  return Result(scores, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ReferredForFullAssessment&, std::string) {
  return wf::ReferredForFullAssessment{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::FastTrackReferred& m, std::string) {
  return wf::FastTrackReferred{m.clinician()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ChcAssessmentScheduled& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::ChcAssessmentScheduled e;
  reader.Required(m.has_scheduled_for(), m.scheduled_for(), "scheduled_for", &e.scheduled_for);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DstCompleted& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  if (!m.has_levels()) return internal::MissingField(reader.Path("levels"));
  FieldReader levels(reader.Path("levels"));
  const v1::DstLevels& l = m.levels();
  wf::DstCompleted e;
  auto read = [&](wf::DstDomain domain, v1::DstLevel value, std::string_view name) {
    levels.Enum(value, name, &e.levels[static_cast<size_t>(domain)]);
  };
  read(wf::DstDomain::kBehaviour, l.behaviour(), "behaviour");
  read(wf::DstDomain::kCognition, l.cognition(), "cognition");
  read(wf::DstDomain::kPsychological, l.psychological(), "psychological");
  read(wf::DstDomain::kCommunication, l.communication(), "communication");
  read(wf::DstDomain::kMobility, l.mobility(), "mobility");
  read(wf::DstDomain::kNutrition, l.nutrition(), "nutrition");
  read(wf::DstDomain::kContinence, l.continence(), "continence");
  read(wf::DstDomain::kSkin, l.skin(), "skin");
  read(wf::DstDomain::kBreathing, l.breathing(), "breathing");
  read(wf::DstDomain::kDrugTherapies, l.drug_therapies(), "drug_therapies");
  read(wf::DstDomain::kAlteredStatesOfConsciousness, l.altered_states_of_consciousness(),
       "altered_states_of_consciousness");
  read(wf::DstDomain::kOther, l.other(), "other");
  return Result(levels, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::EligibilityDecided& m, std::string) {
  return wf::EligibilityDecided{m.eligible()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ReviewCompleted& m, std::string) {
  return wf::ReviewCompleted{m.eligible()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::AppealLodged&, std::string) {
  return wf::AppealLodged{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::AppealDecided& m, std::string) {
  return wf::AppealDecided{m.eligible()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::CareNeedsIdentified& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::CareNeedsIdentified e;
  reader.Enum(m.care_type(), "care_type", &e.care_type);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::SourcingStarted&, std::string) {
  return wf::SourcingStarted{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::ProviderOffered& m, std::string) {
  return wf::ProviderOffered{m.provider()};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::OfferDeclined& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::OfferDeclined e;
  e.record_choice_delay = m.record_choice_delay();
  reader.Enum(m.attribution(), "attribution", &e.attribution);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::FundingAgreed& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::FundingAgreed e;
  e.weekly_cost_pence = m.weekly_cost_pence();
  reader.Enum(m.funder(), "funder", &e.funder);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::StartConfirmed& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::StartConfirmed e;
  reader.Required(m.has_start_date(), m.start_date(), "start_date", &e.start_date);
  e.provider = m.provider();
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::CareInPlace&, std::string) {
  return wf::CareInPlace{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::EquipmentOrdered& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::EquipmentOrdered e;
  e.items = m.items();
  reader.Required(m.has_due_date(), m.due_date(), "due_date", &e.due_date);
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::EquipmentDelivered&, std::string) {
  return wf::EquipmentDelivered{};
}
absl::StatusOr<wf::EventPayload> Decode(const v1::PartyAssigned& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::PartyAssigned e;
  reader.Enum(m.role(), "role", &e.role);
  e.party = m.party();
  return Result(reader, e);
}
absl::StatusOr<wf::EventPayload> Decode(const v1::DeadlineElapsed& m, std::string prefix) {
  FieldReader reader(std::move(prefix));
  wf::DeadlineElapsed e;
  reader.Enum(m.kind(), "kind", &e.kind);
  return Result(reader, e);
}

// actor + occurred_at + event, the shape shared by RecordEventRequest and RecordedEvent.
absl::StatusOr<wf::Event> DecodeEvent(const std::string& actor, bool has_occurred_at,
                                      const google::protobuf::Timestamp& occurred_at,
                                      bool has_event, const v1::Event& event) {
  FieldReader reader("");
  wf::Event result;
  result.actor = actor;
  reader.Required(has_occurred_at, occurred_at, "occurred_at", &result.occurred_at);
  if (!reader.ok()) return reader.status();
  if (!has_event) return internal::InvalidField("event", "required, set exactly one event");
  auto payload = FromWire(event, "event");
  if (!payload.ok()) return payload.status();
  result.payload = *std::move(payload);
  return result;
}

}  // namespace

absl::StatusOr<workflow::EventPayload> FromWire(const tocflow::v1::Event& event,
                                                std::string_view field) {
  // The path of the set oneof field, e.g. "event.pathway_agreed".
  auto path = [field](std::string_view name) { return internal::FieldPath(field, name); };
  using Case = v1::Event::EventCase;
  switch (event.event_case()) {
    case Case::kCaseOpened:
      return Decode(event.case_opened(), path("case_opened"));
    case Case::kWardTransferred:
      return Decode(event.ward_transferred(), path("ward_transferred"));
    case Case::kExpectedDischargeDateSet:
      return Decode(event.expected_discharge_date_set(), path("expected_discharge_date_set"));
    case Case::kReadyForDischarge:
      return Decode(event.ready_for_discharge(), path("ready_for_discharge"));
    case Case::kCriteriaToResideMetAgain:
      return Decode(event.criteria_to_reside_met_again(), path("criteria_to_reside_met_again"));
    case Case::kPathwayAgreed:
      return Decode(event.pathway_agreed(), path("pathway_agreed"));
    case Case::kDelayReasonRecorded:
      return Decode(event.delay_reason_recorded(), path("delay_reason_recorded"));
    case Case::kDischarged:
      return Decode(event.discharged(), path("discharged"));
    case Case::kDied:
      return Decode(event.died(), path("died"));
    case Case::kAdmissionCancelled:
      return Decode(event.admission_cancelled(), path("admission_cancelled"));
    case Case::kDischargeCancelled:
      return Decode(event.discharge_cancelled(), path("discharge_cancelled"));
    case Case::kAssessmentNoticeGiven:
      return Decode(event.assessment_notice_given(), path("assessment_notice_given"));
    case Case::kAssessmentNoticeWithdrawn:
      return Decode(event.assessment_notice_withdrawn(), path("assessment_notice_withdrawn"));
    case Case::kLaAssessmentStarted:
      return Decode(event.la_assessment_started(), path("la_assessment_started"));
    case Case::kLaAssessmentCompleted:
      return Decode(event.la_assessment_completed(), path("la_assessment_completed"));
    case Case::kLaServicesInPlace:
      return Decode(event.la_services_in_place(), path("la_services_in_place"));
    case Case::kDischargeNoticeGiven:
      return Decode(event.discharge_notice_given(), path("discharge_notice_given"));
    case Case::kDischargeNoticeWithdrawn:
      return Decode(event.discharge_notice_withdrawn(), path("discharge_notice_withdrawn"));
    case Case::kChecklistCompleted:
      return Decode(event.checklist_completed(), path("checklist_completed"));
    case Case::kReferredForFullAssessment:
      return Decode(event.referred_for_full_assessment(), path("referred_for_full_assessment"));
    case Case::kFastTrackReferred:
      return Decode(event.fast_track_referred(), path("fast_track_referred"));
    case Case::kChcAssessmentScheduled:
      return Decode(event.chc_assessment_scheduled(), path("chc_assessment_scheduled"));
    case Case::kDstCompleted:
      return Decode(event.dst_completed(), path("dst_completed"));
    case Case::kEligibilityDecided:
      return Decode(event.eligibility_decided(), path("eligibility_decided"));
    case Case::kReviewCompleted:
      return Decode(event.review_completed(), path("review_completed"));
    case Case::kAppealLodged:
      return Decode(event.appeal_lodged(), path("appeal_lodged"));
    case Case::kAppealDecided:
      return Decode(event.appeal_decided(), path("appeal_decided"));
    case Case::kCareNeedsIdentified:
      return Decode(event.care_needs_identified(), path("care_needs_identified"));
    case Case::kSourcingStarted:
      return Decode(event.sourcing_started(), path("sourcing_started"));
    case Case::kProviderOffered:
      return Decode(event.provider_offered(), path("provider_offered"));
    case Case::kOfferDeclined:
      return Decode(event.offer_declined(), path("offer_declined"));
    case Case::kFundingAgreed:
      return Decode(event.funding_agreed(), path("funding_agreed"));
    case Case::kStartConfirmed:
      return Decode(event.start_confirmed(), path("start_confirmed"));
    case Case::kCareInPlace:
      return Decode(event.care_in_place(), path("care_in_place"));
    case Case::kEquipmentOrdered:
      return Decode(event.equipment_ordered(), path("equipment_ordered"));
    case Case::kEquipmentDelivered:
      return Decode(event.equipment_delivered(), path("equipment_delivered"));
    case Case::kPartyAssigned:
      return Decode(event.party_assigned(), path("party_assigned"));
    case Case::kDeadlineElapsed:
      return Decode(event.deadline_elapsed(), path("deadline_elapsed"));
    case Case::EVENT_NOT_SET:
      break;
  }
  // Also reached by a oneof field number this build does not know (a newer client).
  return internal::InvalidField(field, "required, set exactly one event");
}

absl::StatusOr<workflow::CaseOpened> FromWire(const tocflow::v1::CaseOpened& opening,
                                              std::string_view field) {
  return DecodeOpening(opening, std::string(field));
}

absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::RecordedEvent& recorded) {
  return DecodeEvent(recorded.actor(), recorded.has_occurred_at(), recorded.occurred_at(),
                     recorded.has_event(), recorded.event());
}

absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::RecordEventRequest& request) {
  return DecodeEvent(request.actor(), request.has_occurred_at(), request.occurred_at(),
                     request.has_event(), request.event());
}

absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::CreateCaseRequest& request) {
  if (!request.has_opening()) return internal::MissingField("opening");
  auto opening = DecodeOpening(request.opening(), "opening");
  if (!opening.ok()) return opening.status();
  wf::Event event;
  event.actor = request.actor();
  event.occurred_at = opening->admitted_at;
  if (request.has_occurred_at()) {
    auto occurred_at = FromWire(request.occurred_at(), "occurred_at");
    if (!occurred_at.ok()) return occurred_at.status();
    event.occurred_at = *occurred_at;
  }
  event.payload = *std::move(opening);
  return event;
}

absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::AssignPartyRequest& request,
                                         workflow::Timestamp now) {
  FieldReader reader("");
  wf::PartyAssigned assigned;
  reader.Enum(request.role(), "role", &assigned.role);
  assigned.party = request.party();
  wf::Event event;
  event.actor = request.actor();
  event.occurred_at = now;
  if (request.has_occurred_at()) {
    reader.Required(true, request.occurred_at(), "occurred_at", &event.occurred_at);
  }
  if (!reader.ok()) return reader.status();
  event.payload = std::move(assigned);
  return event;
}

}  // namespace tocflow::wire
