// One line of the ward board: what a discharge hub needs to see about an open case, built from
// the API's CaseSummary alone (one ListCases call fills a board). Pure: no I/O, thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tocflow/v1/cases.pb.h"

namespace tocflow::web {

// The board row as JSON:
//   case_id, version (number), closed, nhs_number ("943 476 5919"; "" when untraced),
//   nhs_number_untraced, local_patient_id, spell_id, provider_ods, site, ward, bed,
//   local_authority, icb, admitted_at (RFC 3339), discharge_ready_date ("2026-10-03" or null),
//   delay_days, pathway / dtoc_reason / nctr_reason / attribution (enum names, "" when not
//   recorded), states ({"stay": "ReadyForDischarge", ...}), next_deadline (null or {kind, due,
//   owner_roles: the roles it alerts when it falls due, owners: the parties known for them}),
//   parties ([{role, party}]).
nlohmann::json BoardRow(const tocflow::v1::CaseSummary& summary);

// A ten-digit NHS number as 3-3-4 ("943 476 5919"); anything else unchanged.
std::string FormatNhsNumber(const std::string& digits);

// A Date as "YYYY-MM-DD".
std::string FormatDate(const tocflow::v1::Date& date);

}  // namespace tocflow::web
