#include "cli/import_rows.h"

#include <algorithm>
#include <optional>

#include "cli/format.h"
#include "workflow/nhs_number.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

absl::Status ColumnError(const std::string& column, const std::string& why) {
  return absl::InvalidArgumentError(column + ": " + why);
}

absl::StatusOr<int> EnumColumn(const CsvTable& table, const CsvRecord& row,
                               const std::string& column,
                               const google::protobuf::EnumDescriptor* type,
                               const std::string& fallback) {
  std::string text = table.Get(row, column);
  if (text.empty()) text = fallback;
  if (text.empty()) return 0;
  auto value = ParseEnum(type, text);
  if (!value.ok()) return ColumnError(column, std::string(value.status().message()));
  return *value;
}

}  // namespace

const std::vector<std::string> kImportRequiredColumns = {
    "nhs_number", "local_patient_id", "spell_id",        "provider_ods", "site",       "ward",
    "bed",        "setting",          "local_authority", "icb",          "admitted_at"};

const std::vector<std::string> kImportOptionalColumns = {
    "admission_method",        "notice_exclusion",       "rule_set",
    "expected_discharge_date", "ready_for_discharge_at", "pathway"};

absl::Status CheckImportColumns(const CsvTable& table) {
  std::vector<std::string> missing;
  for (const std::string& c : kImportRequiredColumns) {
    if (!table.HasColumn(c)) missing.push_back(c);
  }
  std::vector<std::string> unknown;
  for (const std::string& c : table.columns()) {
    if (c.empty()) continue;
    if (std::find(kImportRequiredColumns.begin(), kImportRequiredColumns.end(), c) ==
            kImportRequiredColumns.end() &&
        std::find(kImportOptionalColumns.begin(), kImportOptionalColumns.end(), c) ==
            kImportOptionalColumns.end()) {
      unknown.push_back(c);
    }
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  if (!missing.empty()) {
    return absl::InvalidArgumentError("the header lacks required column(s): " + join(missing));
  }
  if (!unknown.empty()) {
    return absl::InvalidArgumentError("unknown column(s): " + join(unknown) +
                                      " (see README \"Command line\" for the columns)");
  }
  return absl::OkStatus();
}

absl::StatusOr<ImportPlan> PlanImportRow(const CsvTable& table, const CsvRecord& row,
                                         const std::string& actor) {
  ImportPlan plan;
  plan.line = row.line;
  auto get = [&](const std::string& c) { return table.Get(row, c); };
  for (const char* required : {"local_patient_id", "spell_id", "provider_ods", "setting",
                               "local_authority", "icb", "admitted_at"}) {
    if (get(required).empty()) return ColumnError(required, "missing value");
  }
  plan.key = get("provider_ods") + ":" + get("spell_id");
  const std::string id_prefix = "import:" + plan.key + ":";

  v1::CaseOpened& opening = *plan.create.mutable_opening();
  std::string nhs = get("nhs_number");
  if (nhs.empty() || nhs == "untraced") {
    opening.set_nhs_number_untraced(true);
  } else if (auto digits = workflow::NormaliseNhsNumber(nhs)) {
    opening.set_nhs_number(*digits);
  } else {
    return ColumnError("nhs_number", "bad NHS number \"" + nhs + "\"");
  }
  opening.set_local_patient_id(get("local_patient_id"));
  opening.set_spell_id(get("spell_id"));
  opening.set_provider_ods(get("provider_ods"));
  opening.set_site(get("site"));
  opening.set_ward(get("ward"));
  opening.set_bed(get("bed"));
  opening.set_local_authority(get("local_authority"));
  opening.set_icb(get("icb"));

  auto setting = EnumColumn(table, row, "setting", v1::Setting_descriptor(), "");
  if (!setting.ok()) return setting.status();
  opening.set_setting(static_cast<v1::Setting>(*setting));
  auto method =
      EnumColumn(table, row, "admission_method", v1::AdmissionMethod_descriptor(), "other");
  if (!method.ok()) return method.status();
  opening.set_admission_method(static_cast<v1::AdmissionMethod>(*method));
  auto exclusion =
      EnumColumn(table, row, "notice_exclusion", v1::NoticeExclusion_descriptor(), "none");
  if (!exclusion.ok()) return exclusion.status();
  opening.set_notice_exclusion(static_cast<v1::NoticeExclusion>(*exclusion));
  auto rule_set = EnumColumn(table, row, "rule_set", v1::RuleSet_descriptor(), "");
  if (!rule_set.ok()) return rule_set.status();
  opening.set_rule_set(static_cast<v1::RuleSet>(*rule_set));

  auto admitted = ParseTimestamp(get("admitted_at"));
  if (!admitted.ok()) return ColumnError("admitted_at", std::string(admitted.status().message()));
  *opening.mutable_admitted_at() = *admitted;

  plan.create.set_request_id(id_prefix + "open");
  plan.create.set_actor(actor);
  *plan.create.mutable_occurred_at() = *admitted;

  auto add_event = [&](const std::string& name, const google::protobuf::Timestamp& at) {
    v1::RecordEventRequest& request = plan.events.emplace_back();
    request.set_request_id(id_prefix + name);
    request.set_actor(actor);
    *request.mutable_occurred_at() = at;
    return request.mutable_event();
  };

  if (std::string edd = get("expected_discharge_date"); !edd.empty()) {
    auto date = ParseDate(edd);
    if (!date.ok()) {
      return ColumnError("expected_discharge_date", std::string(date.status().message()));
    }
    *add_event("edd", *admitted)
         ->mutable_expected_discharge_date_set()
         ->mutable_expected_discharge_date() = *date;
  }
  // A pathway agreed before readiness is recorded first, at the ready time: recorded after it,
  // the pathway deadline (24 h after readiness) would already have fired for an old row.
  std::optional<google::protobuf::Timestamp> ready_at;
  if (std::string ready = get("ready_for_discharge_at"); !ready.empty()) {
    auto at = ParseTimestamp(ready);
    if (!at.ok()) return ColumnError("ready_for_discharge_at", std::string(at.status().message()));
    if (at->seconds() < admitted->seconds()) {
      return ColumnError("ready_for_discharge_at", "before admitted_at");
    }
    ready_at = *at;
  }
  if (std::string pathway_text = get("pathway"); !pathway_text.empty()) {
    auto pathway = ParseEnum(v1::Pathway_descriptor(), pathway_text);
    if (!pathway.ok()) return ColumnError("pathway", std::string(pathway.status().message()));
    add_event("pathway", ready_at.value_or(*admitted))
        ->mutable_pathway_agreed()
        ->set_pathway(static_cast<v1::Pathway>(*pathway));
  }
  if (ready_at) add_event("ready", *ready_at)->mutable_ready_for_discharge();
  return plan;
}

}  // namespace tocflow::cli
