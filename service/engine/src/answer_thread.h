// The thread that answers the engine's callers. The writer hands it each group's answers once the
// group is durable (or refused), so that running the callers' callbacks (for tocflowd: building
// and sending the gRPC reply) does not hold up the next group. Answers run in the order handed
// over, one group after another.
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "group_commit.h"

namespace tocflow::engine::internal {

class AnswerThread {
 public:
  AnswerThread();
  // Stop().
  ~AnswerThread();
  AnswerThread(const AnswerThread&) = delete;
  AnswerThread& operator=(const AnswerThread&) = delete;

  // Queues the group's commands, each already answered (PendingCommand::Answer); their callbacks
  // run on this thread. After Stop they run on the caller's thread.
  void Deliver(std::vector<PendingCommand> group);
  // Runs everything queued, then joins the thread. Idempotent.
  void Stop();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::vector<PendingCommand>> groups_;  // guarded by mutex_
  bool stopping_ = false;                           // guarded by mutex_
  std::thread thread_;
};

}  // namespace tocflow::engine::internal
