// Turns an applied command (the journey before and after, and the effects) into the rows the
// store writes for it.
#pragma once

#include <string>
#include <vector>

#include "store/records.h"
#include "workflow/alert_rules.h"
#include "workflow/effects.h"
#include "workflow/events.h"
#include "workflow/journey.h"

namespace tocflow::engine::internal {

// The state name of every region, in workflow::Region order.
std::vector<std::string> StateNames(const workflow::Journey& journey);

// How much of a case's row a command's rows carry.
enum class RowDetail {
  kFull,
  // For a command whose case row a later command of the same batch writes (Store::Commit
  // writes a case's row once per batch, by its last command there, and keeps the last facts
  // given): no deadline owners and no facts, the costly parts, which would not be written.
  kOverwritten,
};

// The summary row of a case whose journey is `journey`, written at `recorded_at`; deadline
// owners' parties fall back to `teams` where nobody is assigned (none with kOverwritten).
store::CaseSummary BuildSummary(const std::string& case_id, const workflow::Journey& journey,
                                workflow::Timestamp recorded_at,
                                const workflow::TeamDirectory& teams,
                                RowDetail detail = RowDetail::kFull);

// The case's facts as stored beside its summary for the reports: a serialized
// tocflow.v1.CaseFacts (wire::FactsFromWire reads it back).
std::string EncodeFacts(const workflow::Journey& journey);

// Everything one command stores except its request record: the summary at the new version,
// the event (payload: a serialized tocflow.v1.RecordedEvent), the alerts, the deadlines
// removed (cancelled, fired or otherwise no longer pending) and set, and the facts after it
// (none with kOverwritten).
// REQUIRES: `after` is `before` with `event` applied, giving `effects`.
store::CaseCommit BuildCaseCommit(const std::string& case_id, const workflow::Journey& before,
                                  const workflow::Journey& after, const workflow::Effects& effects,
                                  const workflow::Event& event, const std::string& request_id,
                                  workflow::Timestamp recorded_at,
                                  const workflow::TeamDirectory& teams,
                                  RowDetail detail = RowDetail::kFull);

}  // namespace tocflow::engine::internal
