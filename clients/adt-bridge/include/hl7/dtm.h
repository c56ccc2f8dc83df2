// HL7 v2 date/time values (DTM, and the first component of TS).
//
// Accepted form: YYYYMMDD[HH[MM[SS[.S[S[S[S]]]]]]][+/-ZZZZ], i.e. 8, 10, 12 or 14 digits,
// fractional seconds only after 14 digits (truncated to the whole second), and an optional UTC
// offset. Without an offset the reading is Europe/London wall-clock time (GMT or BST as in force
// on that date; see workflow::FromLondon for the clock-change hours). Year-only and year-month
// values (4 or 6 digits) are refused: they do not name a day.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "workflow/time.h"

namespace hl7 {

enum class DtmPrecision { kDay, kHour, kMinute, kSecond };

struct Dtm {
  workflow::Timestamp instant;  // UTC, whole seconds
  DtmPrecision precision = DtmPrecision::kDay;
  bool has_offset = false;  // false: read as Europe/London local time
  int offset_minutes = 0;   // east of UTC; meaningful when has_offset
};

// INVALID_ARGUMENT (message says what is wrong, without naming a field: callers prefix it) for
// anything else, including impossible dates ("20130231"), hour 24, minute or second 60.
absl::StatusOr<Dtm> ParseDtm(std::string_view text);

// "20260605141000+0000": an instant as a 14-digit DTM in UTC, for messages tocflow writes.
std::string FormatDtmUtc(workflow::Timestamp t);

}  // namespace hl7
