// What a track machine's guards and actions see while one event is applied: the case's facts,
// the effects being collected, the event's envelope and the rules. Private to libworkflow.
#pragma once

#include <string>
#include <vector>

#include "workflow/case_facts.h"
#include "workflow/effects.h"
#include "workflow/events.h"
#include "workflow/reference_data.h"
#include "workflow/rule_set.h"

namespace workflow {

struct TrackContext {
  CaseFacts& facts;
  Effects& effects;
  const Event& event;
  const RuleSet& rules;
  const ReferenceData& reference;
  std::vector<std::string>& refusals;  // why guards said no, for the error message

  Timestamp now() const { return event.occurred_at; }
  Date today() const;  // the London day of the event
};

}  // namespace workflow
