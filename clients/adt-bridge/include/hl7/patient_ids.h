// Choosing the NHS number and the local patient id among the PID-3 repetitions (and PID-4, the
// alternate id, when PID-3 holds no NHS number). The rules are the ones stated in hl7/adt.h;
// they are exposed on their own so that non-ADT-event messages (A28, A31) can use them too.
#pragma once

#include <string>

#include "hl7/message.h"

namespace hl7 {

enum class NhsNumberStatus {
  kAbsent,   // no identifier typed as an NHS number
  kValid,    // ten digits passing Modulus 11
  kInvalid,  // present but not a valid NHS number (wrong length, characters or check digit)
};

struct PatientIdentifiers {
  std::string nhs_number;  // CX.1 with spaces removed; "" when kAbsent
  NhsNumberStatus nhs_number_status = NhsNumberStatus::kAbsent;
  bool conflicting_nhs_numbers = false;  // a later NHS-typed repetition held a different value
  std::string local_id;                  // CX.1 of the chosen local repetition
  std::string local_authority;           // its CX.4.1
};

// `pid` may be nullptr (everything absent). Never fails.
PatientIdentifiers SelectPatientIdentifiers(const Segment* pid);

}  // namespace hl7
