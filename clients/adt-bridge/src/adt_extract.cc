// ExtractAdt: from a parsed message to an AdtMessage (rules in hl7/adt.h).
#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "hl7/adt.h"
#include "values.h"

namespace hl7 {
namespace {

using internal::Value;

constexpr const char* kSupportedTriggers[] = {"A01", "A02", "A03", "A08", "A11", "A12", "A13"};

Location ReadLocation(const Segment* pv1, int field) {
  Location loc;
  loc.point_of_care = Value(pv1, field, 1, 1);
  loc.room = Value(pv1, field, 1, 2);
  loc.bed = Value(pv1, field, 1, 3);
  loc.facility = Value(pv1, field, 1, 4);
  loc.description = Value(pv1, field, 1, 9);
  return loc;
}

// The first non-empty repetition's first component ("~I" reads as "I").
std::string FirstNonEmpty(const Segment* segment, int field) {
  for (int rep = 1; rep <= segment->RepetitionCount(field); ++rep) {
    std::string v = Value(segment, field, rep);
    if (!v.empty()) return v;
  }
  return {};
}

// Reads an optional timestamp; an empty field is nullopt, a malformed one an error naming it.
absl::Status ReadTime(const Segment* segment, int field, std::optional<Dtm>* out) {
  const std::string text = Value(segment, field);
  if (text.empty()) return absl::OkStatus();
  absl::StatusOr<Dtm> dtm = ParseDtm(text);
  if (!dtm.ok()) {
    return absl::InvalidArgumentError(std::string(segment->id()) + "-" + std::to_string(field) +
                                      ": " + std::string(dtm.status().message()));
  }
  *out = *dtm;
  return absl::OkStatus();
}

absl::Status ReadHeader(const Message& message, const AdtOptions& options, AdtMessage* adt) {
  const Segment& msh = message.msh();
  const Segment* evn = message.Find("EVN");
  adt->sending_application = Value(&msh, 3);
  adt->sending_facility = Value(&msh, 4);
  adt->receiving_application = Value(&msh, 5);
  adt->receiving_facility = Value(&msh, 6);
  adt->control_id = Value(&msh, 10);
  adt->message_type = Value(&msh, 9, 1, 1);
  adt->version = Value(&msh, 12, 1, 1);
  const std::string msh_trigger = Value(&msh, 9, 1, 2);
  const std::string evn_trigger = Value(evn, 1);
  adt->trigger = msh_trigger.empty() ? evn_trigger : msh_trigger;
  if (!msh_trigger.empty() && !evn_trigger.empty() && msh_trigger != evn_trigger) {
    adt->warnings.push_back("MSH-9.2 trigger " + msh_trigger + " differs from EVN-1 " +
                            evn_trigger + "; MSH-9.2 used");
  }

  if (adt->message_type.empty()) return absl::InvalidArgumentError("MSH-9: message type missing");
  if (adt->trigger.empty()) {
    return absl::InvalidArgumentError("MSH-9.2: trigger event missing (and no EVN-1)");
  }
  if (adt->control_id.empty()) return absl::InvalidArgumentError("MSH-10: control id missing");
  if (adt->version.empty()) return absl::InvalidArgumentError("MSH-12: version id missing");

  if (adt->message_type != "ADT") {
    return absl::UnimplementedError("MSH-9: message type " + adt->message_type +
                                    " is not supported (ADT only)");
  }
  if (std::find(std::begin(kSupportedTriggers), std::end(kSupportedTriggers), adt->trigger) ==
      std::end(kSupportedTriggers)) {
    return absl::UnimplementedError("MSH-9: trigger " + adt->trigger +
                                    " is not supported (A01 A02 A03 A08 A11 A12 A13)");
  }
  const auto& versions = options.supported_versions;
  if (std::find(versions.begin(), versions.end(), adt->version) == versions.end()) {
    return absl::UnimplementedError("MSH-12: version " + adt->version + " is not supported");
  }
  return ReadTime(evn, evn != nullptr && !Value(evn, 6).empty() ? 6 : 2, &adt->event_time);
}

}  // namespace

absl::StatusOr<AdtMessage> ExtractAdt(const Message& message, const AdtOptions& options) {
  AdtMessage adt;
  if (absl::Status s = ReadHeader(message, options, &adt); !s.ok()) return s;

  const Segment* pid = message.Find("PID");
  if (pid == nullptr) return absl::InvalidArgumentError("PID: segment missing");
  const PatientIdentifiers ids = SelectPatientIdentifiers(pid);
  adt.nhs_number = ids.nhs_number;
  adt.nhs_number_status = ids.nhs_number_status;
  adt.local_patient_id = ids.local_id;
  adt.local_patient_id_authority = ids.local_authority;
  if (ids.conflicting_nhs_numbers) {
    adt.warnings.push_back("PID-3: several different NHS numbers; the first was used");
  }

  const Segment* pv1 = message.Find("PV1");
  if (pv1 == nullptr) return absl::InvalidArgumentError("PV1: segment missing");
  adt.visit_number = Value(pv1, 19);
  if (adt.visit_number.empty()) {
    return absl::InvalidArgumentError("PV1-19: visit number missing");
  }
  adt.patient_class = FirstNonEmpty(pv1, 2);
  adt.admission_type = FirstNonEmpty(pv1, 4);
  adt.location = ReadLocation(pv1, 3);
  adt.prior_location = ReadLocation(pv1, 6);
  if (absl::Status s = ReadTime(pv1, 44, &adt.admit_time); !s.ok()) return s;
  if (absl::Status s = ReadTime(pv1, 45, &adt.discharge_time); !s.ok()) return s;
  return adt;
}

}  // namespace hl7
