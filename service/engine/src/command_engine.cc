// The writer thread and its queue: commands are queued by any thread and drained in groups of
// up to max_batch by the one writer thread, which hands each group to the GroupCommitter.
#include "engine/command_engine.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "case_id.h"
#include "case_loader.h"
#include "group_commit.h"

namespace tocflow::engine {

struct CommandEngine::Impl {
  Impl(std::unique_ptr<store::Store> store_in, std::unique_ptr<store::StoreReader> reader_in,
       EngineOptions options_in)
      : store(std::move(store_in)),
        reader(std::move(reader_in)),
        options(std::move(options_in)),
        loader(reader.get(), options.reference, options.journey_cache_size),
        committer(store.get(), reader.get(), &loader, &options) {}

  void RunWriter();
  void Submit(internal::PendingCommand pending);

  // Owned by the writer thread once it runs.
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::StoreReader> reader;
  const EngineOptions options;
  internal::CaseLoader loader;
  internal::GroupCommitter committer;

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<internal::PendingCommand> queue;     // guarded by mutex
  bool stopping = false;                          // guarded by mutex
  std::function<void(int64_t)> alerts_committed;  // guarded by mutex

  std::thread writer;
};

void CommandEngine::Impl::Submit(internal::PendingCommand pending) {
  {
    std::lock_guard lock(mutex);
    if (!stopping) {
      queue.push_back(std::move(pending));
      wake.notify_one();
      return;
    }
  }
  pending.Answer(absl::CancelledError("the command engine is stopping; nothing was stored"));
}

void CommandEngine::Impl::RunWriter() {
  std::vector<internal::PendingCommand> group;
  const size_t max_batch = static_cast<size_t>(options.max_batch);
  while (true) {
    std::function<void(int64_t)> on_alerts;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [this] { return !queue.empty() || stopping; });
      if (queue.empty()) return;  // stopping, and every queued command is answered
      while (!queue.empty() && group.size() < max_batch) {
        group.push_back(std::move(queue.front()));
        queue.pop_front();
      }
      on_alerts = alerts_committed;
    }
    try {
      const std::optional<int64_t> last_cursor = committer.Process(group);
      if (last_cursor.has_value() && on_alerts) on_alerts(*last_cursor);
    } catch (...) {
      // Process never throws; a throwing alert callback must not stop the writer.
      for (internal::PendingCommand& pending : group) {
        pending.Answer(absl::InternalError("internal error in the command writer"));
      }
    }
    group.clear();
  }
}

absl::StatusOr<std::unique_ptr<CommandEngine>> CommandEngine::Start(
    std::unique_ptr<store::Store> store, EngineOptions options) {
  if (store == nullptr) return absl::InvalidArgumentError("store: required");
  if (options.clock == nullptr) return absl::InvalidArgumentError("options.clock: required");
  if (options.reference == nullptr) {
    return absl::InvalidArgumentError("options.reference: required");
  }
  if (options.max_batch < 1) {
    return absl::InvalidArgumentError("options.max_batch: must be at least 1, got " +
                                      std::to_string(options.max_batch));
  }
  if (!options.new_case_id) options.new_case_id = internal::RandomCaseId;
  absl::StatusOr<std::unique_ptr<store::StoreReader>> reader = store->OpenReader();
  if (!reader.ok()) return reader.status();

  auto impl = std::make_unique<Impl>(std::move(store), *std::move(reader), std::move(options));
  Impl* raw = impl.get();
  impl->writer = std::thread([raw] { raw->RunWriter(); });
  return std::unique_ptr<CommandEngine>(new CommandEngine(std::move(impl)));
}

CommandEngine::CommandEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CommandEngine::~CommandEngine() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->writer.joinable()) impl_->writer.join();
}

absl::StatusOr<CommandOutcome> CommandEngine::Execute(Command command) {
  std::promise<absl::StatusOr<CommandOutcome>> promise;
  std::future<absl::StatusOr<CommandOutcome>> future = promise.get_future();
  ExecuteAsync(std::move(command), [&promise](absl::StatusOr<CommandOutcome> outcome) {
    promise.set_value(std::move(outcome));
  });
  return future.get();
}

void CommandEngine::ExecuteAsync(Command command,
                                 std::function<void(absl::StatusOr<CommandOutcome>)> done) {
  impl_->Submit(internal::PendingCommand{std::move(command), std::move(done)});
}

void CommandEngine::OnAlertsCommitted(std::function<void(int64_t last_cursor)> callback) {
  std::lock_guard lock(impl_->mutex);
  impl_->alerts_committed = std::move(callback);
}

}  // namespace tocflow::engine
