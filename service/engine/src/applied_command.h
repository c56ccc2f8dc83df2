// One command applied to a case: what the writer adds to its event first, and the rows and the
// answer it yields. Shared by the command writer (GroupCommitter) and the HistoryImporter, so
// that a case is stored the same whichever of them wrote it.
#pragma once

#include <string>

#include "case_loader.h"
#include "commit_builder.h"
#include "engine/command_engine.h"
#include "store/records.h"
#include "workflow/effects.h"
#include "workflow/events.h"
#include "workflow/journey.h"

namespace tocflow::engine::internal {

// A command's rows and its answer (alert cursors 0 until the store assigns them).
struct AppliedCommand {
  store::CaseCommit commit;
  CommandOutcome outcome;
};

// Completes `event` before it is applied to `journey`: a case_opened that names no rule set gets
// options.default_rule_set; a deadline_elapsed stamped before the case's latest event (the
// scheduler stamps its due time; a command recorded since may be later) is moved to that event's
// time, as workflow::FireDueDeadlines does, rather than refused for being out of order.
void CompleteEvent(workflow::Event& event, const workflow::Journey& journey,
                   const EngineOptions& options);

// The rows and answer of `command` on case `case_id`, which took its journey from `before` to
// `after` with `effects`: the alerts routed to the case's parties (options.teams), recorded at
// the clock's now, and the request record when the command has a request id. `detail`: see
// RowDetail.
AppliedCommand BuildApplied(const std::string& case_id, const CaseState& before,
                            const workflow::Journey& after, workflow::Effects effects,
                            const Command& command, const EngineOptions& options,
                            RowDetail detail = RowDetail::kFull);

}  // namespace tocflow::engine::internal
