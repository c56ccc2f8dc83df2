// Turns the alert and deadline names in the transition tables into effects: the message and
// recipients of an alert, the due time of a deadline. Private to libworkflow.
#pragma once

#include <string>

#include "machines/track_context.h"
#include "workflow/alert_kind.h"
#include "workflow/deadline_kind.h"

namespace workflow {

// Adds the alert of that kind, routed to the parties assigned on the case.
void RaiseAlert(TrackContext& ctx, AlertKind kind);
// Sets (or resets) the deadline of that kind; its due time follows from the facts and rules.
void SetDeadline(TrackContext& ctx, DeadlineKind kind);
// Cancels the pending deadline of that kind, if any.
void CancelDeadline(TrackContext& ctx, DeadlineKind kind);
// When a deadline of that kind falls due for the case as it stands.
Timestamp DeadlineDue(const TrackContext& ctx, DeadlineKind kind);
// Records why a rule refused the event and returns false, for use in guards.
bool Refuse(TrackContext& ctx, std::string why);
// The daily reimbursement the case's LA would owe today, in pence (0 when no rate applies).
int64_t ReimbursementPencePerDay(const TrackContext& ctx);

}  // namespace workflow
