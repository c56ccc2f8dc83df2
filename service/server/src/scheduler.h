// The deadline scheduler: one thread that sleeps until the next pending deadline falls due by
// the injected Clock, then records a deadline_elapsed event for each deadline due through the
// command engine (occurred_at = the due time, or the case's latest event if later), a page of up
// to kMaxPageSize at a time submitted together so that the engine commits them in groups. They
// are background commands (engine::Priority::kBackground): client commands do not wait behind
// them. The engine removes a deadline when its event is applied, so none fires twice; deadlines
// that fell due while the server was down fire at start.
//
// With a ManualClock the thread cannot sleep until a clock time: a test advances the clock and
// calls Poke(). Poke is also called after every command (it may have set a sooner deadline);
// pokes within kMinPassInterval of a look are answered by one more look after it.
//
// A deadline the engine refuses (the event is not valid for the case any more) is skipped until
// it changes. One the store could not record for a reason that passes (RESOURCE_EXHAUSTED for a
// full disk, UNAVAILABLE for an I/O error, ...) stays due and is tried again kRetryAfter later
// (wall clock): it fires once the disk recovers, without a restart.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "engine/clock.h"
#include "engine/command_engine.h"
#include "reader_pool.h"

namespace tocflow::server {

class DeadlineScheduler {
 public:
  // Longest wall-clock wait between two looks at the store.
  static constexpr std::chrono::seconds kMaxWait{30};
  // Shortest wall-clock time between the starts of two looks (pokes within it are gathered
  // into one look): a deadline may fire this much later than it fell due.
  static constexpr std::chrono::milliseconds kMinPassInterval{10};
  // Wall-clock wait before a deadline the store could not record is tried again.
  static constexpr std::chrono::seconds kRetryAfter{5};
  // The actor recorded on deadline_elapsed events.
  static constexpr std::string_view kActor = "tocflowd-scheduler";

  DeadlineScheduler(engine::CommandEngine* engine, ReaderPool* readers, const engine::Clock* clock);
  ~DeadlineScheduler();  // Stop()
  DeadlineScheduler(const DeadlineScheduler&) = delete;
  DeadlineScheduler& operator=(const DeadlineScheduler&) = delete;

  // Look at the deadlines again now (the clock moved, or a command set a deadline). Quick.
  void Poke();
  // Stops the thread after the command in flight, if any.
  void Stop();

  // deadline_elapsed events recorded so far (for tests and the stop log line).
  int64_t fired() const;
  // Refusals of deadlines the store still held pending, each logged and then skipped until its
  // case changes (for tests and the stop log line).
  int64_t refused() const;

 private:
  void Run();
  using Key = std::tuple<std::string, int, int64_t>;  // case, kind, due

  // Fires every deadline due now; returns when to look again: the soonest deadline still
  // pending, or sooner to retry deadlines that could not be recorded; nothing: no deadline.
  std::optional<workflow::Timestamp> FireDue();
  // Records deadline_elapsed for every deadline of `due` not refused before nor waiting for a
  // retry, all submitted at once; returns how many were recorded, or nothing when the engine is
  // stopping.
  std::optional<int> FirePage(store::StoreReader& reader,
                              const std::vector<store::PendingDeadline>& due);
  // The case's version now; nothing when it cannot be read.
  static std::optional<int64_t> CaseVersion(store::StoreReader& reader, const std::string& case_id);
  // Whether the store still holds `deadline` pending (false when that cannot be read).
  static bool StillPending(store::StoreReader& reader, const store::PendingDeadline& deadline);
  // Whether a refusal may pass by itself (the store, not the case, was the problem).
  static bool Passing(absl::StatusCode code);

  engine::CommandEngine* engine_;
  ReaderPool* readers_;
  const engine::Clock* clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = true;
  bool stopping_ = false;
  int64_t fired_ = 0;
  int64_t refused_count_ = 0;
  // Deadlines the engine refused while the store still held them pending (a closed case's, say),
  // with the case version the engine judged at (engine::RefusedAtStoredVersion): skipped while
  // the case is still at that version. A deadline refused because a command removed it meanwhile
  // is not kept: should it be set again with the same due time, it fires. Scheduler thread only.
  std::map<Key, int64_t> refused_;
  // Deadlines not recorded for a passing reason, or refused while still pending but not on the
  // case as stored (after an earlier command of the same group, or the case could not be read),
  // and when to try them again (steady clock). Scheduler thread only.
  std::map<Key, std::chrono::steady_clock::time_point> retry_;
  std::thread thread_;
};

}  // namespace tocflow::server
