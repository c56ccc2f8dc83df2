#include "applied_command.h"

#include <utility>
#include <variant>

#include "outcome_codec.h"
#include "workflow/alert_rules.h"

namespace tocflow::engine::internal {

void CompleteEvent(workflow::Event& event, const workflow::Journey& journey,
                   const EngineOptions& options) {
  if (auto* opening = std::get_if<workflow::CaseOpened>(&event.payload)) {
    if (!opening->rule_set.has_value()) opening->rule_set = options.default_rule_set;
  }
  if (std::holds_alternative<workflow::DeadlineElapsed>(event.payload)) {
    const std::optional<workflow::Timestamp>& last = journey.facts().last_event_at;
    if (last.has_value() && event.occurred_at < *last) event.occurred_at = *last;
  }
}

AppliedCommand BuildApplied(const std::string& case_id, const CaseState& before,
                            const workflow::Journey& after, workflow::Effects effects,
                            const Command& command, const EngineOptions& options,
                            RowDetail detail) {
  if (options.teams != nullptr) {
    for (workflow::Alert& alert : effects.alerts) {
      alert.recipients = workflow::RouteAlert(alert, after.facts().identity, *options.teams);
    }
  }
  const workflow::Timestamp now = options.clock->Now();
  static const workflow::TeamDirectory kNoTeams;
  const workflow::TeamDirectory& teams = options.teams != nullptr ? *options.teams : kNoTeams;
  AppliedCommand applied{BuildCaseCommit(case_id, before.journey, after, effects, command.event,
                                         command.request_id, now, teams, detail),
                         CommandOutcome{}};
  applied.outcome.case_id = case_id;
  applied.outcome.version = after.version();
  applied.outcome.states = StateNames(after);
  for (workflow::Alert& alert : effects.alerts) {
    applied.outcome.alerts.push_back(StoredAlertRef{0, std::move(alert)});
  }
  if (!command.request_id.empty()) {
    applied.commit.request =
        store::RequestRecord{command.request_id,
                             EncodeOutcome(workflow::EventName(command.event.payload),
                                           before.alert_count, applied.outcome),
                             now};
  }
  return applied;
}

}  // namespace tocflow::engine::internal
