// Checks an event's own data before it is offered to the journey: required fields, NHS number,
// dates not before admission, times not before the previous event. Private to libworkflow.
#pragma once

#include "absl/status/status.h"
#include "workflow/case_facts.h"
#include "workflow/events.h"

namespace workflow {

// OK, or INVALID_ARGUMENT naming the field and what is wrong with it. `facts` is the case as it
// stands (empty before the case is opened).
absl::Status ValidateEvent(const Event& event, const CaseFacts& facts);

}  // namespace workflow
