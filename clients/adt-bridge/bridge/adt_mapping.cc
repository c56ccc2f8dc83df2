// ADT -> tocflow.v1 requests (rules in adt_mapping.h).
#include "bridge/adt_mapping.h"

#include <optional>
#include <string>

#include "absl/status/status.h"

namespace tocflow::adt {
namespace {

google::protobuf::Timestamp Wire(workflow::Timestamp t) {
  google::protobuf::Timestamp out;
  out.set_seconds(workflow::ToUnixSeconds(t));
  return out;
}

std::string PercentEncode(const std::string& part) {
  std::string out;
  for (char c : part) {
    if (c == '%') {
      out += "%25";
    } else if (c == '|') {
      out += "%7C";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

workflow::Timestamp FirstOf(const std::optional<hl7::Dtm>& preferred, const hl7::AdtMessage& adt,
                            workflow::Timestamp receipt) {
  if (preferred) return preferred->instant;
  if (adt.event_time) return adt.event_time->instant;
  return receipt;
}

workflow::Timestamp OccurredAt(const hl7::AdtMessage& adt, workflow::Timestamp receipt) {
  return FirstOf(adt.trigger == "A03" ? adt.discharge_time : std::nullopt, adt, receipt);
}

// The NHS number check of events on an existing case.
absl::Status CheckSamePatient(const hl7::AdtMessage& adt, const v1::Case& current) {
  switch (adt.nhs_number_status) {
    case hl7::NhsNumberStatus::kAbsent:
      return absl::OkStatus();
    case hl7::NhsNumberStatus::kInvalid:
      return absl::InvalidArgumentError("PID-3: the NHS number is not a valid NHS number");
    case hl7::NhsNumberStatus::kValid:
      break;
  }
  const std::string& known = current.facts().identity().nhs_number();
  if (!known.empty() && known != adt.nhs_number) {
    return absl::InvalidArgumentError(
        "PID-3: the NHS number differs from the one of the case of this visit (PV1-19)");
  }
  return absl::OkStatus();
}

bool IsAt(const hl7::Location& to, const v1::CaseIdentity& identity) {
  if (to.point_of_care != identity.ward()) return false;
  if (!to.bed.empty() && to.bed != identity.bed()) return false;
  if (!to.facility.empty() && to.facility != identity.site()) return false;
  return true;
}

Plan Nothing(std::string note) {
  Plan plan;
  plan.kind = Plan::Kind::kNothing;
  plan.note = std::move(note);
  return plan;
}

}  // namespace

std::string RequestIdFor(const hl7::AdtMessage& adt) {
  return "hl7:" + PercentEncode(adt.sending_application) + "|" +
         PercentEncode(adt.sending_facility) + "|" + PercentEncode(adt.control_id);
}

v1::AdmissionMethod AdmissionMethodFor(const std::string& admission_type,
                                       v1::AdmissionMethod fallback) {
  const std::string& t = admission_type;
  if (t.empty()) return fallback;
  if (t == "E" || t == "A" || t == "U") return v1::ADMISSION_METHOD_EMERGENCY;
  if (t == "C" || t == "R") return v1::ADMISSION_METHOD_ELECTIVE;
  if (t.size() == 2 && t[0] == '2' &&
      ((t[1] >= '1' && t[1] <= '8') || (t[1] >= 'A' && t[1] <= 'D'))) {
    return v1::ADMISSION_METHOD_EMERGENCY;
  }
  if (t == "11" || t == "12" || t == "13") return v1::ADMISSION_METHOD_ELECTIVE;
  if (t == "81") return v1::ADMISSION_METHOD_TRANSFER;
  if (t == "L" || t == "N" || t == "31" || t == "32" || t == "82" || t == "83") {
    return v1::ADMISSION_METHOD_OTHER;
  }
  return fallback;
}

bool NeedsExistingCase(const hl7::AdtMessage& adt) { return adt.trigger != "A01"; }

absl::StatusOr<Plan> PlanAdmission(const hl7::AdtMessage& adt, const MappingDefaults& defaults,
                                   workflow::Timestamp receipt) {
  if (adt.nhs_number_status == hl7::NhsNumberStatus::kInvalid) {
    return absl::InvalidArgumentError("PID-3: the NHS number is not a valid NHS number");
  }
  if (adt.local_patient_id.empty()) {
    return absl::InvalidArgumentError("PID-3: no local patient identifier (MRN)");
  }
  Plan plan;
  plan.kind = Plan::Kind::kCreate;
  v1::CreateCaseRequest& request = plan.create;
  request.set_request_id(RequestIdFor(adt));
  request.set_actor(defaults.actor);
  v1::CaseOpened* opening = request.mutable_opening();
  if (adt.nhs_number_status == hl7::NhsNumberStatus::kValid) {
    opening->set_nhs_number(adt.nhs_number);
  } else {
    opening->set_nhs_number_untraced(true);
  }
  opening->set_local_patient_id(adt.local_patient_id);
  opening->set_spell_id(adt.visit_number);
  opening->set_provider_ods(defaults.provider_ods);
  opening->set_site(adt.location.facility);
  opening->set_ward(adt.location.point_of_care);
  opening->set_bed(adt.location.bed);
  opening->set_setting(defaults.setting);
  opening->set_local_authority(defaults.local_authority);
  opening->set_icb(defaults.icb);
  *opening->mutable_admitted_at() = Wire(FirstOf(adt.admit_time, adt, receipt));
  opening->set_admission_method(AdmissionMethodFor(adt.admission_type, defaults.admission_method));
  opening->set_notice_exclusion(defaults.notice_exclusion);
  opening->set_rule_set(defaults.rule_set);
  return plan;
}

absl::StatusOr<Plan> PlanCaseEvent(const hl7::AdtMessage& adt, const v1::Case& current,
                                   const MappingDefaults& defaults, workflow::Timestamp receipt) {
  if (absl::Status same = CheckSamePatient(adt, current); !same.ok()) return same;
  const v1::CaseIdentity& identity = current.facts().identity();
  const bool ended = current.closed() || current.facts().stay().has_discharged_at();

  Plan plan;
  plan.kind = Plan::Kind::kRecord;
  v1::RecordEventRequest& request = plan.record;
  request.set_case_id(current.case_id());
  request.set_request_id(RequestIdFor(adt));
  request.set_actor(defaults.actor);
  *request.mutable_occurred_at() = Wire(OccurredAt(adt, receipt));
  v1::Event* event = request.mutable_event();

  const std::string& trigger = adt.trigger;
  if (trigger == "A02" || trigger == "A08" || trigger == "A12") {
    if (adt.location.point_of_care.empty()) {
      if (trigger == "A08") return Nothing("no location in PV1-3: nothing to record");
      return absl::InvalidArgumentError("PV1-3: the ward (PV1-3.1) is missing");
    }
    if (trigger == "A08" && ended) {
      return Nothing("the case is discharged or closed: update not recorded");
    }
    if (trigger != "A02" && IsAt(adt.location, identity)) {
      return Nothing("the case is already at this location: nothing to record");
    }
    v1::WardTransferred* moved = event->mutable_ward_transferred();
    moved->set_site(adt.location.facility);
    moved->set_ward(adt.location.point_of_care);
    moved->set_bed(adt.location.bed);
  } else if (trigger == "A03") {
    event->mutable_discharged();
  } else if (trigger == "A11") {
    event->mutable_admission_cancelled();
  } else if (trigger == "A13") {
    event->mutable_discharge_cancelled();
  } else {
    return absl::UnimplementedError("MSH-9: trigger " + trigger + " has no case event");
  }
  return plan;
}

}  // namespace tocflow::adt
