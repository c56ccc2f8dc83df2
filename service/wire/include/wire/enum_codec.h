// Every libworkflow enum to and from its tocflow.v1 wire enum.
//
// Wire enums start with *_UNSPECIFIED = 0 and then list the domain values in domain order
// (wire number = position + 1). Encoding never fails. Decoding a required value returns
// INVALID_ARGUMENT naming `field` and the allowed wire names when the value is UNSPECIFIED or
// unknown to this build (proto3 enums are open: any int32 can arrive); it never crashes.
//
// Every function is pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>

#include "absl/status/statusor.h"
#include "tocflow/v1/common.pb.h"
#include "tocflow/v1/facts.pb.h"
#include "workflow/alert_kind.h"
#include "workflow/case_facts.h"
#include "workflow/codes.h"
#include "workflow/deadline_kind.h"
#include "workflow/rule_set.h"

namespace tocflow::wire {

tocflow::v1::Setting ToWire(workflow::Setting value);
tocflow::v1::AdmissionMethod ToWire(workflow::AdmissionMethod value);
tocflow::v1::NoticeExclusion ToWire(workflow::NoticeExclusion value);
tocflow::v1::Pathway ToWire(workflow::Pathway value);
tocflow::v1::DtocReason ToWire(workflow::DtocReason value);
tocflow::v1::NctrReason ToWire(workflow::NctrReason value);
tocflow::v1::Attribution ToWire(workflow::Attribution value);
tocflow::v1::CriterionToReside ToWire(workflow::CriterionToReside value);
tocflow::v1::Role ToWire(workflow::Role value);
tocflow::v1::Severity ToWire(workflow::Severity value);
tocflow::v1::ChecklistScore ToWire(workflow::ChecklistScore value);
tocflow::v1::DstLevel ToWire(workflow::DstLevel value);
tocflow::v1::CareType ToWire(workflow::CareType value);
tocflow::v1::Funder ToWire(workflow::Funder value);
tocflow::v1::RuleSet ToWire(workflow::RuleSetId value);
tocflow::v1::DeadlineKind ToWire(workflow::DeadlineKind value);
tocflow::v1::AlertKind ToWire(workflow::AlertKind value);
tocflow::v1::ReadyPeriodEnd ToWire(workflow::ReadyPeriodEnd value);

// Required values: INVALID_ARGUMENT for UNSPECIFIED or an unknown number, e.g.
// "event.pathway_agreed.pathway: required, one of PATHWAY_0, PATHWAY_1, PATHWAY_2, PATHWAY_3".
absl::StatusOr<workflow::Setting> FromWire(tocflow::v1::Setting value, std::string_view field);
absl::StatusOr<workflow::AdmissionMethod> FromWire(tocflow::v1::AdmissionMethod value,
                                                   std::string_view field);
absl::StatusOr<workflow::NoticeExclusion> FromWire(tocflow::v1::NoticeExclusion value,
                                                   std::string_view field);
absl::StatusOr<workflow::Pathway> FromWire(tocflow::v1::Pathway value, std::string_view field);
absl::StatusOr<workflow::DtocReason> FromWire(tocflow::v1::DtocReason value,
                                              std::string_view field);
absl::StatusOr<workflow::NctrReason> FromWire(tocflow::v1::NctrReason value,
                                              std::string_view field);
absl::StatusOr<workflow::Attribution> FromWire(tocflow::v1::Attribution value,
                                               std::string_view field);
absl::StatusOr<workflow::CriterionToReside> FromWire(tocflow::v1::CriterionToReside value,
                                                     std::string_view field);
absl::StatusOr<workflow::Role> FromWire(tocflow::v1::Role value, std::string_view field);
absl::StatusOr<workflow::Severity> FromWire(tocflow::v1::Severity value, std::string_view field);
absl::StatusOr<workflow::ChecklistScore> FromWire(tocflow::v1::ChecklistScore value,
                                                  std::string_view field);
absl::StatusOr<workflow::DstLevel> FromWire(tocflow::v1::DstLevel value, std::string_view field);
absl::StatusOr<workflow::CareType> FromWire(tocflow::v1::CareType value, std::string_view field);
absl::StatusOr<workflow::Funder> FromWire(tocflow::v1::Funder value, std::string_view field);
absl::StatusOr<workflow::RuleSetId> FromWire(tocflow::v1::RuleSet value, std::string_view field);
absl::StatusOr<workflow::DeadlineKind> FromWire(tocflow::v1::DeadlineKind value,
                                                std::string_view field);
absl::StatusOr<workflow::AlertKind> FromWire(tocflow::v1::AlertKind value, std::string_view field);
absl::StatusOr<workflow::ReadyPeriodEnd> FromWire(tocflow::v1::ReadyPeriodEnd value,
                                                  std::string_view field);

// An optional domain value: nullopt is UNSPECIFIED on the wire.
template <typename Domain>
auto OptionalToWire(const std::optional<Domain>& value) -> decltype(ToWire(*value)) {
  using Wire = decltype(ToWire(*value));
  return value ? ToWire(*value) : Wire{};
}

// An optional wire value: UNSPECIFIED is nullopt; an unknown number is INVALID_ARGUMENT as for
// FromWire.
template <typename Wire, typename = std::enable_if_t<std::is_enum_v<Wire>>>
auto OptionalFromWire(Wire value, std::string_view field)
    -> absl::StatusOr<std::optional<typename decltype(FromWire(value, field))::value_type>> {
  if (static_cast<int>(value) == 0) return std::nullopt;
  auto decoded = FromWire(value, field);
  if (!decoded.ok()) return decoded.status();
  return *decoded;
}

}  // namespace tocflow::wire
