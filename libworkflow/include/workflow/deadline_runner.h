// Fires a journey's pending deadlines as time passes: the in-process equivalent of the service's
// scheduler, for simulations, demos and tests. Deterministic: time is an argument.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "workflow/journey.h"

namespace workflow {

// One event applied by the runner, with what it caused.
struct AppliedEvent {
  Event event;
  Effects effects;
};

// Applies a DeadlineElapsed event for every deadline due at or before `until`, earliest first,
// each at its due time (or at the case's last event time, if that is later). Deadlines that the
// fired events set and that also fall due by `until` fire too. Stops at the first error.
absl::StatusOr<std::vector<AppliedEvent>> FireDueDeadlines(Journey& journey, Timestamp until,
                                                           const std::string& actor = "scheduler");

}  // namespace workflow
