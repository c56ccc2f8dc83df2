#include "web/board_row.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "web/json_mapping.h"
#include "workflow/alert_kind.h"
#include "workflow/alert_rules.h"
#include "workflow/codes.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;
using google::protobuf::util::TimeUtil;

// The alert a deadline raises when it falls due (the API names both; libworkflow routes them).
v1::AlertKind AlertFor(v1::DeadlineKind kind) {
  switch (kind) {
    case v1::DEADLINE_KIND_EDD_MISSING:
      return v1::ALERT_KIND_EDD_NOT_SET;
    case v1::DEADLINE_KIND_PATHWAY_NOT_AGREED:
      return v1::ALERT_KIND_PATHWAY_NOT_AGREED;
    case v1::DEADLINE_KIND_DELAYED_SEVEN_DAYS:
      return v1::ALERT_KIND_DELAYED_SEVEN_DAYS;
    case v1::DEADLINE_KIND_DELAYED_TWENTY_ONE_DAYS:
      return v1::ALERT_KIND_DELAYED_TWENTY_ONE_DAYS;
    case v1::DEADLINE_KIND_MINIMUM_PERIOD_ENDS_TOMORROW:
      return v1::ALERT_KIND_MINIMUM_PERIOD_ENDS_TOMORROW;
    case v1::DEADLINE_KIND_RELEVANT_DAY_PASSED:
      return v1::ALERT_KIND_LIABILITY_ACCRUING;
    case v1::DEADLINE_KIND_CHC_AT_RISK:
      return v1::ALERT_KIND_CHC_AT_RISK;
    case v1::DEADLINE_KIND_CHC_BREACH:
      return v1::ALERT_KIND_CHC_BREACH;
    case v1::DEADLINE_KIND_FAST_TRACK_CARE_DUE:
      return v1::ALERT_KIND_FAST_TRACK_CARE_OVERDUE;
    case v1::DEADLINE_KIND_CHC_REVIEW_DUE:
      return v1::ALERT_KIND_CHC_REVIEW_DUE;
    case v1::DEADLINE_KIND_EQUIPMENT_OVERDUE:
      return v1::ALERT_KIND_EQUIPMENT_OVERDUE;
    default:
      return v1::ALERT_KIND_UNSPECIFIED;
  }
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "ALERT_KIND_EDD_NOT_SET" -> "edd_not_set": the API's enum name to libworkflow's.
std::string ShortName(const std::string& full, const std::string& prefix) {
  return Lower(full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full);
}

template <typename Enum>
std::string NameOrEmpty(Enum value, const std::string& (*name)(Enum)) {
  return static_cast<int>(value) == 0 ? "" : name(value);
}

}  // namespace

std::string FormatNhsNumber(const std::string& digits) {
  if (digits.size() != 10 ||
      !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return digits;
  }
  return digits.substr(0, 3) + " " + digits.substr(3, 3) + " " + digits.substr(6);
}

std::string FormatDate(const v1::Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year(), date.month(), date.day());
  return text;
}

std::vector<v1::Role> DeadlineOwnerRoles(v1::DeadlineKind kind) {
  const v1::AlertKind alert = AlertFor(kind);
  if (alert == v1::ALERT_KIND_UNSPECIFIED) return {};
  auto parsed =
      workflow::Parse<workflow::AlertKind>(ShortName(v1::AlertKind_Name(alert), "ALERT_KIND_"));
  if (!parsed) return {};
  std::vector<v1::Role> roles;
  for (workflow::Role role : workflow::GetAlertRule(*parsed).roles) {
    std::string full = "ROLE_" + std::string(workflow::Name(role));
    std::transform(full.begin(), full.end(), full.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    v1::Role api_role;
    if (v1::Role_Parse(full, &api_role)) roles.push_back(api_role);
  }
  return roles;
}

nlohmann::json BoardRow(const v1::CaseSummary& summary, const v1::Case* full) {
  const v1::CaseIdentity& id = summary.identity();
  nlohmann::json row = {
      {"case_id", summary.case_id()},
      {"version", summary.version()},
      {"closed", summary.closed()},
      {"nhs_number", FormatNhsNumber(id.nhs_number())},
      {"nhs_number_untraced", id.nhs_number_untraced()},
      {"local_patient_id", id.local_patient_id()},
      {"spell_id", id.spell_id()},
      {"provider_ods", id.provider_ods()},
      {"site", id.site()},
      {"ward", id.ward()},
      {"bed", id.bed()},
      {"local_authority", id.local_authority()},
      {"icb", id.icb()},
      {"admitted_at", ""},
      {"discharge_ready_date", nullptr},
      {"delay_days", summary.current_delay_days()},
      {"pathway", ""},
      {"dtoc_reason", ""},
      {"nctr_reason", ""},
      {"attribution", ""},
      {"states", nlohmann::json::object()},
      {"next_deadline", nullptr},
      {"parties", nlohmann::json::array()},
  };
  // ListCases may leave the admission time out; the full case always has it.
  const auto& admitted = id.has_admitted_at() || full == nullptr
                             ? id.admitted_at()
                             : full->facts().identity().admitted_at();
  if (id.has_admitted_at() || (full != nullptr && full->facts().identity().has_admitted_at())) {
    row["admitted_at"] = TimeUtil::ToString(admitted);
  }
  if (summary.has_discharge_ready_date()) {
    row["discharge_ready_date"] = FormatDate(summary.discharge_ready_date());
  }
  for (const auto& state : summary.states()) row["states"][state.region()] = state.state();
  if (full != nullptr) {
    const v1::StayFacts& stay = full->facts().stay();
    row["pathway"] = NameOrEmpty(stay.pathway(), &v1::Pathway_Name<v1::Pathway>);
    if (stay.has_delay_reason()) {
      const v1::DelayReason& reason = stay.delay_reason();
      row["dtoc_reason"] = NameOrEmpty(reason.dtoc(), &v1::DtocReason_Name<v1::DtocReason>);
      row["nctr_reason"] = NameOrEmpty(reason.nctr(), &v1::NctrReason_Name<v1::NctrReason>);
      row["attribution"] =
          NameOrEmpty(reason.attribution(), &v1::Attribution_Name<v1::Attribution>);
    }
    for (const auto& party : full->parties()) {
      row["parties"].push_back({{"role", v1::Role_Name(party.role())}, {"party", party.party()}});
    }
  }
  if (summary.has_next_deadline()) {
    const v1::Deadline& deadline = summary.next_deadline();
    nlohmann::json owner_roles = nlohmann::json::array();
    nlohmann::json owners = nlohmann::json::array();
    for (v1::Role role : DeadlineOwnerRoles(deadline.kind())) {
      owner_roles.push_back(v1::Role_Name(role));
      if (full == nullptr) continue;
      for (const auto& party : full->parties()) {
        if (party.role() == role) owners.push_back(party.party());
      }
    }
    row["next_deadline"] = {{"kind", v1::DeadlineKind_Name(deadline.kind())},
                            {"due", TimeUtil::ToString(deadline.due())},
                            {"owner_roles", owner_roles},
                            {"owners", owners}};
  }
  return row;
}

}  // namespace tocflow::web
