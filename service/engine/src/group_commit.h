// One group of commands on the writer thread: each command checked and applied in order to
// working copies of its case, the valid ones committed in one store transaction, every caller
// answered.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "case_loader.h"
#include "engine/command_engine.h"
#include "store/store.h"

namespace tocflow::engine::internal {

// A queued command, the callback that answers it and, once known, its answer.
struct PendingCommand {
  Command command;
  std::function<void(absl::StatusOr<CommandOutcome>)> done;
  std::optional<absl::StatusOr<CommandOutcome>> answer;  // the first answer given

  // Keeps `result` as the answer unless one was given already. `done` runs later, in Deliver.
  void Answer(absl::StatusOr<CommandOutcome> result);
  // Runs `done` with the answer, once; nothing when there is no answer yet. A callback that
  // throws is ignored.
  void Deliver();
};

// Adds to a refusal judged on the case as stored the case version it was judged at
// (engine::RefusedAtStoredVersion reads it back).
void MarkRefusedAtStoredVersion(absl::Status& refusal, int64_t version);

// Not thread-safe: owned and used by the writer thread.
class GroupCommitter {
 public:
  // Every pointer must outlive the committer; `reader` reads `store`'s file.
  GroupCommitter(store::Store* store, store::StoreReader* reader, CaseLoader* loader,
                 const EngineOptions* options);

  // Answers every command of `group` (PendingCommand::Answer; the caller delivers). Returns the
  // highest alert cursor the group stored, if it stored any. Never throws: an exception answers the
  // commands not yet answered with INTERNAL.
  std::optional<int64_t> Process(std::vector<PendingCommand>& group);

 private:
  class Run;
  const EngineOptions* options_;
  store::Store* store_;
  store::StoreReader* reader_;
  CaseLoader* loader_;
};

}  // namespace tocflow::engine::internal
