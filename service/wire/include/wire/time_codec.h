// Instants and calendar dates between libworkflow (workflow::Timestamp, workflow::Date) and the
// wire (google.protobuf.Timestamp, tocflow.v1.Date).
//
// Every function is pure and thread-safe. Decoding never crashes on bad input: it returns
// INVALID_ARGUMENT with a message that starts with the `field` path given, e.g.
// "event.case_opened.admitted_at: nanos 1000000000 out of range 0..999999999".
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "tocflow/v1/common.pb.h"
#include "workflow/time.h"

namespace tocflow::wire {

// Whole seconds; nanos 0.
google::protobuf::Timestamp ToWire(workflow::Timestamp time);

// The instant, rounded down to the whole second (libworkflow keeps seconds). INVALID_ARGUMENT
// when seconds fall outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z or nanos outside
// 0..999,999,999 (the google.protobuf.Timestamp rules).
absl::StatusOr<workflow::Timestamp> FromWire(const google::protobuf::Timestamp& time,
                                             std::string_view field);

// {year, month, day} of the date.
tocflow::v1::Date ToWire(workflow::Date date);

// The date. INVALID_ARGUMENT when year is not 1..9999, month not 1..12 or the day not in the
// month (so an all-zero Date is refused).
absl::StatusOr<workflow::Date> FromWire(const tocflow::v1::Date& date, std::string_view field);

}  // namespace tocflow::wire
