// The events that can happen to a case: one plain struct per fact, covering the four tracks.
//
// An Event wraps one of them with who recorded it and when it happened. Every struct has a
// stable snake_case `kName` used for storage, the wire and error messages. Valid C++17.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "workflow/codes.h"
#include "workflow/deadline_kind.h"
#include "workflow/rule_set.h"
#include "workflow/time.h"

namespace workflow {

// ---------------------------------------------------------------- stay and readiness

// A case is opened on admission, or on a referral ahead of a planned admission (then
// `admitted_at` is the expected admission time).
struct CaseOpened {
  static constexpr std::string_view kName = "case_opened";
  std::string nhs_number;  // ten digits; empty only when `nhs_number_untraced`
  bool nhs_number_untraced = false;
  std::string local_patient_id;  // MRN, required
  std::string spell_id;          // visit / spell number (HL7 PV1-19), required
  std::string provider_ods;      // provider organisation ODS code, required
  std::string site;
  std::string ward;
  std::string bed;
  Setting setting = Setting::kAcute;
  std::string local_authority;  // responsible LA code, required
  std::string icb;              // ICB code, required
  Timestamp admitted_at;
  AdmissionMethod admission_method = AdmissionMethod::kEmergency;
  NoticeExclusion notice_exclusion = NoticeExclusion::kNone;
  std::optional<RuleSetId> rule_set;  // default: kDefaultRuleSet
};

struct WardTransferred {
  static constexpr std::string_view kName = "ward_transferred";
  std::string site;  // empty: unchanged
  std::string ward;  // required
  std::string bed;
};

struct ExpectedDischargeDateSet {
  static constexpr std::string_view kName = "expected_discharge_date_set";
  Date expected_discharge_date;
};

// The patient no longer meets the criteria to reside: ready for discharge. The discharge ready
// date is the London day of the event.
struct ReadyForDischarge {
  static constexpr std::string_view kName = "ready_for_discharge";
};

// The patient meets the criteria to reside again; the discharge ready date is reset.
struct CriteriaToResideMetAgain {
  static constexpr std::string_view kName = "criteria_to_reside_met_again";
  std::optional<CriterionToReside> criterion;
};

struct PathwayAgreed {
  static constexpr std::string_view kName = "pathway_agreed";
  Pathway pathway = Pathway::kPathway0;
};

// Why the discharge is delayed: a DTOC code, an NCTR reason, or both; and who it is attributed to.
struct DelayReasonRecorded {
  static constexpr std::string_view kName = "delay_reason_recorded";
  std::optional<DtocReason> dtoc;
  std::optional<NctrReason> nctr;
  Attribution attribution = Attribution::kNhs;
};

struct Discharged {
  static constexpr std::string_view kName = "discharged";
  std::string destination;  // free text, e.g. "usual residence"
};

struct Died {
  static constexpr std::string_view kName = "died";
};

// The admission was entered in error (HL7 A11).
struct AdmissionCancelled {
  static constexpr std::string_view kName = "admission_cancelled";
};

// The discharge was entered in error (HL7 A13): the case re-opens.
struct DischargeCancelled {
  static constexpr std::string_view kName = "discharge_cancelled";
};

// ---------------------------------------------------------------- statutory notices

struct AssessmentNoticeGiven {
  static constexpr std::string_view kName = "assessment_notice_given";
  bool patient_consulted = false;
  bool carer_consulted = false;
  bool patient_objected = false;
  bool chc_considered = false;
  std::string chc_outcome;  // free text, when considered
};

struct AssessmentNoticeWithdrawn {
  static constexpr std::string_view kName = "assessment_notice_withdrawn";
  std::string reason;
};

struct LaAssessmentStarted {
  static constexpr std::string_view kName = "la_assessment_started";
};

struct LaAssessmentCompleted {
  static constexpr std::string_view kName = "la_assessment_completed";
  std::string services_decided;  // the services the LA decided to provide; empty: none
};

struct LaServicesInPlace {
  static constexpr std::string_view kName = "la_services_in_place";
};

struct DischargeNoticeGiven {
  static constexpr std::string_view kName = "discharge_notice_given";
  Date proposed_discharge_date;
};

// A discharge notice may be withdrawn, but not because of the LA's own failure (p).
struct DischargeNoticeWithdrawn {
  static constexpr std::string_view kName = "discharge_notice_withdrawn";
  std::string reason;
  bool because_of_la_failure = false;
};

// ---------------------------------------------------------------- NHS Continuing Healthcare

// The CHC Checklist: eleven domains scored A/B/C (in ChecklistDomain order); positive or
// negative is computed. Every domain starts at C, the lowest need.
struct ChecklistCompleted {
  static constexpr std::string_view kName = "checklist_completed";
  std::array<ChecklistScore, 11> scores = {
      ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC,
      ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC,
      ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC};
};

struct ReferredForFullAssessment {
  static constexpr std::string_view kName = "referred_for_full_assessment";
};

struct FastTrackReferred {
  static constexpr std::string_view kName = "fast_track_referred";
  std::string clinician;  // the appropriate clinician who completed the tool
};

struct ChcAssessmentScheduled {
  static constexpr std::string_view kName = "chc_assessment_scheduled";
  Date scheduled_for;
};

// The Decision Support Tool: twelve domains (in DstDomain order), each starting at No needs;
// the recommendation is computed.
struct DstCompleted {
  static constexpr std::string_view kName = "dst_completed";
  std::array<DstLevel, 12> levels{};
};

struct EligibilityDecided {
  static constexpr std::string_view kName = "eligibility_decided";
  bool eligible = false;
};

struct ReviewCompleted {
  static constexpr std::string_view kName = "review_completed";
  bool eligible = false;
};

struct AppealLodged {
  static constexpr std::string_view kName = "appeal_lodged";
};

struct AppealDecided {
  static constexpr std::string_view kName = "appeal_decided";
  bool eligible = false;
};

// ---------------------------------------------------------------- arranging care

struct CareNeedsIdentified {
  static constexpr std::string_view kName = "care_needs_identified";
  CareType care_type = CareType::kHomeCare;
};

struct SourcingStarted {
  static constexpr std::string_view kName = "sourcing_started";
};

struct ProviderOffered {
  static constexpr std::string_view kName = "provider_offered";
  std::string provider;
};

// The patient or family declined the offer; sourcing starts again. When
// `record_choice_delay` is set, delay reason G (patient or family choice) is recorded too.
struct OfferDeclined {
  static constexpr std::string_view kName = "offer_declined";
  bool record_choice_delay = false;
  Attribution attribution = Attribution::kNhs;
};

struct FundingAgreed {
  static constexpr std::string_view kName = "funding_agreed";
  int64_t weekly_cost_pence = 0;
  Funder funder = Funder::kLocalAuthority;
};

struct StartConfirmed {
  static constexpr std::string_view kName = "start_confirmed";
  Date start_date;
  std::string provider;  // empty: the offered provider
};

struct CareInPlace {
  static constexpr std::string_view kName = "care_in_place";
};

struct EquipmentOrdered {
  static constexpr std::string_view kName = "equipment_ordered";
  std::string items;
  Date due_date;
};

struct EquipmentDelivered {
  static constexpr std::string_view kName = "equipment_delivered";
};

// ---------------------------------------------------------------- case administration

struct PartyAssigned {
  static constexpr std::string_view kName = "party_assigned";
  Role role = Role::kWardDischargeCoordinator;
  std::string party;  // person or team identifier; empty clears the assignment
};

// A deadline set by an earlier event fell due (submitted by the scheduler, never by people).
struct DeadlineElapsed {
  static constexpr std::string_view kName = "deadline_elapsed";
  DeadlineKind kind = DeadlineKind::kEddMissing;
};

// Any one event.
using EventPayload =
    std::variant<CaseOpened, WardTransferred, ExpectedDischargeDateSet, ReadyForDischarge,
                 CriteriaToResideMetAgain, PathwayAgreed, DelayReasonRecorded, Discharged, Died,
                 AdmissionCancelled, DischargeCancelled, AssessmentNoticeGiven,
                 AssessmentNoticeWithdrawn, LaAssessmentStarted, LaAssessmentCompleted,
                 LaServicesInPlace, DischargeNoticeGiven, DischargeNoticeWithdrawn,
                 ChecklistCompleted, ReferredForFullAssessment, FastTrackReferred,
                 ChcAssessmentScheduled, DstCompleted, EligibilityDecided, ReviewCompleted,
                 AppealLodged, AppealDecided, CareNeedsIdentified, SourcingStarted, ProviderOffered,
                 OfferDeclined, FundingAgreed, StartConfirmed, CareInPlace, EquipmentOrdered,
                 EquipmentDelivered, PartyAssigned, DeadlineElapsed>;

// One event as recorded: what happened, who recorded it, and when it happened.
struct Event {
  std::string actor;      // user, team or system that recorded it; required
  Timestamp occurred_at;  // when it happened (not when it was stored)
  EventPayload payload;
};

// The snake_case name of the event held.
std::string_view EventName(const EventPayload& payload);
// Names of every event type, in EventPayload order.
const std::array<std::string_view, std::variant_size_v<EventPayload>>& AllEventNames();

}  // namespace workflow
