#include "workflow/codes.h"

#include <array>

#include "workflow/alert_kind.h"
#include "workflow/deadline_kind.h"

namespace workflow {
namespace {

// Names of each enum, in value order starting at `first`.
template <typename E>
struct NameTable;

#define WORKFLOW_NAMES(E, FIRST, ...)                                                    \
  template <>                                                                            \
  struct NameTable<E> {                                                                  \
    static constexpr int kFirst = FIRST;                                                 \
    static constexpr std::array<std::string_view, kEnumSizeOf<E>()> kNames{__VA_ARGS__}; \
  };

template <typename E>
constexpr int kEnumSizeOf() {
  if constexpr (std::is_same_v<E, DeadlineKind>) {
    return kDeadlineKindCount;
  } else if constexpr (std::is_same_v<E, AlertKind>) {
    return kAlertKindCount;
  } else {
    return kEnumSize<E>;
  }
}

WORKFLOW_NAMES(Setting, 0, "acute", "community", "mental_health")
WORKFLOW_NAMES(AdmissionMethod, 0, "emergency", "elective", "transfer", "other")
WORKFLOW_NAMES(NoticeExclusion, 0, "none", "maternity", "mental_health_care", "palliative_care",
               "intermediate_care", "rehabilitation", "self_funded")
WORKFLOW_NAMES(Pathway, 0, "pathway_0", "pathway_1", "pathway_2", "pathway_3")
WORKFLOW_NAMES(DtocReason, 0, "A", "B", "C", "Di", "Dii", "E", "F", "G", "H", "I", "other")
WORKFLOW_NAMES(NctrReason, 0, "awaiting_medical_decision", "awaiting_therapy", "awaiting_medicines",
               "awaiting_transport", "awaiting_pathway_1_capacity", "awaiting_pathway_2_capacity",
               "awaiting_pathway_3_capacity", "awaiting_equipment", "family_disagreement",
               "homelessness", "safeguarding_or_court_of_protection", "awaiting_chc_decision",
               "other")
WORKFLOW_NAMES(Attribution, 0, "nhs", "social_care", "both")
WORKFLOW_NAMES(CriterionToReside, 1, "critical_care", "oxygen_or_niv", "iv_fluids", "news_above_3",
               "diminished_consciousness", "acute_functional_impairment", "last_hours_of_life",
               "iv_medication", "lower_limb_surgery_48h", "major_surgery_72h",
               "invasive_procedure_24h")
WORKFLOW_NAMES(Role, 0, "ward_discharge_coordinator", "care_transfer_hub", "senior_escalation",
               "la_social_worker", "la_team_manager", "la_finance", "care_provider",
               "chc_coordinator", "chc_manager", "gp", "transport", "equipment_service")
WORKFLOW_NAMES(Severity, 0, "info", "warning", "critical")
WORKFLOW_NAMES(ChecklistScore, 0, "A", "B", "C")
WORKFLOW_NAMES(DstLevel, 0, "no_needs", "low", "moderate", "high", "severe", "priority")
WORKFLOW_NAMES(CareType, 0, "home_care", "intensive_home_care", "reablement", "residential",
               "nursing", "equipment_only")
WORKFLOW_NAMES(Funder, 0, "local_authority", "icb", "joint", "self_funded")
WORKFLOW_NAMES(DeadlineKind, 0, "edd_missing", "pathway_not_agreed", "delayed_seven_days",
               "delayed_twenty_one_days", "minimum_period_ends_tomorrow", "relevant_day_passed",
               "chc_at_risk", "chc_breach", "fast_track_care_due", "chc_review_due",
               "equipment_overdue")
WORKFLOW_NAMES(AlertKind, 0, "case_opened", "edd_not_set", "pathway_not_agreed",
               "delayed_seven_days", "delayed_twenty_one_days", "assessment_notice_given",
               "minimum_period_ends_tomorrow", "discharge_notice_given", "liability_accruing",
               "chc_referral_received", "chc_at_risk", "chc_breach", "fast_track_referral",
               "fast_track_care_overdue", "chc_review_due", "chc_delay_coding_check",
               "care_start_confirmed", "equipment_overdue", "discharged")
#undef WORKFLOW_NAMES

template <typename E>
std::string_view NameOf(E value) {
  const int index = static_cast<int>(value) - NameTable<E>::kFirst;
  if (index < 0 || index >= static_cast<int>(NameTable<E>::kNames.size())) return "unknown";
  return NameTable<E>::kNames[index];
}

}  // namespace

template <typename E>
std::optional<E> Parse(std::string_view name) {
  const auto& names = NameTable<E>::kNames;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(static_cast<int>(i) + NameTable<E>::kFirst);
  }
  return std::nullopt;
}

#define WORKFLOW_ENUM_API(E)                       \
  std::string_view Name(E v) { return NameOf(v); } \
  template std::optional<E> Parse<E>(std::string_view name);

WORKFLOW_ENUM_API(Setting)
WORKFLOW_ENUM_API(AdmissionMethod)
WORKFLOW_ENUM_API(NoticeExclusion)
WORKFLOW_ENUM_API(Pathway)
WORKFLOW_ENUM_API(DtocReason)
WORKFLOW_ENUM_API(NctrReason)
WORKFLOW_ENUM_API(Attribution)
WORKFLOW_ENUM_API(CriterionToReside)
WORKFLOW_ENUM_API(Role)
WORKFLOW_ENUM_API(Severity)
WORKFLOW_ENUM_API(ChecklistScore)
WORKFLOW_ENUM_API(DstLevel)
WORKFLOW_ENUM_API(CareType)
WORKFLOW_ENUM_API(Funder)
WORKFLOW_ENUM_API(DeadlineKind)
WORKFLOW_ENUM_API(AlertKind)
#undef WORKFLOW_ENUM_API

}  // namespace workflow
