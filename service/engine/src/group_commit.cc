#include "group_commit.h"

#include <algorithm>
#include <exception>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "applied_command.h"
#include "outcome_codec.h"
#include "workflow/events.h"

namespace tocflow::engine::internal {

// The status payload carrying the version a refusal was judged at.
constexpr char kRefusedAtStoredVersion[] = "tocflow.engine/refused-at-stored-version";

namespace {

constexpr std::string_view kCaseOpened = workflow::CaseOpened::kName;

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string SpellText(const std::string& provider_ods, const std::string& spell_id) {
  return "provider " + provider_ods + " spell " + spell_id;
}

absl::Status RequestReused(const std::string& request_id, std::string_view event_type,
                           const std::string& case_id) {
  return absl::AlreadyExistsError("request id " + Quoted(request_id) + " was already used for " +
                                  std::string(event_type) + " on case " + case_id +
                                  "; use a new request id for a different command");
}

}  // namespace

void PendingCommand::Answer(absl::StatusOr<CommandOutcome> result) {
  if (!answer.has_value()) answer = std::move(result);
}

void PendingCommand::Deliver() {
  if (!answer.has_value() || !done) return;
  auto callback = std::move(done);
  done = nullptr;
  try {
    callback(*std::move(answer));
  } catch (...) {
    // A callback must not throw; if it does, the engine carries on.
  }
}

// The state of one group while it is processed.
class GroupCommitter::Run {
 public:
  Run(GroupCommitter& committer, std::vector<PendingCommand>& group)
      : c_(committer), group_(group) {}

  std::optional<int64_t> Process() {
    {
      // The group's reads (request ids, cases not cached, spells) share one snapshot and one
      // read lock; nothing else writes meanwhile. Should it fail to begin, each read takes its
      // own. It ends before the commit so that the commit's checkpoint can copy past it.
      absl::StatusOr<store::ReaderSnapshot> snapshot = c_.reader_->HoldSnapshot();
      for (size_t i = 0; i < group_.size(); ++i) {
        std::optional<absl::StatusOr<CommandOutcome>> answer = Admit(i);
        if (answer.has_value()) group_[i].Answer(*std::move(answer));
      }
    }
    if (accepted_.empty()) return std::nullopt;
    return Commit();
  }

  // After an exception: nothing cached may be trusted for the cases this group touched.
  void Abandon(const std::string& why) {
    for (const auto& [case_id, state] : working_) c_.loader_->Evict(case_id);
    for (PendingCommand& pending : group_) {
      pending.Answer(absl::InternalError("internal error in the command writer (" + why +
                                         "); retry with the same request id"));
    }
  }

 private:
  struct Accepted {
    size_t index;  // in the group
    store::CaseCommit commit;
    CommandOutcome outcome;  // alert cursors filled in once committed
  };
  struct Duplicate {
    size_t index;     // in the group
    size_t accepted;  // index in accepted_ of the command it repeats
  };

  // Checks and applies command `index`. Returns the answer to give now, or nothing when the
  // command joins the commit (accepted, or a repeat of an accepted command).
  std::optional<absl::StatusOr<CommandOutcome>> Admit(size_t index) {
    const Command& command = group_[index].command;
    const bool opening = std::holds_alternative<workflow::CaseOpened>(command.event.payload);
    const std::string_view event_type = workflow::EventName(command.event.payload);
    if (opening && !command.case_id.empty()) {
      return absl::InvalidArgumentError(
          "case_id: must be empty for case_opened (the service assigns the case id)");
    }
    if (!opening && command.case_id.empty()) {
      return absl::InvalidArgumentError("case_id: required for " + std::string(event_type));
    }
    if (!command.request_id.empty()) {
      RequestCheck check = CheckRequest(index, event_type);
      if (check.repeats_accepted) return std::nullopt;
      if (check.answer.has_value()) return std::move(check.answer);
    }
    return opening ? Open(index) : Apply(index, command.case_id);
  }

  // What a command's request id says about it.
  struct RequestCheck {
    bool repeats_accepted = false;  // repeats a command accepted earlier in this group
    std::optional<absl::StatusOr<CommandOutcome>> answer;  // the answer to give now, if any
  };

  RequestCheck CheckRequest(size_t index, std::string_view event_type) {
    const Command& command = group_[index].command;
    if (auto it = group_requests_.find(command.request_id); it != group_requests_.end()) {
      const Accepted& first = accepted_[it->second];
      const Command& original = group_[first.index].command;
      const std::string_view original_type = workflow::EventName(original.event.payload);
      if (!SameCommand(command, event_type, first.outcome.case_id, original_type,
                       first.commit.summary.provider_ods, first.commit.summary.spell_id)) {
        return {false, RequestReused(command.request_id, original_type, first.outcome.case_id)};
      }
      duplicates_.push_back(Duplicate{index, it->second});
      return {true, std::nullopt};
    }

    absl::StatusOr<store::StoredRequest> stored = c_.reader_->LookupRequest(command.request_id);
    if (absl::IsNotFound(stored.status())) return {};
    if (!stored.ok()) return {false, stored.status()};
    absl::StatusOr<DecodedOutcome> decoded = DecodeOutcome(stored->result);
    if (!decoded.ok()) return {false, decoded.status()};
    std::string provider_ods;
    std::string spell_id;
    if (decoded->event_type == kCaseOpened) {
      absl::StatusOr<store::CaseSummary> summary = c_.reader_->GetCaseSummary(stored->case_id);
      if (!summary.ok()) return {false, summary.status()};
      provider_ods = summary->provider_ods;
      spell_id = summary->spell_id;
    }
    if (!SameCommand(command, event_type, stored->case_id, decoded->event_type, provider_ods,
                     spell_id)) {
      return {false, RequestReused(command.request_id, decoded->event_type, stored->case_id)};
    }
    return {false, StoredOutcome(*c_.reader_, *stored, *decoded)};
  }

  // Whether `command` repeats the command recorded for its request id: the same event type on
  // the same case (for case_opened: the same provider and spell).
  static bool SameCommand(const Command& command, std::string_view event_type,
                          const std::string& original_case, std::string_view original_type,
                          const std::string& original_provider, const std::string& original_spell) {
    if (event_type != original_type) return false;
    if (const auto* opening = std::get_if<workflow::CaseOpened>(&command.event.payload)) {
      return opening->provider_ods == original_provider && opening->spell_id == original_spell;
    }
    return command.case_id == original_case;
  }

  std::optional<absl::StatusOr<CommandOutcome>> Open(size_t index) {
    const Command& command = group_[index].command;
    const auto& opening = std::get<workflow::CaseOpened>(command.event.payload);
    CaseState fresh{workflow::Journey(c_.options_->reference), 0};
    CompleteEvent(group_[index].command.event, fresh.journey, *c_.options_);
    workflow::Journey next = fresh.journey;
    absl::StatusOr<workflow::Effects> effects = next.Apply(command.event);
    if (!effects.ok()) return effects.status();

    const std::pair<std::string, std::string> spell(opening.provider_ods, opening.spell_id);
    if (!opening.spell_id.empty()) {
      if (auto it = group_spells_.find(spell); it != group_spells_.end()) {
        return SpellTaken(opening, it->second);
      }
      absl::StatusOr<store::CaseSummary> existing =
          c_.reader_->FindCaseBySpell(opening.provider_ods, opening.spell_id);
      if (existing.ok()) return SpellTaken(opening, existing->case_id);
      if (!absl::IsNotFound(existing.status())) return existing.status();
    }

    const std::string case_id = c_.options_->new_case_id();
    if (case_id.empty() || working_.contains(case_id)) {
      return absl::InternalError("the case id generator gave an unusable id " + Quoted(case_id));
    }
    absl::StatusOr<store::CaseSummary> clash = c_.reader_->GetCaseSummary(case_id);
    if (clash.ok()) {
      return absl::InternalError("the case id generator gave the existing case id " + case_id);
    }
    if (!absl::IsNotFound(clash.status())) return clash.status();

    if (!opening.spell_id.empty()) group_spells_.emplace(spell, case_id);
    auto [slot, inserted] = working_.emplace(case_id, std::move(fresh));
    Accept(index, case_id, slot->second, std::move(next), *effects);
    return std::nullopt;
  }

  static absl::Status SpellTaken(const workflow::CaseOpened& opening, const std::string& case_id) {
    return absl::AlreadyExistsError("a case is already open for " +
                                    SpellText(opening.provider_ods, opening.spell_id) + ": case " +
                                    case_id);
  }

  std::optional<absl::StatusOr<CommandOutcome>> Apply(size_t index, const std::string& case_id) {
    const Command& command = group_[index].command;
    auto slot = working_.find(case_id);
    if (slot == working_.end()) {
      absl::StatusOr<CaseState> loaded = c_.loader_->Load(case_id);
      if (!loaded.ok()) return loaded.status();
      slot = working_.emplace(case_id, *std::move(loaded)).first;
    }
    CaseState& state = slot->second;
    const int64_t current = state.journey.version();
    if (current >= c_.options_->max_events_per_case) {
      return absl::ResourceExhaustedError(
          "case " + case_id + " holds " + std::to_string(current) +
          " events, the most one case may hold; nothing was recorded (close this case and open "
          "a new one, or raise the limit)");
    }
    if (command.expected_version.has_value() && *command.expected_version != current) {
      return absl::AbortedError("case " + case_id + " is at version " + std::to_string(current) +
                                ", not the expected version " +
                                std::to_string(*command.expected_version) +
                                "; read the case again and retry");
    }
    CompleteEvent(group_[index].command.event, state.journey, *c_.options_);
    workflow::Journey next = state.journey;
    absl::StatusOr<workflow::Effects> effects = next.Apply(command.event);
    if (!effects.ok()) {
      absl::Status refused = effects.status();
      if (std::find(touched_.begin(), touched_.end(), case_id) == touched_.end()) {
        MarkRefusedAtStoredVersion(refused, current);
      }
      return refused;
    }
    Accept(index, case_id, state, std::move(next), *effects);
    return std::nullopt;
  }

  // Adds an applied command to the commit and moves its case's working state on.
  void Accept(size_t index, const std::string& case_id, CaseState& state, workflow::Journey next,
              workflow::Effects effects) {
    const Command& command = group_[index].command;
    const int64_t alerts = static_cast<int64_t>(effects.alerts.size());
    AppliedCommand applied =
        BuildApplied(case_id, state, next, std::move(effects), command, *c_.options_);
    if (!command.request_id.empty()) group_requests_.emplace(command.request_id, accepted_.size());
    state.journey = std::move(next);
    state.alert_count += alerts;
    touched_.push_back(case_id);
    accepted_.push_back(Accepted{index, std::move(applied.commit), std::move(applied.outcome)});
  }

  std::optional<int64_t> Commit() {
    std::vector<store::CaseCommit> batch;
    batch.reserve(accepted_.size());
    // Moved, not copied: once the group is admitted only the outcomes are read again.
    for (Accepted& entry : accepted_) batch.push_back(std::move(entry.commit));
    absl::StatusOr<std::vector<store::CommitResult>> results = c_.store_->Commit(batch);
    if (results.ok() && results->size() != accepted_.size()) {
      results =
          absl::InternalError("the store answered " + std::to_string(results->size()) +
                              " results for " + std::to_string(accepted_.size()) + " commands");
    }
    if (!results.ok()) {
      for (const std::string& case_id : touched_) c_.loader_->Evict(case_id);
      const absl::Status failed(results.status().code(),
                                "nothing was stored: " + std::string(results.status().message()) +
                                    "; retry with the same request id");
      for (const Accepted& entry : accepted_) group_[entry.index].Answer(failed);
      for (const Duplicate& dup : duplicates_) group_[dup.index].Answer(failed);
      return std::nullopt;
    }

    std::optional<int64_t> last_cursor;
    for (size_t i = 0; i < accepted_.size(); ++i) {
      std::vector<StoredAlertRef>& alerts = accepted_[i].outcome.alerts;
      const std::vector<int64_t>& cursors = (*results)[i].alert_cursors;
      for (size_t a = 0; a < alerts.size() && a < cursors.size(); ++a) {
        alerts[a].cursor = cursors[a];
        last_cursor = std::max(last_cursor.value_or(cursors[a]), cursors[a]);
      }
    }
    for (const std::string& case_id : touched_) c_.loader_->Put(case_id, working_.at(case_id));
    for (const Accepted& entry : accepted_) group_[entry.index].Answer(entry.outcome);
    for (const Duplicate& dup : duplicates_) {
      CommandOutcome outcome = accepted_[dup.accepted].outcome;
      outcome.replayed = true;
      group_[dup.index].Answer(std::move(outcome));
    }
    return last_cursor;
  }

  GroupCommitter& c_;
  std::vector<PendingCommand>& group_;
  std::unordered_map<std::string, CaseState> working_;  // case id -> state after this group
  std::vector<std::string> touched_;                    // cases with accepted commands
  std::vector<Accepted> accepted_;
  std::vector<Duplicate> duplicates_;
  std::unordered_map<std::string, size_t> group_requests_;  // request id -> index in accepted_
  std::map<std::pair<std::string, std::string>, std::string> group_spells_;  // -> case id
};

GroupCommitter::GroupCommitter(store::Store* store, store::StoreReader* reader, CaseLoader* loader,
                               const EngineOptions* options)
    : options_(options), store_(store), reader_(reader), loader_(loader) {}

std::optional<int64_t> GroupCommitter::Process(std::vector<PendingCommand>& group) {
  Run run(*this, group);
  try {
    return run.Process();
  } catch (const std::exception& e) {
    run.Abandon(e.what());
  } catch (...) {
    run.Abandon("unknown exception");
  }
  return std::nullopt;
}

void MarkRefusedAtStoredVersion(absl::Status& refusal, int64_t version) {
  refusal.SetPayload(kRefusedAtStoredVersion, absl::Cord(std::to_string(version)));
}

}  // namespace tocflow::engine::internal

namespace tocflow::engine {

std::optional<int64_t> RefusedAtStoredVersion(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(internal::kRefusedAtStoredVersion);
  int64_t version = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &version)) {
    return std::nullopt;
  }
  return version;
}

}  // namespace tocflow::engine
