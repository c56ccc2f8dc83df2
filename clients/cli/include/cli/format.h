// How `tocflow` shows values to people and reads them from the command line: UK dates
// (dd/mm/yyyy, Europe/London), NHS numbers as 3-3-4, enum values by their short names.
// Pure functions, no I/O.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tocflow/v1/common.pb.h"

namespace tocflow::cli {

// "03/10/2026"; "" for an unset (all-zero) date.
std::string FormatUkDate(const tocflow::v1::Date& date);
// "03/10/2026 14:00" in Europe/London time; "" for an unset timestamp.
std::string FormatUkDateTime(const google::protobuf::Timestamp& t);
// "943 476 5919" for ten digits; anything else unchanged ("" stays "").
std::string FormatNhs(std::string_view digits);

// The short name of an enum value: its name without the prefix every value of the enum shares,
// lower-cased ("PATHWAY_1" -> "1", "ROLE_CHC_COORDINATOR" -> "chc_coordinator"); "" for the
// UNSPECIFIED value (0).
std::string EnumShortName(const google::protobuf::EnumDescriptor* type, int number);
// The short names of every value but UNSPECIFIED, separated by "|".
std::string EnumChoices(const google::protobuf::EnumDescriptor* type);
// Reads an enum value by full name ("PATHWAY_1") or short name ("1", "pathway_1" is also
// accepted), case-insensitively, '-' read as '_'. UNSPECIFIED is never accepted.
// Errors: INVALID_ARGUMENT naming the allowed values.
absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor* type, std::string_view text);

// Reads a date: "2026-10-03" or "03/10/2026". Errors: INVALID_ARGUMENT.
absl::StatusOr<tocflow::v1::Date> ParseDate(std::string_view text);
// Reads an instant: ISO 8601 with a zone ("2026-10-03T13:00:00Z", "...+01:00"), or a London
// wall-clock time without one ("2026-10-03 14:00", "2026-10-03T14:00:05", "03/10/2026 14:00"),
// or a bare date (00:00 London). Errors: INVALID_ARGUMENT.
absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(std::string_view text);
// Reads a month "2026-10" (or "10/2026") into year and month. Errors: INVALID_ARGUMENT.
absl::Status ParseMonth(std::string_view text, int* year, int* month);
// Reads a boolean: true/false, yes/no, y/n, 1/0, on/off. Errors: INVALID_ARGUMENT.
absl::StatusOr<bool> ParseBool(std::string_view text);

// "£130.00" from pence.
std::string FormatPounds(int64_t pence);

}  // namespace tocflow::cli
