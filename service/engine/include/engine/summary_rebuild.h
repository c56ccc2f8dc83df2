// Rebuilding the cases and deadlines tables from the event histories: the summary row, the
// stored facts and the pending deadlines of every case are a cache of what replaying its events
// through libworkflow gives, and this recomputes them
// (`tocflowd --rebuild-summaries`), e.g. after a bug fix changed how a summary is derived or
// after the file was edited by hand.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/store.h"
#include "workflow/alert_rules.h"
#include "workflow/reference_data.h"

namespace tocflow::engine {

// What a rebuild did.
struct RebuildReport {
  int64_t cases = 0;                       // cases replayed
  int64_t changed = 0;                     // summary rows that differed and were rewritten
  std::vector<std::string> changed_cases;  // the first few of them, for the log
  int64_t facts_written = 0;               // facts rows missing or different, and rewritten
  int64_t deadlines_written = 0;  // cases whose pending deadlines differed, and were replaced
};

// Replays every case of `store` and rewrites the summary rows, facts and pending deadlines that
// differ from their replay (next_deadline_at is the store's own and is recomputed from the
// deadlines table, so the scheduler fires what the replayed journey holds pending). Writes
// in batches, each one transaction; run it while no engine is using the store. `teams` fills in the
// default parties of deadline owners, as the engine does. On success it clears a rebuild a schema
// migration filed (Store::SummaryRebuildPending). Errors: the store's; DATA_LOSS / INTERNAL naming
// the case whose history does not replay (the batches before it are kept: every rewritten row is
// correct).
absl::StatusOr<RebuildReport> RebuildSummaries(
    store::Store& store, std::shared_ptr<const workflow::ReferenceData> reference,
    const workflow::TeamDirectory& teams = workflow::TeamDirectory());

}  // namespace tocflow::engine
