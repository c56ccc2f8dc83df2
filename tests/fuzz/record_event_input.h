// The input format of record_event_fuzzer, shared with the seed writer so both agree:
//   byte 0: flags. bits 0-1 pick how far deadlines are fired after each applied event
//           (0, 1 hour, 1 day, 30 days); bits 2-3 the rule set of the default opening.
//   then, repeated: a 2-byte little-endian length and that many bytes of one serialized
//   message. Message 0 is a tocflow.v1.CreateCaseRequest, the rest RecordEventRequests.
// A truncated last message is cut to the bytes present. At most kMaxMessages are read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "workflow/events.h"
#include "workflow/rule_set.h"
#include "workflow/time.h"

namespace tocflow::fuzz {

inline constexpr size_t kMaxMessages = 64;

// An input split into its parts.
struct RecordEventInput {
  std::chrono::hours advance{0};
  workflow::RuleSetId rule_set = workflow::RuleSetId::kDischargeToAssess2022;
  std::vector<std::string> messages;
};

inline RecordEventInput SplitRecordEventInput(const uint8_t* data, size_t size) {
  RecordEventInput input;
  if (size == 0) return input;
  static constexpr int kAdvanceHours[] = {0, 1, 24, 24 * 30};
  input.advance = std::chrono::hours(kAdvanceHours[data[0] & 3]);
  static constexpr workflow::RuleSetId kRuleSets[] = {
      workflow::RuleSetId::kDischargeToAssess2022, workflow::RuleSetId::kCareAct2014,
      workflow::RuleSetId::kCcdda2003, workflow::RuleSetId::kCareAct2014};
  input.rule_set = kRuleSets[(data[0] >> 2) & 3];
  size_t pos = 1;
  while (pos + 2 <= size && input.messages.size() < kMaxMessages) {
    size_t length = data[pos] | (static_cast<size_t>(data[pos + 1]) << 8);
    pos += 2;
    if (length > size - pos) length = size - pos;
    input.messages.emplace_back(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
  }
  return input;
}

// Appends one length-prefixed message (the seed writer's half of the format).
inline void AppendMessage(std::string& out, const std::string& message) {
  out.push_back(static_cast<char>(message.size() & 0xff));
  out.push_back(static_cast<char>((message.size() >> 8) & 0xff));
  out += message;
}

// A valid acute emergency admission at 09:00 UTC on Monday 2 March 2026.
inline workflow::Event DefaultOpening(workflow::RuleSetId rule_set) {
  workflow::CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN001";
  opening.spell_id = "V100";
  opening.provider_ods = "RRV";
  opening.site = "Main";
  opening.ward = "Ward 7";
  opening.bed = "12";
  opening.setting = workflow::Setting::kAcute;
  opening.local_authority = "E09000007";
  opening.icb = "QMJ";
  opening.admitted_at = workflow::FromUnixSeconds(1772442000);
  opening.admission_method = workflow::AdmissionMethod::kEmergency;
  opening.rule_set = rule_set;
  return workflow::Event{"fuzz", opening.admitted_at, opening};
}

}  // namespace tocflow::fuzz
