#include "wire/enum_codec.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "field_error.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"

namespace tocflow::wire {
namespace {

// The domain enum's first value and number of values (libworkflow enums are dense).
struct Range {
  int first;
  int count;
};

template <typename Domain>
constexpr Range kRange = {0, workflow::kEnumSize<Domain>};
template <>
constexpr Range kRange<workflow::CriterionToReside> = {
    static_cast<int>(workflow::CriterionToReside::kCriticalCare),
    workflow::kEnumSize<workflow::CriterionToReside>};
template <>
constexpr Range kRange<workflow::RuleSetId> = {0, 3};
template <>
constexpr Range kRange<workflow::DeadlineKind> = {0, workflow::kDeadlineKindCount};
template <>
constexpr Range kRange<workflow::AlertKind> = {0, workflow::kAlertKindCount};
template <>
constexpr Range kRange<workflow::ReadyPeriodEnd> = {0, 5};

template <typename Wire, typename Domain>
Wire Encode(Domain value) {
  return static_cast<Wire>(static_cast<int>(value) - kRange<Domain>.first + 1);
}

// "required, one of A, B" or "unknown value 42, one of A, B".
template <typename Wire>
absl::Status Invalid(Wire value, std::string_view field) {
  const google::protobuf::EnumDescriptor* descriptor = google::protobuf::GetEnumDescriptor<Wire>();
  std::string allowed;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* v = descriptor->value(i);
    if (v->number() == 0) continue;
    absl::StrAppend(&allowed, allowed.empty() ? "" : ", ", v->name());
  }
  const int number = static_cast<int>(value);
  const std::string problem =
      number == 0 ? std::string("required") : absl::StrCat("unknown value ", number);
  return internal::InvalidField(field, absl::StrCat(problem, ", one of ", allowed));
}

template <typename Domain, typename Wire>
absl::StatusOr<Domain> Decode(Wire value, std::string_view field) {
  const int number = static_cast<int>(value);
  if (number < 1 || number > kRange<Domain>.count) return Invalid(value, field);
  return static_cast<Domain>(number - 1 + kRange<Domain>.first);
}

}  // namespace

#define TOCFLOW_WIRE_ENUM(DOMAIN, WIRE)                                 \
  WIRE ToWire(DOMAIN value) { return Encode<WIRE>(value); }             \
  absl::StatusOr<DOMAIN> FromWire(WIRE value, std::string_view field) { \
    return Decode<DOMAIN>(value, field);                                \
  }

TOCFLOW_WIRE_ENUM(workflow::Setting, tocflow::v1::Setting)
TOCFLOW_WIRE_ENUM(workflow::AdmissionMethod, tocflow::v1::AdmissionMethod)
TOCFLOW_WIRE_ENUM(workflow::NoticeExclusion, tocflow::v1::NoticeExclusion)
TOCFLOW_WIRE_ENUM(workflow::Pathway, tocflow::v1::Pathway)
TOCFLOW_WIRE_ENUM(workflow::DtocReason, tocflow::v1::DtocReason)
TOCFLOW_WIRE_ENUM(workflow::NctrReason, tocflow::v1::NctrReason)
TOCFLOW_WIRE_ENUM(workflow::Attribution, tocflow::v1::Attribution)
TOCFLOW_WIRE_ENUM(workflow::CriterionToReside, tocflow::v1::CriterionToReside)
TOCFLOW_WIRE_ENUM(workflow::Role, tocflow::v1::Role)
TOCFLOW_WIRE_ENUM(workflow::Severity, tocflow::v1::Severity)
TOCFLOW_WIRE_ENUM(workflow::ChecklistScore, tocflow::v1::ChecklistScore)
TOCFLOW_WIRE_ENUM(workflow::DstLevel, tocflow::v1::DstLevel)
TOCFLOW_WIRE_ENUM(workflow::CareType, tocflow::v1::CareType)
TOCFLOW_WIRE_ENUM(workflow::Funder, tocflow::v1::Funder)
TOCFLOW_WIRE_ENUM(workflow::RuleSetId, tocflow::v1::RuleSet)
TOCFLOW_WIRE_ENUM(workflow::DeadlineKind, tocflow::v1::DeadlineKind)
TOCFLOW_WIRE_ENUM(workflow::AlertKind, tocflow::v1::AlertKind)
TOCFLOW_WIRE_ENUM(workflow::ReadyPeriodEnd, tocflow::v1::ReadyPeriodEnd)
#undef TOCFLOW_WIRE_ENUM

}  // namespace tocflow::wire
