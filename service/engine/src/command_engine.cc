// The writer thread and its queues: commands are queued by any thread and drained in groups of
// up to max_batch by the one writer thread, which hands each group to the GroupCommitter.
// Client commands and writer tasks (acknowledgements) share one queue, so they run in the order
// they were submitted, each task alone between groups. Background commands (deadline firings)
// wait in a second queue and only fill the rest of a group, a few at a time, so that a client
// command never waits behind a whole storm of them. Callers are answered on a thread of their own
// (AnswerThread), so that the writer starts the next group while the last one's replies go out.
#include "engine/command_engine.h"

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "answer_thread.h"
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

  // Work for the writer thread: a command, or a task that uses the store directly.
  using WriterTask = std::function<void(store::Store&, bool stopping)>;
  using Queued = std::variant<internal::PendingCommand, WriterTask>;

  void RunWriter();
  void Submit(internal::PendingCommand pending, Priority priority);
  // Moves the next group (or task) out of the queues. REQUIRES: mutex held, a queue not empty.
  void TakeWork(std::vector<internal::PendingCommand>& group, WriterTask& task);
  void SubmitTask(WriterTask task);
  void RunGroup(std::vector<internal::PendingCommand>& group,
                const std::function<void(int64_t)>& on_alerts);

  // Owned by the writer thread once it runs.
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::StoreReader> reader;
  const EngineOptions options;
  internal::CaseLoader loader;
  internal::GroupCommitter committer;

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Queued> queue;                         // guarded by mutex
  std::deque<internal::PendingCommand> background;  // guarded by mutex
  bool stopping = false;                            // guarded by mutex
  std::function<void(int64_t)> alerts_committed;    // guarded by mutex

  internal::AnswerThread answers;  // declared before the writer: outlives it
  std::thread writer;
};

void CommandEngine::Impl::Submit(internal::PendingCommand pending, Priority priority) {
  {
    std::lock_guard lock(mutex);
    if (!stopping) {
      if (priority == Priority::kBackground) {
        background.push_back(std::move(pending));
      } else {
        queue.push_back(std::move(pending));
      }
      wake.notify_one();
      return;
    }
  }
  pending.Answer(absl::CancelledError("the command engine is stopping; nothing was stored"));
  pending.Deliver();
}

void CommandEngine::Impl::SubmitTask(WriterTask task) {
  {
    std::lock_guard lock(mutex);
    if (!stopping) {
      queue.push_back(std::move(task));
      wake.notify_one();
      return;
    }
  }
  task(*store, /*stopping=*/true);
}

void CommandEngine::Impl::RunGroup(std::vector<internal::PendingCommand>& group,
                                   const std::function<void(int64_t)>& on_alerts) {
  try {
    const std::optional<int64_t> last_cursor = committer.Process(group);
    if (last_cursor.has_value() && on_alerts) on_alerts(*last_cursor);
  } catch (...) {
    // Process never throws; a throwing alert callback must not stop the writer.
    for (internal::PendingCommand& pending : group) {
      pending.Answer(absl::InternalError("internal error in the command writer"));
    }
  }
  // Process answers every command; should one have been missed, its caller must not wait forever.
  for (internal::PendingCommand& pending : group) {
    pending.Answer(absl::InternalError("internal error in the command writer: no answer given"));
  }
  answers.Deliver(std::move(group));
  group.clear();  // valid but unspecified after the move
}

void CommandEngine::Impl::TakeWork(std::vector<internal::PendingCommand>& group, WriterTask& task) {
  if (!queue.empty()) {
    if (auto* first = std::get_if<WriterTask>(&queue.front())) {
      task = std::move(*first);
      queue.pop_front();
      return;
    }
  }
  const size_t max_batch = static_cast<size_t>(options.max_batch);
  // Waiting background commands keep one place in every group, so clients cannot starve them.
  const size_t reserved = (!background.empty() && max_batch > 1) ? 1 : 0;
  // Client commands up to the next task, then background ones within their share.
  while (!queue.empty() && group.size() < max_batch - reserved &&
         std::holds_alternative<internal::PendingCommand>(queue.front())) {
    group.push_back(std::get<internal::PendingCommand>(std::move(queue.front())));
    queue.pop_front();
  }
  const int share = group.empty() ? options.max_background_per_group
                                  : std::min(options.max_background_per_group,
                                             options.max_background_beside_clients);
  const size_t background_end = std::min(max_batch, group.size() + static_cast<size_t>(share));
  while (!background.empty() && group.size() < background_end) {
    group.push_back(std::move(background.front()));
    background.pop_front();
  }
}

void CommandEngine::Impl::RunWriter() {
  std::vector<internal::PendingCommand> group;
  while (true) {
    std::function<void(int64_t)> on_alerts;
    WriterTask task;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [this] { return !queue.empty() || !background.empty() || stopping; });
      // Stopping, and every queued command is answered.
      if (queue.empty() && background.empty()) return;
      TakeWork(group, task);
      on_alerts = alerts_committed;
    }
    if (task) {
      try {
        task(*store, /*stopping=*/false);
      } catch (...) {
        // Tasks catch their own errors; the writer carries on regardless.
      }
    } else {
      RunGroup(group, on_alerts);
    }
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
  if (options.max_background_per_group < 1) {
    return absl::InvalidArgumentError("options.max_background_per_group: must be at least 1, got " +
                                      std::to_string(options.max_background_per_group));
  }
  if (options.max_background_beside_clients < 1) {
    return absl::InvalidArgumentError(
        "options.max_background_beside_clients: must be at least 1, got " +
        std::to_string(options.max_background_beside_clients));
  }
  if (!options.new_case_id) options.new_case_id = internal::RandomCaseId;
  absl::StatusOr<std::unique_ptr<store::StoreReader>> reader = store->OpenReader();
  if (!reader.ok()) return reader.status();

  auto impl = std::make_unique<Impl>(std::move(store), *std::move(reader), std::move(options));
  Impl* raw = impl.get();
  impl->writer = std::thread([raw] { raw->RunWriter(); });
  pthread_setname_np(impl->writer.native_handle(), "tf-writer");  // for top -H, perf and gdb
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
  impl_->answers.Stop();  // the last groups' answers
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
                                 std::function<void(absl::StatusOr<CommandOutcome>)> done,
                                 Priority priority) {
  impl_->Submit(internal::PendingCommand{std::move(command), std::move(done), std::nullopt},
                priority);
}

absl::StatusOr<store::AlertAck> CommandEngine::AcknowledgeAlert(int64_t cursor,
                                                                std::string acked_by) {
  std::promise<absl::StatusOr<store::AlertAck>> promise;
  std::future<absl::StatusOr<store::AlertAck>> future = promise.get_future();
  AcknowledgeAlertAsync(
      cursor, std::move(acked_by),
      [&promise](absl::StatusOr<store::AlertAck> ack) { promise.set_value(std::move(ack)); });
  return future.get();
}

void CommandEngine::AcknowledgeAlertAsync(
    int64_t cursor, std::string acked_by,
    std::function<void(absl::StatusOr<store::AlertAck>)> done) {
  if (cursor <= 0) return done(absl::InvalidArgumentError("cursor: must be > 0"));
  if (acked_by.empty()) return done(absl::InvalidArgumentError("acknowledged_by: required"));
  const Clock* clock = impl_->options.clock;
  impl_->SubmitTask([cursor, acked_by = std::move(acked_by), clock, done = std::move(done)](
                        store::Store& store, bool stopping) {
    absl::StatusOr<store::AlertAck> ack =
        stopping ? absl::CancelledError("the command engine is stopping; nothing was acknowledged")
                 : store.AckAlert(cursor, acked_by, clock->Now());
    try {
      done(std::move(ack));
    } catch (...) {
      // A callback must not throw; if it does, the writer carries on.
    }
  });
}

void CommandEngine::OnAlertsCommitted(std::function<void(int64_t last_cursor)> callback) {
  std::lock_guard lock(impl_->mutex);
  impl_->alerts_committed = std::move(callback);
}

}  // namespace tocflow::engine
