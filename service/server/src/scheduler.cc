#include "scheduler.h"

#include <pthread.h>

#include <algorithm>
#include <iostream>
#include <utility>
#include <vector>

#include "workflow/events.h"

namespace tocflow::server {

DeadlineScheduler::DeadlineScheduler(engine::CommandEngine* engine, ReaderPool* readers,
                                     const engine::Clock* clock)
    : engine_(engine), readers_(readers), clock_(clock), thread_([this] { Run(); }) {
  pthread_setname_np(thread_.native_handle(), "tf-scheduler");  // for top -H, perf and gdb
}

DeadlineScheduler::~DeadlineScheduler() { Stop(); }

void DeadlineScheduler::Poke() {
  {
    std::lock_guard lock(mutex_);
    // Already poked since the last look began: the next look will see this command too, so the
    // thread is not woken again (that would be a futex wake per command on a busy service).
    if (poked_) return;
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

int64_t DeadlineScheduler::refused() const {
  std::lock_guard lock(mutex_);
  return refused_count_;
}

void DeadlineScheduler::Run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      poked_ = false;
    }
    const auto pass_started = std::chrono::steady_clock::now();
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
    // Every command pokes: a busy service looks again at most once per kMinPassInterval instead
    // of reading its deadlines after each of thousands of commands a second.
    wake_.wait_until(lock, pass_started + kMinPassInterval, [this] { return stopping_; });
  }
}

bool DeadlineScheduler::Passing(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kResourceExhausted:  // disk or database full
    case absl::StatusCode::kUnavailable:        // I/O error, database locked
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
      return true;
    default:
      return false;
  }
}

std::optional<int64_t> DeadlineScheduler::CaseVersion(store::StoreReader& reader,
                                                      const std::string& case_id) {
  absl::StatusOr<store::CaseSummary> summary = reader.GetCaseSummary(case_id);
  if (!summary.ok()) return std::nullopt;
  return summary->version;
}

bool DeadlineScheduler::StillPending(store::StoreReader& reader,
                                     const store::PendingDeadline& deadline) {
  absl::StatusOr<std::vector<store::PendingDeadline>> pending =
      reader.CaseDeadlines(deadline.case_id);
  return pending.ok() && std::find(pending->begin(), pending->end(), deadline) != pending->end();
}

std::optional<int> DeadlineScheduler::FirePage(store::StoreReader& reader,
                                               const std::vector<store::PendingDeadline>& due) {
  // The whole page goes to the engine at once, as background commands: it commits them in
  // groups (one fsync per group), a few per group, and client commands queued meanwhile go
  // first instead of waiting for the rest of the page.
  struct Firing {
    Key key;
    store::PendingDeadline deadline;
    engine::Command command;
    absl::StatusOr<engine::CommandOutcome> outcome = absl::UnknownError("not answered");
  };
  std::vector<Firing> firings;
  for (const auto& deadline : due) {
    auto key = std::make_tuple(deadline.case_id, static_cast<int>(deadline.kind),
                               workflow::ToUnixSeconds(deadline.due));
    if (retry_.count(key)) continue;
    if (auto refused = refused_.find(key); refused != refused_.end()) {
      if (refused->second == CaseVersion(reader, deadline.case_id)) continue;
      refused_.erase(refused);  // the case changed since: try again
    }
    engine::Command command;
    command.case_id = deadline.case_id;
    // Recorded as elapsed at its due time (the engine moves it up to the case's latest event
    // if that is later), also when it fires late, e.g. after the server was down.
    command.event = workflow::Event{std::string(kActor), deadline.due,
                                    workflow::DeadlineElapsed{deadline.kind}};
    firings.push_back(Firing{std::move(key), deadline, std::move(command)});
  }
  std::mutex answered_mutex;
  std::condition_variable answered_cv;
  size_t answered = 0;
  for (Firing& firing : firings) {
    engine_->ExecuteAsync(
        firing.command,
        [&firing, &answered_mutex, &answered_cv,
         &answered](absl::StatusOr<engine::CommandOutcome> outcome) {
          std::lock_guard lock(answered_mutex);
          firing.outcome = std::move(outcome);
          ++answered;
          answered_cv.notify_one();
        },
        engine::Priority::kBackground);
  }
  {
    std::unique_lock lock(answered_mutex);
    answered_cv.wait(lock, [&] { return answered == firings.size(); });
  }
  int submitted = 0;
  bool stopping = false;
  int not_recorded = 0;
  std::string first_not_recorded;
  for (Firing& firing : firings) {
    if (firing.outcome.ok()) {
      ++submitted;
      std::lock_guard lock(mutex_);
      ++fired_;
    } else if (firing.outcome.status().code() == absl::StatusCode::kCancelled) {
      stopping = true;  // the engine is stopping
    } else if (!Passing(firing.outcome.status().code()) && !StillPending(reader, firing.deadline)) {
      // A command removed the deadline after this pass read it: nothing to remember.
    } else if (std::optional<int64_t> judged_at =
                   engine::RefusedAtStoredVersion(firing.outcome.status())) {
      std::clog << "tocflowd: scheduler: case " << firing.command.case_id
                << " deadline_elapsed refused: "
                << absl::StatusCodeToString(firing.outcome.status().code()) << "\n";
      // The version the engine judged at, not the case's version now: should a command have
      // removed the deadline and set it again since, the case is past that version and the
      // deadline fires on the next look.
      refused_[std::move(firing.key)] = *judged_at;
      std::lock_guard lock(mutex_);
      ++refused_count_;
    } else {
      // Not recorded for a reason that may pass (the store), or refused on a state that may never
      // be stored (after an earlier command of its group on the same case) or because the case
      // cannot be read: tried again kRetryAfter later, not at every look.
      if (not_recorded++ == 0) {
        first_not_recorded = firing.command.case_id + " (" +
                             absl::StatusCodeToString(firing.outcome.status().code()) + ")";
      }
      retry_[std::move(firing.key)] = std::chrono::steady_clock::now() + kRetryAfter;
    }
  }
  if (not_recorded > 0) {
    std::clog << "tocflowd: scheduler: " << not_recorded
              << " deadline_elapsed not recorded, the first for case " << first_not_recorded
              << "; retrying in " << kRetryAfter.count() << " s\n";
  }
  if (stopping) return std::nullopt;
  return submitted;
}

std::optional<workflow::Timestamp> DeadlineScheduler::FireDue() {
  auto reader = readers_->Acquire();
  if (!reader.ok()) {
    std::clog << "tocflowd: scheduler: cannot open a reader: "
              << absl::StatusCodeToString(reader.status().code()) << "\n";
    return std::nullopt;
  }
  // Deadlines whose retry time has come are tried again in this pass.
  const auto now_steady = std::chrono::steady_clock::now();
  std::erase_if(retry_, [&](const auto& entry) { return entry.second <= now_steady; });
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
    std::optional<int> submitted = FirePage(**reader, *due);
    if (!submitted) return std::nullopt;  // the engine is stopping
    if (*submitted == 0) break;           // everything due was fired or refused
  }
  // The soonest deadline not yet due (refused ones and ones to retry are skipped), or the
  // soonest retry.
  std::optional<workflow::Timestamp> next;
  for (const auto& [key, at] : retry_) {
    const auto left = std::max(at - std::chrono::steady_clock::now(),
                               std::chrono::steady_clock::duration::zero());
    const workflow::Timestamp when = clock_->Now() + std::chrono::ceil<std::chrono::seconds>(left);
    if (!next || when < *next) next = when;
  }
  // The soonest deadline to wait for is among the first |refused| + |retry| + 1 pending ones:
  // read no more (this runs after every command).
  const auto horizon = clock_->Now() + std::chrono::hours(24 * 366 * 100);
  const size_t skipped = refused_.size() + retry_.size();
  const int look_at = static_cast<int>(std::min<size_t>(skipped + 1, store::kMaxPageSize));
  auto pending = (*reader)->DueDeadlines(horizon, look_at);
  if (!pending.ok()) return next;
  for (const auto& deadline : *pending) {
    Key key(deadline.case_id, static_cast<int>(deadline.kind),
            workflow::ToUnixSeconds(deadline.due));
    if (refused_.count(key) || retry_.count(key)) continue;
    if (!next || deadline.due < *next) next = deadline.due;
    break;
  }
  return next;
}

}  // namespace tocflow::server
