#include "hl7/patient_ids.h"

#include <initializer_list>
#include <string>
#include <string_view>

#include "values.h"
#include "workflow/nhs_number.h"

namespace hl7 {
namespace {

using internal::EqualsIgnoreCase;
using internal::Value;

constexpr int kPid3PatientIdList = 3;
constexpr int kPid4AlternateId = 4;
constexpr int kCxId = 1;
constexpr int kCxAuthority = 4;
constexpr int kCxType = 5;

bool IsAnyOf(std::string_view value, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (EqualsIgnoreCase(value, o)) return true;
  }
  return false;
}

bool IsNhsRepetition(const Segment& pid, int field, int rep) {
  const std::string type = Value(&pid, field, rep, kCxType);
  const std::string authority = Value(&pid, field, rep, kCxAuthority);
  return IsAnyOf(type, {"NH", "HN", "NHS", "NHSNBR", "NHSNMBR"}) ||
         IsAnyOf(authority, {"NHS", "NHSNBR", "NHSNMBR"});
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

// Fills the NHS number from `field`; false when no repetition there is NHS-typed.
bool FindNhsNumber(const Segment& pid, int field, PatientIdentifiers* ids) {
  bool found = false;
  for (int rep = 1; rep <= pid.RepetitionCount(field); ++rep) {
    if (!IsNhsRepetition(pid, field, rep)) continue;
    const std::string value = WithoutSpaces(Value(&pid, field, rep, kCxId));
    if (value.empty()) continue;
    if (!found) {
      found = true;
      ids->nhs_number = value;
      ids->nhs_number_status =
          workflow::IsValidNhsNumber(value) ? NhsNumberStatus::kValid : NhsNumberStatus::kInvalid;
    } else if (value != ids->nhs_number) {
      ids->conflicting_nhs_numbers = true;
    }
  }
  return found;
}

}  // namespace

PatientIdentifiers SelectPatientIdentifiers(const Segment* pid) {
  PatientIdentifiers ids;
  if (pid == nullptr) return ids;
  if (!FindNhsNumber(*pid, kPid3PatientIdList, &ids)) FindNhsNumber(*pid, kPid4AlternateId, &ids);

  const int reps = pid->RepetitionCount(kPid3PatientIdList);
  int chosen = 0;
  for (int rep = 1; rep <= reps && chosen == 0; ++rep) {
    if (IsAnyOf(Value(pid, kPid3PatientIdList, rep, kCxType), {"MR", "MRN", "PI"}) &&
        !Value(pid, kPid3PatientIdList, rep, kCxId).empty()) {
      chosen = rep;
    }
  }
  for (int rep = 1; rep <= reps && chosen == 0; ++rep) {
    if (!IsNhsRepetition(*pid, kPid3PatientIdList, rep) &&
        !Value(pid, kPid3PatientIdList, rep, kCxId).empty()) {
      chosen = rep;
    }
  }
  if (chosen != 0) {
    ids.local_id = Value(pid, kPid3PatientIdList, chosen, kCxId);
    ids.local_authority = Value(pid, kPid3PatientIdList, chosen, kCxAuthority);
  }
  return ids;
}

}  // namespace hl7
