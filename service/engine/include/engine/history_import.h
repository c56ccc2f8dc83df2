// Loads whole case histories into a store file that no tocflowd is serving: generated cases for
// the benchmarks, or histories migrated from another system. Each case's commands are applied
// through libworkflow and stored exactly as the CommandEngine stores a command (the same
// summaries, events, alerts, deadlines, facts and request records, built by the same code), but
// many cases go into each transaction and nothing is looked up in the store first: the importer
// trusts that its cases and request ids are new (Store::Commit still refuses a request id or a
// case version it already holds, and the batch with it).
//
// Work is split over two threads: the caller applies the commands and builds the rows of the
// next batch while the importer's thread commits the previous one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/command_engine.h"
#include "store/store.h"

namespace tocflow::engine {

struct ImportOptions {
  // The reference data, teams, default rule set, clock (required: the recorded_at of every
  // event) and max_events_per_case, as the CommandEngine uses them.
  EngineOptions engine;
  // Commands per transaction.
  int batch = 16384;
};

// Use from one thread.
class HistoryImporter {
 public:
  // Takes the store's writer. INVALID_ARGUMENT when the clock is missing or batch < 1.
  static absl::StatusOr<std::unique_ptr<HistoryImporter>> Start(std::unique_ptr<store::Store> store,
                                                                ImportOptions options);
  // Finish(), if not called yet.
  ~HistoryImporter();

  // Applies `history`, case `case_id`'s commands in order (the first a case_opened, no other;
  // their case_id and expected_version are not read), and queues their rows. A case is queued whole
  // or not at all: INVALID_ARGUMENT or FAILED_PRECONDITION (from libworkflow), RESOURCE_EXHAUSTED
  // (more than max_events_per_case commands) name the case and the command, and nothing of the case
  // is queued. Returns the error of an earlier batch's commit instead, once one failed: nothing
  // more is then stored.
  absl::Status Add(const std::string& case_id, std::vector<Command> history);

  // Commits what is queued, waits for it and closes the store (checkpointing its WAL). Returns
  // the first error of any commit ("nothing was stored" names the batch that failed; earlier
  // batches stay stored). Later calls return the same.
  absl::Status Finish();

  // Commands stored so far by finished commits.
  int64_t committed() const;

 private:
  struct Impl;
  explicit HistoryImporter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocflow::engine
