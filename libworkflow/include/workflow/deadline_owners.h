// Who answers for a pending deadline: the recipients of the alerts the journey raises when it
// falls due. They are found by applying the deadline's DeadlineElapsed to a copy of the journey,
// so the transition tables decide (a deadline whose row depends on the delay's attribution, say,
// is owned by whoever that row alerts today), and nothing here restates them.
#pragma once

#include <vector>

#include "workflow/alert_rules.h"
#include "workflow/effects.h"
#include "workflow/journey.h"

namespace workflow {

// A pending deadline with the parties it alerts when it falls due.
struct DeadlineOwners {
  DeadlineKind kind = DeadlineKind::kEddMissing;
  Timestamp due;
  // One per role, in the order the alerts name them; the party is the one assigned on the case,
  // or the team default from `teams`, or empty when neither is known. Empty when the deadline
  // raises no alert in the journey's current state.
  std::vector<AlertRecipient> recipients;
};

// Every pending deadline of the journey, soonest first (ties in DeadlineKind order), with its
// owners as if it fell due now (at its due time, or at the case's last event if that is later).
std::vector<DeadlineOwners> PendingDeadlineOwners(const Journey& journey,
                                                  const TeamDirectory& teams = TeamDirectory());

}  // namespace workflow
