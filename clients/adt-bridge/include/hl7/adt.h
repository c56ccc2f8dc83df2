// ADT extraction: the facts tocflow needs from a parsed HL7 v2 ADT message, as a plain struct.
//
// Supported: message type ADT with trigger A01 (admit), A02 (transfer), A03 (discharge), A08
// (update), A11 (cancel admit), A12 (cancel transfer), A13 (cancel discharge), and the versions
// in AdtOptions (by default 2.3, 2.3.1, 2.4, 2.5, 2.5.1).
//
// Decisions (real feeds differ; these are the rules):
//   - Trigger: MSH-9.2; EVN-1 only when MSH-9.2 is empty. When both are present and differ,
//     MSH-9.2 wins and a warning is recorded.
//   - NHS number: the first repetition of PID-3 whose identifier type (CX.5) is NH, HN, NHS,
//     NHSNBR or NHSNMBR, or whose assigning authority (CX.4.1) is NHS, NHSNBR or NHSNMBR
//     (case-insensitive), never chosen by position. When PID-3 has none, PID-4 (the alternate
//     id, used that way by iPM feeds) is searched by the same rule. Spaces inside the value
//     are removed ("652 639 8685"). PID-2 and PID-19 (where some Cerner feeds put it) are not
//     read: they are other fields by the standard. The result is checked with
//     workflow::IsValidNhsNumber and an invalid one is reported (kInvalid), never dropped.
//   - Local patient id: the first PID-3 repetition typed MR, MRN or PI; failing that, the first
//     non-empty repetition that is not the NHS number.
//   - HL7 null ("") counts as empty everywhere; extracted values are trimmed of surrounding
//     spaces and tabs (several feeds pad fields).
//   - PV1 and PV1-19 (the visit number, tocflow's spell key) are required.
//   - Timestamps: see dtm.h; a malformed PV1-44/PV1-45/EVN time is an error, not ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hl7/dtm.h"
#include "hl7/message.h"
#include "hl7/patient_ids.h"

namespace hl7 {

// A PV1-3 style location (PL data type).
struct Location {
  std::string point_of_care;  // PL.1: the ward
  std::string room;           // PL.2
  std::string bed;            // PL.3
  std::string facility;       // PL.4 (HD.1), e.g. an ODS site code
  std::string description;    // PL.9
};

struct AdtMessage {
  std::string control_id;             // MSH-10
  std::string message_type;           // MSH-9.1, "ADT"
  std::string trigger;                // "A01"...
  std::string version;                // MSH-12.1
  std::string sending_application;    // MSH-3.1
  std::string sending_facility;       // MSH-4.1
  std::string receiving_application;  // MSH-5.1
  std::string receiving_facility;     // MSH-6.1

  std::string nhs_number;  // CX.1 with spaces removed; "" when kAbsent
  NhsNumberStatus nhs_number_status = NhsNumberStatus::kAbsent;
  std::string local_patient_id;            // CX.1 of the chosen repetition
  std::string local_patient_id_authority;  // its CX.4.1

  std::string visit_number;           // PV1-19.1, never empty
  std::string patient_class;          // PV1-2.1 of the first non-empty repetition (I, O, E...)
  std::string admission_type;         // PV1-4.1 likewise ("~I" gives "I")
  Location location;                  // PV1-3
  Location prior_location;            // PV1-6 (transfers)
  std::optional<Dtm> admit_time;      // PV1-44
  std::optional<Dtm> discharge_time;  // PV1-45
  std::optional<Dtm> event_time;      // EVN-6 (event occurred), else EVN-2 (recorded)

  // Things accepted but worth logging: trigger mismatch, escape sequences kept literally...
  std::vector<std::string> warnings;
};

struct AdtOptions {
  std::vector<std::string> supported_versions = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"};
};

// Extracts an AdtMessage. Errors:
//   INVALID_ARGUMENT naming segment and field ("PV1-19: visit number missing", "PV1-44: ...")
//     for missing or malformed content: MSH-9, MSH-10, MSH-12, PID, PV1, PV1-19, timestamps;
//   UNIMPLEMENTED for a message type other than ADT, a trigger not listed above, or a version
//     not in options.supported_versions (checked after MSH-9/10/12 are found present).
absl::StatusOr<AdtMessage> ExtractAdt(const Message& message, const AdtOptions& options = {});

}  // namespace hl7
