#include "scheduler.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "workflow/events.h"

namespace tocflow::server {

DeadlineScheduler::DeadlineScheduler(engine::CommandEngine* engine, ReaderPool* readers,
                                     const engine::Clock* clock)
    : engine_(engine), readers_(readers), clock_(clock), thread_([this] { Run(); }) {}

DeadlineScheduler::~DeadlineScheduler() { Stop(); }

void DeadlineScheduler::Poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void DeadlineScheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t DeadlineScheduler::fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

void DeadlineScheduler::Run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      poked_ = false;
    }
    std::optional<workflow::Timestamp> next = FireDue();
    std::chrono::seconds wait = kMaxWait;
    if (next) {
      auto until = std::chrono::duration_cast<std::chrono::seconds>(*next - clock_->Now());
      wait = std::clamp(until, std::chrono::seconds(0), kMaxWait);
    }
    std::unique_lock lock(mutex_);
    // Sleeping until the clock reaches `next`: a ManualClock moves only with Poke().
    wake_.wait_for(lock, wait + std::chrono::milliseconds(wait.count() > 0 ? 0 : 50),
                   [this] { return stopping_ || poked_; });
  }
}

std::optional<workflow::Timestamp> DeadlineScheduler::FireDue() {
  auto reader = readers_->Acquire();
  if (!reader.ok()) {
    std::clog << "tocflowd: scheduler: cannot open a reader: "
              << absl::StatusCodeToString(reader.status().code()) << "\n";
    return std::nullopt;
  }
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return std::nullopt;
    }
    const workflow::Timestamp now = clock_->Now();
    auto due = (*reader)->DueDeadlines(now, store::kMaxPageSize);
    if (!due.ok()) {
      std::clog << "tocflowd: scheduler: reading deadlines failed: "
                << absl::StatusCodeToString(due.status().code()) << "\n";
      return std::nullopt;
    }
    int submitted = 0;
    for (const auto& deadline : *due) {
      auto key = std::make_tuple(deadline.case_id, static_cast<int>(deadline.kind),
                                 workflow::ToUnixSeconds(deadline.due));
      if (refused_.count(key)) continue;
      engine::Command command;
      command.case_id = deadline.case_id;
      command.event = workflow::Event{std::string(kActor), std::max(deadline.due, now),
                                      workflow::DeadlineElapsed{deadline.kind}};
      auto outcome = engine_->Execute(std::move(command));
      if (outcome.ok()) {
        ++submitted;
        std::lock_guard lock(mutex_);
        ++fired_;
      } else if (outcome.status().code() == absl::StatusCode::kCancelled) {
        return std::nullopt;  // the engine is stopping
      } else {
        std::clog << "tocflowd: scheduler: case " << deadline.case_id
                  << " deadline_elapsed refused: "
                  << absl::StatusCodeToString(outcome.status().code()) << "\n";
        refused_.insert(std::move(key));
      }
    }
    if (submitted == 0) break;  // everything due was fired or refused
  }
  // The soonest deadline not yet due (or refused ones, which are skipped).
  const auto horizon = clock_->Now() + std::chrono::hours(24 * 366 * 100);
  auto pending = (*reader)->DueDeadlines(horizon, store::kMaxPageSize);
  if (!pending.ok()) return std::nullopt;
  for (const auto& deadline : *pending) {
    auto key = std::make_tuple(deadline.case_id, static_cast<int>(deadline.kind),
                               workflow::ToUnixSeconds(deadline.due));
    if (!refused_.count(key)) return deadline.due;
  }
  return std::nullopt;
}

}  // namespace tocflow::server
