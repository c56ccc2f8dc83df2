// Command-line flags for protobuf message fields, read from the descriptors (protobuf
// reflection): `--pathway 1`, `--scores.mobility B`, `--admitted_at "2026-10-03 14:00"`.
// This is how `tocflow event` and `tocflow case open` accept every event type and field without
// restating them. Pure: no I/O.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "tocflow/v1/events.pb.h"

namespace tocflow::cli {

// A field that takes one value on the command line: its dotted name from the top message and
// the fields leading to it. tocflow.v1.Date and google.protobuf.Timestamp are single values;
// other message fields are opened up into their own fields ("scores.mobility").
struct FieldPath {
  std::string name;
  std::vector<const google::protobuf::FieldDescriptor*> chain;
};

// Every settable field of `type`, in declaration order, nested messages expanded.
std::vector<FieldPath> LeafFields(const google::protobuf::Descriptor* type);
// What a field's value looks like: "TEXT", "NUMBER", "true|false", "DATE", "TIME", or the enum's
// short names ("0|1|2|3").
std::string ValueHint(const google::protobuf::FieldDescriptor* field);
// One line per field: "  --name VALUE_HINT"; "  (no fields)" when there are none.
std::string DescribeFields(const google::protobuf::Descriptor* type);

// Sets one field from its text (see format.h for the accepted dates, times and enum names).
// Errors: INVALID_ARGUMENT naming the flag and what it accepts.
absl::Status SetField(google::protobuf::Message* message, const FieldPath& path,
                      std::string_view text);

// Reads "--name value", "--name=value" and, for a true/false field, a bare "--name" into
// `message`. Returns the arguments that are not flags, in order.
// Errors: INVALID_ARGUMENT for an unknown flag (naming every valid one), a missing or bad value,
// or a field given twice.
absl::StatusOr<std::vector<std::string>> ApplyFieldFlags(const std::vector<std::string>& args,
                                                         google::protobuf::Message* message);

// The event types: the fields of tocflow.v1.Event's oneof, in declaration order.
std::vector<const google::protobuf::FieldDescriptor*> EventTypes();
// The event type with this name ('-' read as '_'); nullptr when there is none.
const google::protobuf::FieldDescriptor* FindEventType(std::string_view name);
// An Event of `type` with its fields read from `args` by ApplyFieldFlags; the leftover
// non-flag arguments go to `positionals`.
absl::StatusOr<tocflow::v1::Event> BuildEvent(const google::protobuf::FieldDescriptor* type,
                                              const std::vector<std::string>& args,
                                              std::vector<std::string>* positionals);

}  // namespace tocflow::cli
