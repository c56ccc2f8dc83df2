// The deadline scheduler: one thread that sleeps until the next pending deadline falls due by
// the injected Clock, then records a deadline_elapsed event for each deadline due through the
// command engine (occurred_at = the due time, or the case's latest event if later), a page of up to
// kMaxPageSize at a time submitted together so that the engine commits them in groups. The engine
// removes a deadline when its event is applied, so none fires twice; deadlines that fell due while
// the server was down fire at start.
//
// With a ManualClock the thread cannot sleep until a clock time: a test advances the clock and
// calls Poke(). Poke is also called after every command (it may have set a sooner deadline).
//
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "engine/clock.h"
#include "engine/command_engine.h"
#include "reader_pool.h"

namespace tocflow::server {

class DeadlineScheduler {
 public:
  // Longest wall-clock wait between two looks at the store.
  static constexpr std::chrono::seconds kMaxWait{30};
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

 private:
  void Run();
  // Fires every deadline due now; returns the soonest deadline still pending, if any.
  std::optional<workflow::Timestamp> FireDue();
  // Records deadline_elapsed for every deadline of `due` not refused before, all submitted at
  // once; returns how many were recorded, or nothing when the engine is stopping.
  std::optional<int> FirePage(const std::vector<store::PendingDeadline>& due);

  engine::CommandEngine* engine_;
  ReaderPool* readers_;
  const engine::Clock* clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = true;
  bool stopping_ = false;
  int64_t fired_ = 0;
  // Deadlines the engine refused, skipped until they change (case, kind, due).
  std::set<std::tuple<std::string, int, int64_t>> refused_;
  std::thread thread_;
};

}  // namespace tocflow::server
