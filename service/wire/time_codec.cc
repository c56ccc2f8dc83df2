#include "wire/time_codec.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "field_error.h"

namespace tocflow::wire {
namespace {

// The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;
constexpr int32_t kMaxNanos = 999999999;

}  // namespace

google::protobuf::Timestamp ToWire(workflow::Timestamp time) {
  google::protobuf::Timestamp wire;
  wire.set_seconds(workflow::ToUnixSeconds(time));
  return wire;
}

absl::StatusOr<workflow::Timestamp> FromWire(const google::protobuf::Timestamp& time,
                                             std::string_view field) {
  if (time.seconds() < kMinSeconds || time.seconds() > kMaxSeconds) {
    return internal::InvalidField(
        field, absl::StrCat("seconds ", time.seconds(), " out of range ", kMinSeconds, "..",
                            kMaxSeconds, " (years 0001..9999)"));
  }
  if (time.nanos() < 0 || time.nanos() > kMaxNanos) {
    return internal::InvalidField(
        field, absl::StrCat("nanos ", time.nanos(), " out of range 0..", kMaxNanos));
  }
  // Nanos are never negative, so dropping them rounds down.
  return workflow::FromUnixSeconds(time.seconds());
}

tocflow::v1::Date ToWire(workflow::Date date) {
  tocflow::v1::Date wire;
  wire.set_year(date.year());
  wire.set_month(date.month());
  wire.set_day(date.day());
  return wire;
}

absl::StatusOr<workflow::Date> FromWire(const tocflow::v1::Date& date, std::string_view field) {
  if (date.year() < 1 || date.year() > 9999) {
    return internal::InvalidField(field,
                                  absl::StrCat("year ", date.year(), " out of range 1..9999"));
  }
  if (date.month() < 1 || date.month() > 12) {
    return internal::InvalidField(field,
                                  absl::StrCat("month ", date.month(), " out of range 1..12"));
  }
  const int last_day = workflow::DaysInMonth(date.year(), date.month());
  if (date.day() < 1 || date.day() > last_day) {
    return internal::InvalidField(
        field, absl::StrCat("day ", date.day(), " out of range 1..", last_day, " for ", date.year(),
                            "-", date.month()));
  }
  return workflow::Date::FromYmd(date.year(), date.month(), date.day());
}

}  // namespace tocflow::wire
