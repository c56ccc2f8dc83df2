#include "web/board_row.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "web/json_mapping.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;
using google::protobuf::util::TimeUtil;

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

nlohmann::json BoardRow(const v1::CaseSummary& summary) {
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
      {"admitted_at", id.has_admitted_at() ? TimeUtil::ToString(id.admitted_at()) : ""},
      {"discharge_ready_date", nullptr},
      {"delay_days", summary.current_delay_days()},
      {"pathway", NameOrEmpty(summary.pathway(), &v1::Pathway_Name<v1::Pathway>)},
      {"dtoc_reason", ""},
      {"nctr_reason", ""},
      {"attribution", ""},
      {"states", nlohmann::json::object()},
      {"next_deadline", nullptr},
      {"parties", nlohmann::json::array()},
  };
  if (summary.has_discharge_ready_date()) {
    row["discharge_ready_date"] = FormatDate(summary.discharge_ready_date());
  }
  if (summary.has_delay_reason()) {
    const v1::DelayReason& reason = summary.delay_reason();
    row["dtoc_reason"] = NameOrEmpty(reason.dtoc(), &v1::DtocReason_Name<v1::DtocReason>);
    row["nctr_reason"] = NameOrEmpty(reason.nctr(), &v1::NctrReason_Name<v1::NctrReason>);
    row["attribution"] = NameOrEmpty(reason.attribution(), &v1::Attribution_Name<v1::Attribution>);
  }
  for (const auto& state : summary.states()) row["states"][state.region()] = state.state();
  for (const auto& party : summary.parties()) {
    row["parties"].push_back({{"role", v1::Role_Name(party.role())}, {"party", party.party()}});
  }
  if (summary.has_next_deadline()) {
    const v1::Deadline& deadline = summary.next_deadline();
    nlohmann::json owner_roles = nlohmann::json::array();
    nlohmann::json owners = nlohmann::json::array();
    for (const v1::AlertRecipient& owner : deadline.owners()) {
      owner_roles.push_back(v1::Role_Name(owner.role()));
      if (!owner.party().empty()) owners.push_back(owner.party());
    }
    row["next_deadline"] = {{"kind", v1::DeadlineKind_Name(deadline.kind())},
                            {"due", TimeUtil::ToString(deadline.due())},
                            {"owner_roles", owner_roles},
                            {"owners", owners}};
  }
  return row;
}

}  // namespace tocflow::web
