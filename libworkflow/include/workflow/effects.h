// What applying an event asks the caller to do: raise alerts and set or cancel deadlines.
// The journey machine never does I/O; the caller persists these with the event.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/alert_kind.h"
#include "workflow/codes.h"
#include "workflow/deadline_kind.h"
#include "workflow/time.h"

namespace workflow {

// Who an alert is for: a role, and the party assigned to that role on the case (empty when
// nobody is assigned; route it with a TeamDirectory).
struct AlertRecipient {
  Role role = Role::kCareTransferHub;
  std::string party;
};

// A notification that someone must know or do something about a case.
struct Alert {
  AlertKind kind = AlertKind::kCaseOpened;
  Severity severity = Severity::kInfo;
  std::vector<AlertRecipient> recipients;
  std::string message;  // actionable, no clinical detail
  Timestamp raised_at;
  std::optional<Timestamp> due;               // when the action is due, if any
  std::optional<int64_t> pence_per_day;       // accruing reimbursement, if any
};

// A deadline to (re)set: replaces any pending deadline of the same kind.
struct DeadlineSet {
  DeadlineKind kind = DeadlineKind::kEddMissing;
  Timestamp due;
};

// The effects of one applied event, in the order they arose.
struct Effects {
  std::vector<Alert> alerts;
  std::vector<DeadlineSet> deadlines_set;
  std::vector<DeadlineKind> deadlines_cancelled;
};

}  // namespace workflow
