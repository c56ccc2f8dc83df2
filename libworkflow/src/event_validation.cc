#include "event_validation.h"

#include <string>
#include <type_traits>

#include "workflow/calendar.h"
#include "workflow/chc_tools.h"
#include "workflow/nhs_number.h"

namespace workflow {
namespace {

absl::Status Invalid(std::string_view event, const std::string& why) {
  return absl::InvalidArgumentError(std::string(event) + ": " + why);
}

absl::Status Required(std::string_view event, std::string_view field, const std::string& value) {
  if (value.empty()) return Invalid(event, std::string(field) + " is required");
  return absl::OkStatus();
}

absl::Status ValidateOpening(const CaseOpened& e) {
  const std::string_view ev = CaseOpened::kName;
  if (e.nhs_number_untraced) {
    if (!e.nhs_number.empty()) {
      return Invalid(ev, "nhs_number must be empty when the patient is flagged untraced");
    }
  } else if (!IsValidNhsNumber(e.nhs_number)) {
    return Invalid(ev, "nhs_number '" + e.nhs_number +
                           "' is not a valid NHS number (10 digits with a Modulus 11 check "
                           "digit); flag the patient untraced if it is not known");
  }
  for (const auto& [field, value] :
       {std::pair<std::string_view, const std::string&>{"local_patient_id", e.local_patient_id},
        {"spell_id", e.spell_id},
        {"provider_ods", e.provider_ods},
        {"ward", e.ward},
        {"local_authority", e.local_authority},
        {"icb", e.icb}}) {
    if (auto status = Required(ev, field, value); !status.ok()) return status;
  }
  if (ToUnixSeconds(e.admitted_at) <= 0) return Invalid(ev, "admitted_at is required");
  return absl::OkStatus();
}

// Events about the stay itself cannot happen before the admission.
template <class E>
constexpr bool kStayEvent =
    std::is_same_v<E, WardTransferred> || std::is_same_v<E, ExpectedDischargeDateSet> ||
    std::is_same_v<E, ReadyForDischarge> || std::is_same_v<E, CriteriaToResideMetAgain> ||
    std::is_same_v<E, PathwayAgreed> || std::is_same_v<E, DelayReasonRecorded> ||
    std::is_same_v<E, Discharged> || std::is_same_v<E, Died> ||
    std::is_same_v<E, DischargeCancelled>;

absl::Status ValidatePayload(const Event& event, const CaseFacts& facts) {
  const Date admission_day = LondonDate(facts.identity.admitted_at);
  return std::visit(
      [&](const auto& e) -> absl::Status {
        using E = std::decay_t<decltype(e)>;
        const std::string_view ev = E::kName;
        if constexpr (kStayEvent<E>) {
          if (event.occurred_at < facts.identity.admitted_at) {
            return Invalid(ev, "occurred_at " + FormatUtc(event.occurred_at) +
                                   " is before the admission at " +
                                   FormatUtc(facts.identity.admitted_at));
          }
        }
        if constexpr (std::is_same_v<E, CaseOpened>) {
          return ValidateOpening(e);
        } else if constexpr (std::is_same_v<E, WardTransferred>) {
          return Required(ev, "ward", e.ward);
        } else if constexpr (std::is_same_v<E, ExpectedDischargeDateSet>) {
          if (e.expected_discharge_date < admission_day) {
            return Invalid(ev, "expected_discharge_date " + e.expected_discharge_date.ToUkString() +
                                   " is before the admission on " + admission_day.ToUkString());
          }
        } else if constexpr (std::is_same_v<E, DelayReasonRecorded>) {
          if (!e.dtoc && !e.nctr) return Invalid(ev, "give a DTOC code, an NCTR reason, or both");
        } else if constexpr (std::is_same_v<E, ProviderOffered>) {
          return Required(ev, "provider", e.provider);
        } else if constexpr (std::is_same_v<E, FundingAgreed>) {
          if (e.weekly_cost_pence < 0) return Invalid(ev, "weekly_cost_pence must not be negative");
        } else if constexpr (std::is_same_v<E, EquipmentOrdered>) {
          if (auto status = Required(ev, "items", e.items); !status.ok()) return status;
          if (e.due_date < admission_day) {
            return Invalid(ev, "due_date " + e.due_date.ToUkString() + " is before the admission");
          }
        } else if constexpr (std::is_same_v<E, DstCompleted>) {
          for (size_t i = 0; i < e.levels.size(); ++i) {
            if (e.levels[i] == DstLevel::kPriority &&
                !DstDomainCanBePriority(static_cast<DstDomain>(i))) {
              return Invalid(ev, "domain " + std::to_string(i + 1) +
                                     " cannot be scored Priority (only breathing, behaviour, drug "
                                     "therapies and altered states of consciousness can)");
            }
          }
        } else if constexpr (std::is_same_v<E, FastTrackReferred>) {
          return Required(ev, "clinician", e.clinician);
        }
        return absl::OkStatus();
      },
      event.payload);
}

}  // namespace

absl::Status ValidateEvent(const Event& event, const CaseFacts& facts) {
  const std::string_view name = EventName(event.payload);
  if (event.actor.empty()) return Invalid(name, "actor is required");
  if (ToUnixSeconds(event.occurred_at) <= 0) return Invalid(name, "occurred_at is required");
  if (facts.last_event_at && event.occurred_at < *facts.last_event_at) {
    return Invalid(name, "occurred_at " + FormatUtc(event.occurred_at) +
                             " is before the case's previous event at " +
                             FormatUtc(*facts.last_event_at) +
                             "; events are recorded in the order they happened");
  }
  return ValidatePayload(event, facts);
}

}  // namespace workflow
