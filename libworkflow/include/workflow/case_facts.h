// What a case knows: the facts recorded by its events, kept by the journey machine.
//
// CaseFacts is rebuilt by replaying events; it is never the source of truth. Valid C++17.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/codes.h"
#include "workflow/deadline_kind.h"
#include "workflow/rule_set.h"
#include "workflow/time.h"

namespace workflow {

// A reason for delay with its attribution, as recorded.
struct DelayReason {
  std::optional<DtocReason> dtoc;
  std::optional<NctrReason> nctr;
  Attribution attribution = Attribution::kNhs;
};

// A delay reason in force from a moment on.
struct DelayReasonChange {
  Timestamp at;
  DelayReason reason;
};

// How a period of readiness for discharge ended.
enum class ReadyPeriodEnd { kOpen, kDischarged, kDied, kCriteriaMetAgain, kCancelled };

// One stretch of "ready for discharge": from the DRD event to whatever ended it.
struct ReadyPeriod {
  Timestamp start;
  std::optional<Timestamp> end;
  ReadyPeriodEnd ended_by = ReadyPeriodEnd::kOpen;
};

// One stretch during which the LA was liable for reimbursement.
struct LiabilityPeriod {
  Timestamp start;
  std::optional<Timestamp> end;
  bool ended_by_discharge = false;  // the discharge day itself is liable
};

// Identity and whereabouts of the patient and spell.
struct CaseIdentity {
  std::string nhs_number;  // ten digits, or empty when untraced
  bool nhs_number_untraced = false;
  std::string local_patient_id;
  std::string spell_id;
  std::string provider_ods;
  std::string site;
  std::string ward;
  std::string bed;
  Setting setting = Setting::kAcute;
  std::string local_authority;
  std::string icb;
  Timestamp admitted_at;
  AdmissionMethod admission_method = AdmissionMethod::kEmergency;
  NoticeExclusion notice_exclusion = NoticeExclusion::kNone;
};

// Stay and readiness track.
struct StayFacts {
  std::optional<Date> expected_discharge_date;
  std::optional<Pathway> pathway;
  std::optional<DelayReason> delay_reason;  // the one in force
  std::vector<DelayReasonChange> delay_reason_history;
  std::vector<ReadyPeriod> ready_periods;  // oldest first; the last may be open
  std::optional<Timestamp> discharged_at;
  std::optional<Timestamp> died_at;
  std::optional<Timestamp> cancelled_at;
  std::string discharge_destination;

  // The discharge ready date: the day the latest ready period began.
  std::optional<Date> DischargeReadyDate() const;
};

// Statutory notices track.
struct NoticeFacts {
  std::optional<Timestamp> assessment_notice_at;
  std::optional<Date> deemed_given;
  std::optional<Date> minimum_period_end;
  bool patient_consulted = false;
  bool patient_objected = false;
  std::optional<Timestamp> discharge_notice_at;
  std::optional<Date> proposed_discharge;
  std::optional<Date> relevant_day;
  bool relevant_day_passed = false;
  bool la_assessment_started = false;
  bool la_assessment_completed = false;
  std::string services_decided;
  bool la_services_in_place = false;
  std::vector<LiabilityPeriod> liability;
  bool closed_by_discharge = false;  // a cancelled discharge re-opens the notices
};

// NHS Continuing Healthcare track.
struct ChcFacts {
  std::optional<bool> checklist_positive;
  std::optional<Timestamp> referral_received_at;  // positive checklist or referral: day 0
  std::optional<Date> decision_due;
  bool fast_track = false;
  std::optional<Timestamp> fast_track_at;
  std::optional<Date> assessment_scheduled_for;
  std::optional<bool> dst_recommends_eligible;
  std::optional<bool> eligible;
  std::optional<Timestamp> decided_at;
  std::optional<Timestamp> first_decided_at;
  std::optional<Date> review_due;
  int appeals = 0;
};

// Arranging care track, with the equipment side task.
struct CareFacts {
  std::optional<CareType> care_type;
  std::string provider;
  int offers_declined = 0;
  std::optional<int64_t> weekly_cost_pence;
  std::optional<Funder> funder;
  std::optional<Date> start_date;
  std::optional<Timestamp> in_place_at;
  std::string equipment_items;
  std::optional<Date> equipment_due;
  std::optional<Timestamp> equipment_delivered_at;
};

// Everything a case records.
struct CaseFacts {
  CaseIdentity identity;
  RuleSetId rule_set = kDefaultRuleSet;
  std::optional<Timestamp> opened_at;
  std::optional<Timestamp> last_event_at;
  std::map<Role, std::string> parties;               // assigned party per role
  std::map<DeadlineKind, Timestamp> open_deadlines;  // pending deadline per kind
  StayFacts stay;
  NoticeFacts notices;
  ChcFacts chc;
  CareFacts care;
};

}  // namespace workflow
