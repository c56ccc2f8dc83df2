#include "workflow/deadline_owners.h"

#include <algorithm>

namespace workflow {
namespace {

bool HasRole(const std::vector<AlertRecipient>& recipients, Role role) {
  return std::any_of(recipients.begin(), recipients.end(),
                     [role](const AlertRecipient& r) { return r.role == role; });
}

std::vector<AlertRecipient> RecipientsWhenDue(const Journey& journey, DeadlineKind kind,
                                              Timestamp due, const TeamDirectory& teams) {
  const CaseFacts& facts = journey.facts();
  Journey trial = journey;
  const Timestamp at = std::max(due, facts.last_event_at.value_or(due));
  absl::StatusOr<Effects> effects = trial.Apply(Event{"scheduler", at, DeadlineElapsed{kind}});
  std::vector<AlertRecipient> owners;
  if (!effects.ok()) return owners;
  for (const Alert& alert : effects->alerts) {
    for (AlertRecipient& recipient : RouteAlert(alert, facts.identity, teams)) {
      if (!HasRole(owners, recipient.role)) owners.push_back(std::move(recipient));
    }
  }
  return owners;
}

}  // namespace

std::vector<DeadlineOwners> PendingDeadlineOwners(const Journey& journey,
                                                  const TeamDirectory& teams) {
  std::vector<DeadlineOwners> pending;
  for (const auto& [kind, due] : journey.facts().open_deadlines) {
    pending.push_back({kind, due, RecipientsWhenDue(journey, kind, due, teams)});
  }
  std::stable_sort(pending.begin(), pending.end(),
                   [](const DeadlineOwners& a, const DeadlineOwners& b) { return a.due < b.due; });
  return pending;
}

}  // namespace workflow
