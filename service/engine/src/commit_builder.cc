#include "commit_builder.h"

#include <algorithm>

#include "tocflow/v1/events.pb.h"
#include "wire/case_view.h"
#include "wire/event_codec.h"
#include "workflow/case_facts.h"
#include "workflow/deadline_owners.h"
#include "workflow/rule_set.h"

namespace tocflow::engine::internal {
namespace {

bool Contains(const std::vector<workflow::DeadlineKind>& kinds, workflow::DeadlineKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// Deadlines to remove: those the effects cancel, and those pending before but not after (a
// deadline that fired is no longer pending without the effects saying so).
std::vector<workflow::DeadlineKind> RemovedDeadlines(const workflow::CaseFacts& before,
                                                     const workflow::CaseFacts& after,
                                                     const workflow::Effects& effects) {
  std::vector<workflow::DeadlineKind> removed;
  for (workflow::DeadlineKind kind : effects.deadlines_cancelled) {
    if (!Contains(removed, kind)) removed.push_back(kind);
  }
  for (const auto& [kind, due] : before.open_deadlines) {
    if (!after.open_deadlines.contains(kind) && !Contains(removed, kind)) removed.push_back(kind);
  }
  return removed;
}

}  // namespace

std::vector<std::string> StateNames(const workflow::Journey& journey) {
  std::vector<std::string> states;
  states.reserve(workflow::kRegionCount);
  for (int r = 0; r < workflow::kRegionCount; ++r) {
    states.emplace_back(journey.State(static_cast<workflow::Region>(r)));
  }
  return states;
}

template <typename Enum>
std::string NameOf(const std::optional<Enum>& value) {
  return value ? std::string(workflow::Name(*value)) : std::string();
}

store::CaseSummary BuildSummary(const std::string& case_id, const workflow::Journey& journey,
                                workflow::Timestamp recorded_at,
                                const workflow::TeamDirectory& teams, RowDetail detail) {
  const workflow::CaseFacts& facts = journey.facts();
  const workflow::CaseIdentity& identity = facts.identity;
  store::CaseSummary summary;
  summary.case_id = case_id;
  summary.version = journey.version();
  summary.nhs_number = identity.nhs_number;
  summary.local_patient_id = identity.local_patient_id;
  summary.spell_id = identity.spell_id;
  summary.provider_ods = identity.provider_ods;
  summary.site = identity.site;
  summary.ward = identity.ward;
  summary.bed = identity.bed;
  summary.local_authority = identity.local_authority;
  summary.icb = identity.icb;
  summary.rule_set = std::string(workflow::RuleSetName(facts.rule_set));
  for (int r = 0; r < workflow::kRegionCount; ++r) {
    summary.states[r] = std::string(journey.State(static_cast<workflow::Region>(r)));
  }
  const std::vector<workflow::ReadyPeriod>& periods = facts.stay.ready_periods;
  if (!periods.empty() && !periods.back().end.has_value()) {
    summary.ready_since = periods.back().start;
  }
  summary.discharged_at = facts.stay.discharged_at;
  summary.closed = journey.closed();
  summary.opened_at = facts.opened_at.value_or(recorded_at);
  summary.updated_at = recorded_at;
  summary.admitted_at = identity.admitted_at;
  summary.pathway = NameOf(facts.stay.pathway);
  if (facts.stay.delay_reason.has_value()) {
    const workflow::DelayReason& reason = *facts.stay.delay_reason;
    summary.dtoc_reason = NameOf(reason.dtoc);
    summary.nctr_reason = NameOf(reason.nctr);
    summary.attribution = std::string(workflow::Name(reason.attribution));
  }
  for (const auto& [role, party] : facts.parties) {
    summary.parties.push_back({std::string(workflow::Name(role)), party});
  }
  if (detail == RowDetail::kOverwritten) return summary;
  for (const workflow::DeadlineOwners& pending : workflow::PendingDeadlineOwners(journey, teams)) {
    for (const workflow::AlertRecipient& owner : pending.recipients) {
      summary.deadline_owners.push_back({std::string(workflow::Name(pending.kind)),
                                         std::string(workflow::Name(owner.role)), owner.party});
    }
  }
  return summary;
}

std::string EncodeFacts(const workflow::Journey& journey) {
  return wire::ToWire(journey.facts()).SerializeAsString();
}

store::CaseCommit BuildCaseCommit(const std::string& case_id, const workflow::Journey& before,
                                  const workflow::Journey& after, const workflow::Effects& effects,
                                  const workflow::Event& event, const std::string& request_id,
                                  workflow::Timestamp recorded_at,
                                  const workflow::TeamDirectory& teams, RowDetail detail) {
  store::CaseCommit commit;
  commit.expected_version = before.version();
  commit.summary = BuildSummary(case_id, after, recorded_at, teams, detail);

  store::NewEvent stored;
  stored.type = std::string(workflow::EventName(event.payload));
  stored.payload = wire::ToWire(event).SerializeAsString();
  stored.actor = event.actor;
  stored.occurred_at = event.occurred_at;
  stored.recorded_at = recorded_at;
  stored.request_id = request_id;
  commit.events.push_back(std::move(stored));

  commit.alerts = effects.alerts;
  commit.deadlines_removed = RemovedDeadlines(before.facts(), after.facts(), effects);
  commit.deadlines_set = effects.deadlines_set;
  if (detail == RowDetail::kFull) commit.facts = EncodeFacts(after);
  return commit;
}

}  // namespace tocflow::engine::internal
