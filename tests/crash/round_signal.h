// What the threads of one crash round share: how many commands were answered (the driver kills
// the server after a chosen number), how many clients have run out of work, and whether the
// round is over (the server was killed: threads finish what they are doing and return).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tocflow::crash {

class RoundSignal {
 public:
  explicit RoundSignal(int clients) : clients_(clients) {}

  void NoteAnswered() {
    std::lock_guard lock(mutex_);
    ++answered_;
    changed_.notify_all();
  }
  void NoteClientIdle() {
    std::lock_guard lock(mutex_);
    ++idle_;
    changed_.notify_all();
  }
  // Ends the round: every waiter wakes up.
  void End() {
    std::lock_guard lock(mutex_);
    over_ = true;
    changed_.notify_all();
  }

  bool over() {
    std::lock_guard lock(mutex_);
    return over_;
  }
  int answered() {
    std::lock_guard lock(mutex_);
    return answered_;
  }

  // Waits until `answered` commands were answered in this round, or every client is idle, or
  // `timeout` passed. True unless it timed out.
  bool WaitForAnswers(int answered, std::chrono::microseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return answered_ >= answered || idle_ >= clients_ || over_; });
  }
  // A retry's backoff: waits `pause`, or less if the round ends. True if the round is over.
  bool WaitOver(std::chrono::milliseconds pause) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, pause, [&] { return over_; });
  }

 private:
  const int clients_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int answered_ = 0;
  int idle_ = 0;
  bool over_ = false;
};

}  // namespace tocflow::crash
