// Encoding: workflow event structs to wire messages. One Encode overload per event type.
#include <variant>

#include "wire/enum_codec.h"
#include "wire/event_codec.h"
#include "wire/time_codec.h"
#include "workflow/chc_tools.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;

void Encode(const wf::CaseOpened& e, v1::Event* out) {
  v1::CaseOpened* m = out->mutable_case_opened();
  m->set_nhs_number(e.nhs_number);
  m->set_nhs_number_untraced(e.nhs_number_untraced);
  m->set_local_patient_id(e.local_patient_id);
  m->set_spell_id(e.spell_id);
  m->set_provider_ods(e.provider_ods);
  m->set_site(e.site);
  m->set_ward(e.ward);
  m->set_bed(e.bed);
  m->set_setting(ToWire(e.setting));
  m->set_local_authority(e.local_authority);
  m->set_icb(e.icb);
  *m->mutable_admitted_at() = ToWire(e.admitted_at);
  m->set_admission_method(ToWire(e.admission_method));
  m->set_notice_exclusion(ToWire(e.notice_exclusion));
  m->set_rule_set(OptionalToWire(e.rule_set));
}
void Encode(const wf::WardTransferred& e, v1::Event* out) {
  v1::WardTransferred* m = out->mutable_ward_transferred();
  m->set_site(e.site);
  m->set_ward(e.ward);
  m->set_bed(e.bed);
}
void Encode(const wf::ExpectedDischargeDateSet& e, v1::Event* out) {
  *out->mutable_expected_discharge_date_set()->mutable_expected_discharge_date() =
      ToWire(e.expected_discharge_date);
}
void Encode(const wf::ReadyForDischarge&, v1::Event* out) { out->mutable_ready_for_discharge(); }
void Encode(const wf::CriteriaToResideMetAgain& e, v1::Event* out) {
  out->mutable_criteria_to_reside_met_again()->set_criterion(OptionalToWire(e.criterion));
}
void Encode(const wf::PathwayAgreed& e, v1::Event* out) {
  out->mutable_pathway_agreed()->set_pathway(ToWire(e.pathway));
}
void Encode(const wf::DelayReasonRecorded& e, v1::Event* out) {
  v1::DelayReasonRecorded* m = out->mutable_delay_reason_recorded();
  m->set_dtoc(OptionalToWire(e.dtoc));
  m->set_nctr(OptionalToWire(e.nctr));
  m->set_attribution(ToWire(e.attribution));
}
void Encode(const wf::Discharged& e, v1::Event* out) {
  out->mutable_discharged()->set_destination(e.destination);
}
void Encode(const wf::Died&, v1::Event* out) { out->mutable_died(); }
void Encode(const wf::AdmissionCancelled&, v1::Event* out) { out->mutable_admission_cancelled(); }
void Encode(const wf::DischargeCancelled&, v1::Event* out) { out->mutable_discharge_cancelled(); }
void Encode(const wf::AssessmentNoticeGiven& e, v1::Event* out) {
  v1::AssessmentNoticeGiven* m = out->mutable_assessment_notice_given();
  m->set_patient_consulted(e.patient_consulted);
  m->set_carer_consulted(e.carer_consulted);
  m->set_patient_objected(e.patient_objected);
  m->set_chc_considered(e.chc_considered);
  m->set_chc_outcome(e.chc_outcome);
}
void Encode(const wf::AssessmentNoticeWithdrawn& e, v1::Event* out) {
  out->mutable_assessment_notice_withdrawn()->set_reason(e.reason);
}
void Encode(const wf::LaAssessmentStarted&, v1::Event* out) {
  out->mutable_la_assessment_started();
}
void Encode(const wf::LaAssessmentCompleted& e, v1::Event* out) {
  out->mutable_la_assessment_completed()->set_services_decided(e.services_decided);
}
void Encode(const wf::LaServicesInPlace&, v1::Event* out) { out->mutable_la_services_in_place(); }
void Encode(const wf::DischargeNoticeGiven& e, v1::Event* out) {
  *out->mutable_discharge_notice_given()->mutable_proposed_discharge_date() =
      ToWire(e.proposed_discharge_date);
}
void Encode(const wf::DischargeNoticeWithdrawn& e, v1::Event* out) {
  v1::DischargeNoticeWithdrawn* m = out->mutable_discharge_notice_withdrawn();
  m->set_reason(e.reason);
  m->set_because_of_la_failure(e.because_of_la_failure);
}
v1::ChecklistScore Score(const wf::ChecklistCompleted& e, wf::ChecklistDomain domain) {
  return ToWire(e.scores[static_cast<size_t>(domain)]);
}
void Encode(const wf::ChecklistCompleted& e, v1::Event* out) {
  v1::ChecklistScores* m = out->mutable_checklist_completed()->mutable_scores();
  m->set_breathing(Score(e, wf::ChecklistDomain::kBreathing));
  m->set_nutrition(Score(e, wf::ChecklistDomain::kNutrition));
  m->set_continence(Score(e, wf::ChecklistDomain::kContinence));
  m->set_skin_integrity(Score(e, wf::ChecklistDomain::kSkinIntegrity));
  m->set_mobility(Score(e, wf::ChecklistDomain::kMobility));
  m->set_communication(Score(e, wf::ChecklistDomain::kCommunication));
  m->set_psychological(Score(e, wf::ChecklistDomain::kPsychological));
  m->set_cognition(Score(e, wf::ChecklistDomain::kCognition));
  m->set_behaviour(Score(e, wf::ChecklistDomain::kBehaviour));
  m->set_drug_therapies(Score(e, wf::ChecklistDomain::kDrugTherapies));
  m->set_altered_states_of_consciousness(
      Score(e, wf::ChecklistDomain::kAlteredStatesOfConsciousness));
}
void Encode(const wf::ReferredForFullAssessment&, v1::Event* out) {
  out->mutable_referred_for_full_assessment();
}
void Encode(const wf::FastTrackReferred& e, v1::Event* out) {
  out->mutable_fast_track_referred()->set_clinician(e.clinician);
}
void Encode(const wf::ChcAssessmentScheduled& e, v1::Event* out) {
  *out->mutable_chc_assessment_scheduled()->mutable_scheduled_for() = ToWire(e.scheduled_for);
}
v1::DstLevel Level(const wf::DstCompleted& e, wf::DstDomain domain) {
  return ToWire(e.levels[static_cast<size_t>(domain)]);
}
void Encode(const wf::DstCompleted& e, v1::Event* out) {
  v1::DstLevels* m = out->mutable_dst_completed()->mutable_levels();
  m->set_behaviour(Level(e, wf::DstDomain::kBehaviour));
  m->set_cognition(Level(e, wf::DstDomain::kCognition));
  m->set_psychological(Level(e, wf::DstDomain::kPsychological));
  m->set_communication(Level(e, wf::DstDomain::kCommunication));
  m->set_mobility(Level(e, wf::DstDomain::kMobility));
  m->set_nutrition(Level(e, wf::DstDomain::kNutrition));
  m->set_continence(Level(e, wf::DstDomain::kContinence));
  m->set_skin(Level(e, wf::DstDomain::kSkin));
  m->set_breathing(Level(e, wf::DstDomain::kBreathing));
  m->set_drug_therapies(Level(e, wf::DstDomain::kDrugTherapies));
  m->set_altered_states_of_consciousness(Level(e, wf::DstDomain::kAlteredStatesOfConsciousness));
  m->set_other(Level(e, wf::DstDomain::kOther));
}
void Encode(const wf::EligibilityDecided& e, v1::Event* out) {
  out->mutable_eligibility_decided()->set_eligible(e.eligible);
}
void Encode(const wf::ReviewCompleted& e, v1::Event* out) {
  out->mutable_review_completed()->set_eligible(e.eligible);
}
void Encode(const wf::AppealLodged&, v1::Event* out) { out->mutable_appeal_lodged(); }
void Encode(const wf::AppealDecided& e, v1::Event* out) {
  out->mutable_appeal_decided()->set_eligible(e.eligible);
}
void Encode(const wf::CareNeedsIdentified& e, v1::Event* out) {
  out->mutable_care_needs_identified()->set_care_type(ToWire(e.care_type));
}
void Encode(const wf::SourcingStarted&, v1::Event* out) { out->mutable_sourcing_started(); }
void Encode(const wf::ProviderOffered& e, v1::Event* out) {
  out->mutable_provider_offered()->set_provider(e.provider);
}
void Encode(const wf::OfferDeclined& e, v1::Event* out) {
  v1::OfferDeclined* m = out->mutable_offer_declined();
  m->set_record_choice_delay(e.record_choice_delay);
  m->set_attribution(ToWire(e.attribution));
}
void Encode(const wf::FundingAgreed& e, v1::Event* out) {
  v1::FundingAgreed* m = out->mutable_funding_agreed();
  m->set_weekly_cost_pence(e.weekly_cost_pence);
  m->set_funder(ToWire(e.funder));
}
void Encode(const wf::StartConfirmed& e, v1::Event* out) {
  v1::StartConfirmed* m = out->mutable_start_confirmed();
  *m->mutable_start_date() = ToWire(e.start_date);
  m->set_provider(e.provider);
}
void Encode(const wf::CareInPlace&, v1::Event* out) { out->mutable_care_in_place(); }
void Encode(const wf::EquipmentOrdered& e, v1::Event* out) {
  v1::EquipmentOrdered* m = out->mutable_equipment_ordered();
  m->set_items(e.items);
  *m->mutable_due_date() = ToWire(e.due_date);
}
void Encode(const wf::EquipmentDelivered&, v1::Event* out) { out->mutable_equipment_delivered(); }
void Encode(const wf::PartyAssigned& e, v1::Event* out) {
  v1::PartyAssigned* m = out->mutable_party_assigned();
  m->set_role(ToWire(e.role));
  m->set_party(e.party);
}
void Encode(const wf::DeadlineElapsed& e, v1::Event* out) {
  out->mutable_deadline_elapsed()->set_kind(ToWire(e.kind));
}

}  // namespace

tocflow::v1::Event ToWire(const workflow::EventPayload& payload) {
  tocflow::v1::Event wire;
  std::visit([&wire](const auto& event) { Encode(event, &wire); }, payload);
  return wire;
}

tocflow::v1::RecordedEvent ToWire(const workflow::Event& event) {
  tocflow::v1::RecordedEvent wire;
  wire.set_actor(event.actor);
  *wire.mutable_occurred_at() = ToWire(event.occurred_at);
  *wire.mutable_event() = ToWire(event.payload);
  return wire;
}

}  // namespace tocflow::wire
