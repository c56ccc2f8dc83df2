// Reading back what the command writer stores beside a case's events (store::StoredJourney: the
// summary row with its version, region states and parties, the encoded facts, the pending
// deadlines), so that a case can be restored without replaying its history: the writer's journey
// cache and tocflowd's GetCase both do. Each command writes all of it in its own transaction, so
// it is the journey its events replay to (workflow::Journey::Restore).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/records.h"
#include "workflow/case_facts.h"
#include "workflow/journey.h"
#include "workflow/reference_data.h"

namespace tocflow::engine {

// Facts as the writer encodes them (store::CaseCommit::facts: a tocflow.v1.CaseFacts, without
// the parties and the pending deadlines); nullopt when they cannot be read (a newer tocflowd's).
std::optional<workflow::CaseFacts> DecodeStoredFacts(const std::string& encoded);

// The case's journey restored from `stored`; nullopt when a part cannot be read (no facts
// stored, names only a newer tocflowd knows): the caller then replays the events.
std::optional<workflow::Journey> RestoreStoredJourney(
    const store::StoredJourney& stored, std::shared_ptr<const workflow::ReferenceData> reference);

}  // namespace tocflow::engine
