#include "workflow/deadline_runner.h"

#include <algorithm>

namespace workflow {

absl::StatusOr<std::vector<AppliedEvent>> FireDueDeadlines(Journey& journey, Timestamp until,
                                                           const std::string& actor) {
  std::vector<AppliedEvent> applied;
  while (true) {
    const auto& open = journey.facts().open_deadlines;
    auto next = std::min_element(open.begin(), open.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (next == open.end() || next->second > until) return applied;
    const Timestamp at =
        std::max(next->second, journey.facts().last_event_at.value_or(next->second));
    Event event{actor, at, DeadlineElapsed{next->first}};
    absl::StatusOr<Effects> effects = journey.Apply(event);
    if (!effects.ok()) return effects.status();
    applied.push_back({std::move(event), *std::move(effects)});
  }
}

}  // namespace workflow
