// Private to tocflow::wire: reads the fields of one wire message into a domain struct and keeps
// the first error, so that a decoder is a flat list of reads followed by one status check.
//
// A FieldReader is cheap, single-threaded and used for one message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "field_error.h"
#include "wire/enum_codec.h"
#include "wire/time_codec.h"

namespace tocflow::wire::internal {

class FieldReader {
 public:
  // `prefix` is the path of the message read, e.g. "event.case_opened".
  explicit FieldReader(std::string prefix) : prefix_(std::move(prefix)) {}

  // A required enum: UNSPECIFIED or unknown is an error.
  template <typename Wire, typename Domain>
  void Enum(Wire value, std::string_view name, Domain* out) {
    if (!status_.ok()) return;
    auto decoded = FromWire(value, Path(name));
    if (decoded.ok()) {
      *out = *decoded;
    } else {
      status_ = decoded.status();
    }
  }

  // An optional enum: UNSPECIFIED is nullopt, unknown is an error.
  template <typename Wire, typename Domain>
  void OptionalEnum(Wire value, std::string_view name, std::optional<Domain>* out) {
    if (!status_.ok()) return;
    auto decoded = OptionalFromWire(value, Path(name));
    if (decoded.ok()) {
      *out = *decoded;
    } else {
      status_ = decoded.status();
    }
  }

  // A required message field (Date or Timestamp): unset or malformed is an error.
  template <typename WireMessage, typename Domain>
  void Required(bool present, const WireMessage& value, std::string_view name, Domain* out) {
    if (!status_.ok()) return;
    if (!present) {
      status_ = MissingField(Path(name));
      return;
    }
    auto decoded = FromWire(value, Path(name));
    if (decoded.ok()) {
      *out = *decoded;
    } else {
      status_ = decoded.status();
    }
  }

  std::string Path(std::string_view name) const { return FieldPath(prefix_, name); }
  bool ok() const { return status_.ok(); }
  // The first error, or OK.
  const absl::Status& status() const { return status_; }

 private:
  std::string prefix_;
  absl::Status status_;
};

}  // namespace tocflow::wire::internal
