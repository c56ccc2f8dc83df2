#include "crash/case_plan.h"

#include <ctime>

namespace tocflow::crash {
namespace {

namespace v1 = ::tocflow::v1;

constexpr int64_t kHour = 3600;
constexpr int64_t kEddClock = 48 * kHour;

int64_t Uniform(std::mt19937_64& random, int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(random);
}

CaseCommand Create(const CasePlan& plan) {
  CaseCommand command;
  command.kind = CommandKind::kCreateCase;
  command.label = "create";
  command.request_id = "crash-" + plan.spell + "-0";
  v1::CreateCaseRequest& request = command.create;
  request.set_request_id(command.request_id);
  request.set_actor("ward-clerk");
  v1::CaseOpened* opening = request.mutable_opening();
  opening->set_nhs_number("9434765919");
  opening->set_local_patient_id("MRN-" + plan.spell);
  opening->set_spell_id(plan.spell);
  opening->set_provider_ods("RXX");
  opening->set_ward("W1");
  opening->set_setting(v1::SETTING_ACUTE);
  opening->set_local_authority(plan.local_authority);
  opening->set_icb("QXX");
  opening->mutable_admitted_at()->set_seconds(plan.admitted_at);
  opening->set_admission_method(v1::ADMISSION_METHOD_EMERGENCY);
  opening->set_notice_exclusion(v1::NOTICE_EXCLUSION_NONE);
  return command;
}

// A RecordEvent at `at`; the caller sets the event.
CaseCommand Record(const CasePlan& plan, const std::string& label, int64_t at) {
  CaseCommand command;
  command.kind = CommandKind::kRecordEvent;
  command.label = label;
  command.request_id = "crash-" + plan.spell + "-" + std::to_string(plan.steps.size());
  command.record.set_request_id(command.request_id);
  command.record.set_actor("nurse");
  command.record.mutable_occurred_at()->set_seconds(at);
  return command;
}

// An AssignParty at `at` (0: unset, the server's now).
CaseCommand Assign(const CasePlan& plan, v1::Role role, const std::string& party, int64_t at) {
  CaseCommand command;
  command.kind = CommandKind::kAssignParty;
  command.label = "assign";
  command.request_id = "crash-" + plan.spell + "-" + std::to_string(plan.steps.size());
  command.assign.set_request_id(command.request_id);
  command.assign.set_actor("hub-lead");
  command.assign.set_role(role);
  command.assign.set_party(party);
  if (at != 0) command.assign.mutable_occurred_at()->set_seconds(at);
  return command;
}

v1::Date DateOf(int64_t unix_seconds) {
  std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  v1::Date date;
  date.set_year(parts.tm_year + 1900);
  date.set_month(parts.tm_mon + 1);
  date.set_day(parts.tm_mday);
  return date;
}

// Opening, parties, ward, EDD, readiness, pathway, delay reason, discharge: two minutes apart.
void PlanOrdinary(CasePlan& plan, int64_t start) {
  int64_t at = plan.admitted_at;
  auto next = [&] { return at += 120; };
  plan.steps.push_back(Create(plan));
  plan.steps.push_back(
      Assign(plan, v1::ROLE_WARD_DISCHARGE_COORDINATOR, "nurse-" + plan.spell, next()));
  CaseCommand ward = Record(plan, "ward_transferred", next());
  ward.record.mutable_event()->mutable_ward_transferred()->set_ward("W2");
  plan.steps.push_back(ward);
  CaseCommand edd = Record(plan, "expected_discharge_date_set", next());
  *edd.record.mutable_event()
       ->mutable_expected_discharge_date_set()
       ->mutable_expected_discharge_date() = DateOf(start + 2 * 24 * kHour);
  plan.steps.push_back(edd);
  CaseCommand ready = Record(plan, "ready_for_discharge", next());
  ready.record.mutable_event()->mutable_ready_for_discharge();
  plan.steps.push_back(ready);
  CaseCommand pathway = Record(plan, "pathway_agreed", next());
  pathway.record.mutable_event()->mutable_pathway_agreed()->set_pathway(v1::PATHWAY_1);
  plan.steps.push_back(pathway);
  CaseCommand reason = Record(plan, "delay_reason_recorded", next());
  // Awaiting CHC, attributed to social care: raises the CHC delay coding check alert.
  reason.record.mutable_event()->mutable_delay_reason_recorded()->set_dtoc(v1::DTOC_REASON_E);
  reason.record.mutable_event()->mutable_delay_reason_recorded()->set_nctr(
      v1::NCTR_REASON_AWAITING_CHC_DECISION);
  reason.record.mutable_event()->mutable_delay_reason_recorded()->set_attribution(
      v1::ATTRIBUTION_SOCIAL_CARE);
  plan.steps.push_back(reason);
  plan.steps.push_back(Assign(plan, v1::ROLE_LA_SOCIAL_WORKER, "sw-" + plan.spell, next()));
  CaseCommand discharged = Record(plan, "discharged", next());
  discharged.record.mutable_event()->mutable_discharged()->set_destination("home");
  plan.steps.push_back(discharged);
}

// Everything after the opening happens after the deadline's due time, so that the scheduler's
// deadline_elapsed (recorded at its due time, or at the case's latest event) never makes a
// later command "before the previous event".
void PlanOverdue(CasePlan& plan) {
  int64_t at = plan.edd_due;
  auto next = [&] { return at += 20; };
  plan.steps.push_back(Create(plan));
  plan.steps.push_back(
      Assign(plan, v1::ROLE_WARD_DISCHARGE_COORDINATOR, "nurse-" + plan.spell, next()));
  CaseCommand ward = Record(plan, "ward_transferred", next());
  ward.record.mutable_event()->mutable_ward_transferred()->set_ward("W3");
  plan.steps.push_back(ward);
  CaseCommand ready = Record(plan, "ready_for_discharge", next());
  ready.record.mutable_event()->mutable_ready_for_discharge();
  plan.steps.push_back(ready);
  CaseCommand pathway = Record(plan, "pathway_agreed", next());
  pathway.record.mutable_event()->mutable_pathway_agreed()->set_pathway(v1::PATHWAY_2);
  plan.steps.push_back(pathway);
  plan.steps.push_back(Assign(plan, v1::ROLE_CARE_TRANSFER_HUB, "hub-" + plan.spell, next()));
}

// The deadline may fire before, between or after these, so they carry no time of their own.
void PlanFallingDue(CasePlan& plan) {
  plan.steps.push_back(Create(plan));
  plan.steps.push_back(Assign(plan, v1::ROLE_WARD_DISCHARGE_COORDINATOR, "nurse-" + plan.spell, 0));
  plan.steps.push_back(Assign(plan, v1::ROLE_CARE_TRANSFER_HUB, "hub-" + plan.spell, 0));
  plan.steps.push_back(Assign(plan, v1::ROLE_LA_SOCIAL_WORKER, "sw-" + plan.spell, 0));
}

}  // namespace

CasePlan MakeCasePlan(CaseKind kind, const std::string& spell, int64_t start,
                      int64_t falling_due_within, std::mt19937_64& random) {
  CasePlan plan;
  plan.kind = kind;
  plan.spell = spell;
  plan.local_authority = kAuthorities[static_cast<size_t>(Uniform(random, 0, 1))];
  switch (kind) {
    case CaseKind::kOrdinary:
      plan.admitted_at = start - kHour - Uniform(random, 0, 1800);
      break;
    case CaseKind::kOverdue:
      plan.admitted_at = start - kEddClock - Uniform(random, 10 * 60, 40 * 60);
      break;
    case CaseKind::kFallingDue:
      plan.admitted_at = start - kEddClock + Uniform(random, 1, falling_due_within);
      break;
  }
  plan.edd_due = plan.admitted_at + kEddClock;
  switch (kind) {
    case CaseKind::kOrdinary:
      PlanOrdinary(plan, start);
      break;
    case CaseKind::kOverdue:
      PlanOverdue(plan);
      break;
    case CaseKind::kFallingDue:
      PlanFallingDue(plan);
      break;
  }
  return plan;
}

void SetCaseId(CaseCommand& command, const std::string& case_id) {
  if (command.kind == CommandKind::kRecordEvent) command.record.set_case_id(case_id);
  if (command.kind == CommandKind::kAssignParty) command.assign.set_case_id(case_id);
}

}  // namespace tocflow::crash
