// Filters and pages for the store's list queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"
#include "workflow/codes.h"
#include "workflow/journey.h"

namespace tocflow::store {

// The largest page or batch a list query returns; larger requests are capped to it.
inline constexpr int kMaxPageSize = 1000;
// The page size used when the caller asks for 0.
inline constexpr int kDefaultPageSize = 100;

// The order of ListCases results. Every order is total (ties broken by case id), so paging is
// stable: each case appears once even while other cases change (a case whose sort key changes
// between pages may move past the cursor or be seen again, as with any keyset paging).
enum class CaseOrder {
  kCaseId,
  kOpenedAt,
  kReadySince,      // longest waiting first; cases not ready last
  kNextDeadlineAt,  // soonest first; cases without deadlines last
};

struct RegionState {
  workflow::Region region = workflow::Region::kStay;
  std::string state;
};

// All set fields must match (AND). Empty means no filter.
struct CaseFilter {
  std::optional<std::string> provider_ods;
  std::optional<std::string> site;  // usually with provider_ods
  std::optional<std::string> ward;  // usually with provider_ods
  std::optional<std::string> local_authority;
  std::optional<std::string> icb;
  std::optional<std::string> nhs_number;
  std::optional<std::string> local_patient_id;
  std::optional<std::string> spell_id;  // usually with provider_ods
  std::vector<RegionState> states;      // every listed region in the listed state
  std::optional<bool> ready;            // ready_since set (true) or not (false)
  // ready_since at or before this instant: "delayed longer than N days" is a cut-off the caller
  // computes with libworkflow's calendar.
  std::optional<Timestamp> ready_since_at_or_before;
  std::optional<Timestamp> deadline_before;  // next_deadline_at strictly before this instant
  std::optional<bool> discharged;            // discharged_at set or not
  std::optional<bool> closed;                // closed (died, cancelled) or not
  CaseOrder order = CaseOrder::kCaseId;
};

struct CasePage {
  std::vector<CaseSummary> cases;
  std::string next_page_token;  // empty on the last page
};

enum class AckState { kAny, kAcknowledged, kUnacknowledged };

// All set fields must match (AND); within `roles`, any of them (OR).
struct AlertFilter {
  std::optional<std::string> case_id;
  std::vector<workflow::Role> roles;  // an alert addressed to any of these roles
  std::optional<std::string> party;   // an alert addressed to this party
  std::optional<std::string> provider_ods;
  std::optional<std::string> ward;
  std::optional<std::string> local_authority;
  std::optional<std::string> icb;
  AckState ack = AckState::kAny;
};

}  // namespace tocflow::store
