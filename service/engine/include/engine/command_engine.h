// The command path of tocflowd: one writer thread that applies commands to cases through
// libworkflow and commits them to the store in groups (many commands, one fsync), answering
// each caller only once its group is durable.
//
// For each command the writer: answers a request id seen before with the original outcome
// (nothing is applied twice); loads the case's journey (from its cache, or by replaying the
// stored events); checks expected_version (ABORTED, naming the current version); applies the
// event to a copy of the journey (the library's INVALID_ARGUMENT / FAILED_PRECONDITION pass
// through unchanged); and turns the new journey and its effects into a store::CaseCommit.
// Commands of one group apply in order, so a later command sees an earlier one's case. The
// group is committed in one transaction; if that fails, every command of the group gets the
// error and nothing of it is stored or cached.
//
// Thread safety: Execute and ExecuteAsync may be called from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/clock.h"
#include "store/store.h"
#include "workflow/alert_rules.h"
#include "workflow/effects.h"
#include "workflow/events.h"
#include "workflow/journey.h"
#include "workflow/reference_data.h"
#include "workflow/rule_set.h"

namespace tocflow::engine {

// One command for one case.
struct Command {
  // Makes the command idempotent; required for commands from clients, empty for the scheduler
  // (a deadline_elapsed is made idempotent by the deadline itself: it fires once).
  std::string request_id;
  // The case; empty for a case_opened event, when the engine assigns a new case id.
  std::string case_id;
  // When set, the command is refused with ABORTED unless the case is at this version.
  std::optional<int64_t> expected_version;
  workflow::Event event;
};

// An alert as stored, with its global cursor.
struct StoredAlertRef {
  int64_t cursor = 0;
  workflow::Alert alert;
};

// What a command did.
struct CommandOutcome {
  std::string case_id;
  int64_t version = 0;                 // the case's version after the command
  std::vector<StoredAlertRef> alerts;  // alerts raised, in order, with their cursors
  std::vector<std::string> states;     // state name per region (workflow::Region order)
  bool replayed = false;               // true: a retry, answered with the original outcome
};

struct EngineOptions {
  // Reference data for every journey (bank holidays, higher-rate LAs). Required.
  std::shared_ptr<const workflow::ReferenceData> reference = workflow::DefaultReferenceData();
  // Who gets a role's alerts while nobody is assigned to that role on the case; nullptr: no
  // defaults (such recipients keep an empty party).
  std::shared_ptr<const workflow::TeamDirectory> teams;
  // The rule set written into a case_opened event that names none. The stored event always
  // names its rule set, so a case replays the same whatever the configuration later says.
  workflow::RuleSetId default_rule_set = workflow::kDefaultRuleSet;
  // Source of recorded_at times. Required; must outlive the engine.
  const Clock* clock = nullptr;
  // Most events one case may hold; a command on a case that has them all is refused with
  // RESOURCE_EXHAUSTED (a runaway feed must not grow a case without bound).
  int64_t max_events_per_case = 10000;
  // Most commands committed in one group.
  int max_batch = 256;
  // Most background commands (Priority::kBackground: the scheduler's deadline_elapsed) in one
  // group. Client commands go first; background ones only fill a group up to this many, so a
  // client command arriving during a deadline storm waits for at most this many firings (plus
  // its own group), while the storm still drains in groups (one fsync for many firings).
  int max_background_per_group = 16;
  // Most background commands in a group that also carries client commands (at most
  // max_background_per_group): the group a client command commits in stays short during a storm,
  // while groups with no client command still take the full share.
  int max_background_beside_clients = 4;
  // Most journeys kept in memory (least recently used are dropped and replayed when needed).
  size_t journey_cache_size = 100000;
  // Makes a new case id; default: a random 128-bit id in hex.
  std::function<std::string()> new_case_id;
};

// Who waits for whom in the writer's queue.
enum class Priority {
  // A client's command: runs in submission order with the other client commands and the
  // acknowledgements, ahead of every background command.
  kClient,
  // Work nobody waits for interactively (the scheduler's deadline firings): runs in submission
  // order with the other background commands, after the client commands queued when a group
  // starts, at most max_background_per_group in a group. Never starved: while background
  // commands wait, each group keeps at least one place for them (when max_batch > 1).
  kBackground,
};

class CommandEngine {
 public:
  // Takes the store's writer and starts the writer thread. INVALID_ARGUMENT when a required
  // option is missing; the store's errors when its reader cannot be opened.
  static absl::StatusOr<std::unique_ptr<CommandEngine>> Start(std::unique_ptr<store::Store> store,
                                                              EngineOptions options);
  // Finishes the commands already queued, then stops the writer thread.
  ~CommandEngine();

  // Applies one command and waits until it is durable (or refused). Errors: INVALID_ARGUMENT,
  // FAILED_PRECONDITION (from libworkflow), NOT_FOUND (no such case), ABORTED (stale
  // expected_version), ALREADY_EXISTS (a case for the same provider and spell: the message
  // names it; or a request id reused for a different command), UNAVAILABLE /
  // RESOURCE_EXHAUSTED (the store could not commit: nothing was stored; retry with the same
  // request id), CANCELLED (the engine is stopping).
  absl::StatusOr<CommandOutcome> Execute(Command command);

  // The same without blocking: `done` runs once the outcome is known (durable or refused), on
  // the engine's answer thread, in the order the writer decided; it must be quick (it holds up
  // the answers after it) and must not wait for the engine. `priority` says which queue the
  // command waits in (see Priority).
  void ExecuteAsync(Command command, std::function<void(absl::StatusOr<CommandOutcome>)> done,
                    Priority priority = Priority::kClient);

  // Acknowledges alert `cursor` for `acked_by` at the clock's now, on the writer thread in its
  // own transaction, after the client commands queued before it. Idempotent: acknowledging again
  // changes nothing and returns the first acknowledgement. Errors: INVALID_ARGUMENT (cursor not
  // positive, acked_by empty), NOT_FOUND (no such alert), the store's RESOURCE_EXHAUSTED /
  // UNAVAILABLE (nothing stored), CANCELLED (the engine is stopping).
  absl::StatusOr<store::AlertAck> AcknowledgeAlert(int64_t cursor, std::string acked_by);
  // The same without blocking: queued before returning; `done` runs on the writer thread (or on
  // the caller's, for bad arguments or a stopping engine) and must be quick.
  void AcknowledgeAlertAsync(int64_t cursor, std::string acked_by,
                             std::function<void(absl::StatusOr<store::AlertAck>)> done);

  // Registers a callback run on the writer thread after every durable group that stored an
  // alert, with the highest cursor stored (for the alert hub to wake its watchers). Set it
  // before the first command.
  void OnAlertsCommitted(std::function<void(int64_t last_cursor)> callback);

 private:
  struct Impl;
  explicit CommandEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// For a command the workflow's rules refused (libworkflow's INVALID_ARGUMENT or
// FAILED_PRECONDITION) on its case as stored, with no earlier command of its group applied to
// that case first: the case version it was judged at, carried as a payload of the status.
// Nothing for any other status, or for a refusal judged after an earlier command of the same
// group (that state may never be stored: the group can fail to commit). The deadline scheduler
// skips a refused deadline only while its case is still at this version.
std::optional<int64_t> RefusedAtStoredVersion(const absl::Status& status);

}  // namespace tocflow::engine
