// The service's source of "now": injectable so that tests and the scheduler never depend on
// the wall clock.
#pragma once

#include <chrono>
#include <mutex>

#include "workflow/time.h"

namespace tocflow::engine {

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual workflow::Timestamp Now() const = 0;
};

// The system clock, in whole seconds.
class SystemClock final : public Clock {
 public:
  workflow::Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to (tests, simulations). Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(workflow::Timestamp start) : now_(start) {}
  workflow::Timestamp Now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void Set(workflow::Timestamp t) {
    std::lock_guard lock(mutex_);
    now_ = t;
  }
  void Advance(std::chrono::seconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  workflow::Timestamp now_;
};

}  // namespace tocflow::engine
