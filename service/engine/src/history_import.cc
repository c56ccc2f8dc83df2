#include "engine/history_import.h"

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <variant>

#include "applied_command.h"
#include "case_loader.h"
#include "workflow/events.h"

namespace tocflow::engine {

struct HistoryImporter::Impl {
  Impl(std::unique_ptr<store::Store> s, ImportOptions o)
      : store(std::move(s)), options(std::move(o)) {}

  // Applies one case's history into `rows`; the case's error, naming the command, otherwise.
  absl::Status Apply(const std::string& case_id, std::vector<Command>& history,
                     std::vector<store::CaseCommit>& rows) {
    if (history.empty()) {
      return absl::InvalidArgumentError("case " + case_id +
                                        ": an empty history; nothing to import");
    }
    internal::CaseState state{workflow::Journey(options.engine.reference), 0};
    for (size_t i = 0; i < history.size(); ++i) {
      Command& command = history[i];
      const std::string where = "case " + case_id + ", command " + std::to_string(i + 1) + " (" +
                                std::string(workflow::EventName(command.event.payload)) + ")";
      const bool opening = std::holds_alternative<workflow::CaseOpened>(command.event.payload);
      if (opening != (i == 0)) {
        return absl::InvalidArgumentError(where +
                                          ": a history starts with case_opened and has "
                                          "no other; nothing of the case was imported");
      }
      if (static_cast<int64_t>(i) >= options.engine.max_events_per_case) {
        return absl::ResourceExhaustedError(where + ": more events than one case may hold (" +
                                            std::to_string(options.engine.max_events_per_case) +
                                            "); nothing of the case was imported");
      }
      internal::CompleteEvent(command.event, state.journey, options.engine);
      workflow::Journey next = state.journey;
      absl::StatusOr<workflow::Effects> effects = next.Apply(command.event);
      if (!effects.ok()) {
        return absl::Status(effects.status().code(), where + ": " +
                                                         std::string(effects.status().message()) +
                                                         "; nothing of the case was imported");
      }
      const int64_t alerts = static_cast<int64_t>(effects->alerts.size());
      // A case is committed whole in one batch, where its last command writes its row.
      const internal::RowDetail detail =
          i + 1 == history.size() ? internal::RowDetail::kFull : internal::RowDetail::kOverwritten;
      internal::AppliedCommand applied = internal::BuildApplied(
          case_id, state, next, *std::move(effects), command, options.engine, detail);
      rows.push_back(std::move(applied.commit));
      state.journey = std::move(next);
      state.alert_count += alerts;
    }
    return absl::OkStatus();
  }

  // Hands `queued` to the committing thread once it has finished the batch before.
  void HandOver() {
    std::unique_lock lock(mutex);
    idle.wait(lock, [&] { return handed.empty(); });
    handed.swap(queued);
    wake.notify_one();
  }

  void WaitIdle() {
    std::unique_lock lock(mutex);
    idle.wait(lock, [&] { return handed.empty(); });
  }

  std::optional<absl::Status> Failed() {
    std::lock_guard lock(mutex);
    if (error.ok()) return std::nullopt;
    return error;
  }

  void Run() {
    std::unique_lock lock(mutex);
    while (true) {
      wake.wait(lock, [&] { return !handed.empty() || stopping; });
      if (handed.empty()) return;
      std::vector<store::CaseCommit>& batch = handed;
      if (error.ok()) {
        lock.unlock();
        absl::StatusOr<std::vector<store::CommitResult>> results = store->Commit(batch);
        lock.lock();
        if (results.ok()) {
          done += static_cast<int64_t>(batch.size());
        } else if (error.ok()) {
          error = results.status();
        }
      }
      batch.clear();
      idle.notify_all();
    }
  }

  std::unique_ptr<store::Store> store;
  const ImportOptions options;
  std::vector<store::CaseCommit> queued;     // built by the caller
  std::vector<store::CaseCommit> case_rows;  // one case's rows until it is applied whole

  std::mutex mutex;
  std::condition_variable wake;           // the committing thread: a batch was handed over, or stop
  std::condition_variable idle;           // the caller: the handed batch is done
  std::vector<store::CaseCommit> handed;  // being committed; empty when the thread is idle
  absl::Status error;                     // the first failed commit
  std::atomic<int64_t> done{0};
  bool stopping = false;
  bool finished = false;
  absl::Status finish_status;
  std::thread thread;
};

HistoryImporter::HistoryImporter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HistoryImporter::~HistoryImporter() { (void)Finish(); }

absl::StatusOr<std::unique_ptr<HistoryImporter>> HistoryImporter::Start(
    std::unique_ptr<store::Store> store, ImportOptions options) {
  if (store == nullptr) return absl::InvalidArgumentError("the importer needs a store");
  if (options.engine.clock == nullptr) {
    return absl::InvalidArgumentError("the importer needs a clock (ImportOptions::engine.clock)");
  }
  if (options.batch < 1) {
    return absl::InvalidArgumentError("ImportOptions::batch must be at least 1, not " +
                                      std::to_string(options.batch));
  }
  auto impl = std::make_unique<Impl>(std::move(store), std::move(options));
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  pthread_setname_np(impl->thread.native_handle(), "tf-importer");  // for top -H, perf and gdb
  return std::unique_ptr<HistoryImporter>(new HistoryImporter(std::move(impl)));
}

absl::Status HistoryImporter::Add(const std::string& case_id, std::vector<Command> history) {
  if (impl_->finished) return absl::FailedPreconditionError("the import has finished");
  if (std::optional<absl::Status> failed = impl_->Failed()) return *failed;
  impl_->case_rows.clear();
  absl::Status applied = impl_->Apply(case_id, history, impl_->case_rows);
  if (!applied.ok()) return applied;
  for (store::CaseCommit& row : impl_->case_rows) impl_->queued.push_back(std::move(row));
  if (impl_->queued.size() >= static_cast<size_t>(impl_->options.batch)) impl_->HandOver();
  return absl::OkStatus();
}

absl::Status HistoryImporter::Finish() {
  if (impl_->finished) return impl_->finish_status;
  impl_->finished = true;
  if (!impl_->queued.empty()) impl_->HandOver();
  impl_->WaitIdle();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->finish_status = impl_->error;
  }
  impl_->wake.notify_one();
  impl_->thread.join();
  impl_->store.reset();
  return impl_->finish_status;
}

int64_t HistoryImporter::committed() const { return impl_->done.load(); }

}  // namespace tocflow::engine
