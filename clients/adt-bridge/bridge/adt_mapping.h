// The pure ADT -> tocflow.v1 mapping of tocflow-adt: from an extracted HL7 ADT message (and, for
// events on an existing case, that case as GetCase returned it) to the gRPC request to send.
// No I/O and no clock: the receipt time is passed in. The rules (README "Domain rules", HL7):
//
//   A01 admit            -> CreateCase (site PV1-3.4, ward PV1-3.1, bed PV1-3.3, admitted_at)
//   A02 transfer         -> RecordEvent ward_transferred to PV1-3
//   A03 discharge        -> RecordEvent discharged
//   A11 cancel admit     -> RecordEvent admission_cancelled
//   A13 cancel discharge -> RecordEvent discharge_cancelled
//   A12 cancel transfer  -> ward_transferred back to PV1-3 (where the patient is again), or
//                           nothing when the case is already there
//   A08 update           -> ward_transferred when PV1-3 names another location than the case's
//                           (another ward, or a bed / site given and different), else nothing;
//                           nothing either on a discharged or closed case
//
// Times (occurred_at): A01 admitted_at is PV1-44; A03 is PV1-45; then EVN-6 (event occurred),
// then EVN-2 (recorded), then the receipt time. The sender's times are used so that a resent
// or delayed message keeps its place in the case's history; the server refuses (AE) an event
// older than the case's latest one.
//
// Identity: the NHS number is PID-3 typed NH (hl7/adt.h). On A01 an invalid one is refused and
// an absent one opens the case as "untraced"; on other events an invalid one, or a valid one
// that differs from the case's, is refused (a wrong-patient guard).
//
// Errors are absl::Status with the codes the server would use, the message starting with the
// HL7 place ("PV1-3: ...") when there is one: INVALID_ARGUMENT for content the mapping cannot
// use. They become AE (see ack_policy.h).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hl7/adt.h"
#include "tocflow/v1/cases.pb.h"
#include "workflow/time.h"

namespace tocflow::adt {

namespace v1 = ::tocflow::v1;

// What the bridge fills in that ADT does not carry (from the command line).
struct MappingDefaults {
  std::string provider_ods;     // the hospital's ODS code; required
  std::string local_authority;  // responsible LA (ONS code)
  std::string icb;              // ICB code
  v1::Setting setting = v1::SETTING_ACUTE;
  // Used when PV1-4 (admission type) is empty or not a known code.
  v1::AdmissionMethod admission_method = v1::ADMISSION_METHOD_OTHER;
  v1::NoticeExclusion notice_exclusion = v1::NOTICE_EXCLUSION_NONE;
  v1::RuleSet rule_set = v1::RULE_SET_UNSPECIFIED;  // the server's default
  std::string actor = "hl7-adt";                    // recorded as the actor of every command
};

// What to send for one message.
struct Plan {
  enum class Kind {
    kCreate,   // send `create`
    kRecord,   // send `record`
    kNothing,  // accepted, nothing to record; `note` says why
  };
  Kind kind = Kind::kNothing;
  v1::CreateCaseRequest create;
  v1::RecordEventRequest record;
  std::string note;
};

// The request id that makes a message idempotent on the server: "hl7:" + MSH-3 + "|" + MSH-4 +
// "|" + MSH-10, each part with '%' and '|' percent-encoded, so that a resent message (same
// sender, same control id) maps to the same id, also across bridge restarts.
std::string RequestIdFor(const hl7::AdtMessage& adt);

// PV1-4 (HL7 table 0007, or the NHS admission method code) as an admission method: E, A, U and
// 21-28/2A-2D emergency; C, R and 11-13 elective; 81 transfer; L, N, 31, 32 and others: other.
// `fallback` when empty or unknown.
v1::AdmissionMethod AdmissionMethodFor(const std::string& admission_type,
                                       v1::AdmissionMethod fallback);

// True for the triggers that act on an existing case (all but A01).
bool NeedsExistingCase(const hl7::AdtMessage& adt);

// A01: the CreateCase request. INVALID_ARGUMENT for an invalid NHS number, no local patient id.
absl::StatusOr<Plan> PlanAdmission(const hl7::AdtMessage& adt, const MappingDefaults& defaults,
                                   workflow::Timestamp receipt);

// A02, A03, A08, A11, A12, A13 on `current` (the case of the spell, as GetCase returned it).
// INVALID_ARGUMENT for a bad or mismatching NHS number, a transfer with no ward.
absl::StatusOr<Plan> PlanCaseEvent(const hl7::AdtMessage& adt, const v1::Case& current,
                                   const MappingDefaults& defaults, workflow::Timestamp receipt);

}  // namespace tocflow::adt
