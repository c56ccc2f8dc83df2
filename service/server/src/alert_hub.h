// The alert hub: feeds every WatchAlerts and WatchAlertBatches stream from the store's alert log.
//
// One hub thread serves every stream. When woken (the engine committed alerts, or a starved
// stream drained its buffer) it reads the new alerts ONCE, unfiltered, from the shared position
// (where the caught-up streams are) up to the last committed cursor, converts each to the wire
// once, and hands every caught-up stream the ones its filter selects (AlertMatches: the store's
// own semantics); those hand-overs, which start the streams' gRPC writes, are shared with helper
// threads (ParallelDelivery). A stream behind the shared position (resuming from an older cursor,
// or one whose buffer filled) is served by its own filtered store query until it catches up, then
// rejoins the shared pass. Streams pull at their own pace: a slow watcher only lags (its backlog
// stays in the store) and never slows the writer or the other watchers. Alerts reach each stream in
// cursor order, without gaps or repeats. A watcher that stops reading (its buffer full and no write
// completed for `stall_timeout`) is finished with RESOURCE_EXHAUSTED once it has received what was
// already written to it; it reconnects and resumes from the last cursor it received.
//
// Thread-safe. Notify is quick and may be called on the engine's writer thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "grpcpp/support/server_callback.h"
#include "reader_pool.h"
#include "store/filters.h"
#include "tocflow/v1/common.pb.h"

namespace tocflow::server {

// One alert in wire form, built once per hub read and shared by every stream it goes to.
using SharedAlert = std::shared_ptr<const tocflow::v1::Alert>;

// The write side of one watch: its reactor, which sends one alert per message (WatchAlerts) or
// several (WatchAlertBatches). Called by WatchStream under its lock, one write at a time.
class WatchWriter {
 public:
  virtual ~WatchWriter() = default;
  // Starts one write of the alerts at the front of `queue` (never empty) and returns how many
  // it carries. They stay at the front of `queue`, unmoved, until the write completes.
  virtual size_t StartAlertWrite(std::deque<SharedAlert>& queue) = 0;
  // Finishes the call with `status`.
  virtual void FinishWatch(const grpc::Status& status) = 0;
};

// The buffered, shared state of one watch stream. The hub and the stream's reactor both hold
// it; the reactor detaches itself when done, after which deliveries are dropped.
class WatchStream {
 public:
  using Clock = std::chrono::steady_clock;

  // `buffer`: most alerts queued for the stream before the hub stops reading for it.
  WatchStream(WatchWriter* writer, store::AlertFilter filter, int64_t after_cursor, size_t buffer);

  const store::AlertFilter& filter() const { return filter_; }

  // Free buffer slots (0 once finished).
  size_t Room();
  // Queues alerts and starts writing them; dropped once finished.
  void Deliver(std::vector<SharedAlert> alerts);
  // Finishes the stream once (later calls do nothing).
  void Finish(const grpc::Status& status);
  // The reactor's OnWriteDone; true when the hub should refill the buffer (it is starved and
  // has drained to half).
  bool WriteDone(bool ok);
  // The hub left alerts in the store for lack of room: ask for a wake once the buffer drains to
  // half. Returns true when it already has (the hub should look again at once).
  bool MarkStarved();
  // The reactor's OnDone: no reactor calls after this returns.
  void Detach();
  // True when the buffer is full and no write has completed since `since`.
  bool StalledSince(Clock::time_point since);

  // The last cursor read for this stream; used by the hub thread only.
  int64_t position = 0;

 private:
  void WriteNextLocked();

  const store::AlertFilter filter_;
  const size_t buffer_;
  std::mutex mutex_;
  Clock::time_point last_progress_ = Clock::now();  // last write completed, or the start
  WatchWriter* writer_;
  std::deque<SharedAlert> queue_;
  size_t writing_ = 0;  // alerts at the front of queue_ in the write under way
  bool finished_ = false;
  bool starved_ = false;
};

// How the hub treats its streams.
struct AlertHubOptions {
  // Alerts queued per stream.
  size_t buffer = 256;
  // A stream whose buffer stays full this long without a completed write is finished with
  // RESOURCE_EXHAUSTED.
  std::chrono::milliseconds stall_timeout{30000};
  // Threads that deliver a pass's alerts to the streams, the hub's own included
  // (ParallelDelivery); 0: one per core, at most 4.
  int delivery_threads = 0;
};

class ParallelDelivery;

class AlertHub {
 public:
  // `last_cursor`: the highest cursor already stored when the hub starts.
  AlertHub(ReaderPool* readers, int64_t last_cursor, AlertHubOptions options = {});
  ~AlertHub();  // Stop()
  AlertHub(const AlertHub&) = delete;
  AlertHub& operator=(const AlertHub&) = delete;

  // Alerts up to `last_cursor` are durable: wake the streams behind it.
  void Notify(int64_t last_cursor);
  // Something changed for a stream (it has room again): look again.
  void Wake();
  void Subscribe(std::shared_ptr<WatchStream> stream);
  // A new stream for a reactor, with this hub's buffer size (not yet subscribed).
  std::shared_ptr<WatchStream> NewStream(WatchWriter* writer, store::AlertFilter filter,
                                         int64_t after_cursor) const;
  // Streams finished because their watcher stopped reading.
  int64_t stalled_finished() const;
  void Unsubscribe(const WatchStream* stream);
  // Finishes every stream with UNAVAILABLE and stops the hub thread; later subscribers are
  // finished at once.
  void Stop();

 private:
  void Run();
  // A stream behind the shared position: reads and delivers what it can take with its own
  // filtered query; true when the hub should look again at once.
  bool ServeBehind(store::StoreReader& reader, WatchStream& stream, int64_t last_cursor);
  // The caught-up streams (position at or after shared_position_): reads the alerts after the
  // shared position up to `last_cursor` once and delivers each stream its matches; a stream
  // without room for all of them stops at the first it cannot take and falls behind.
  // True when the hub should look again at once.
  bool ServeShared(store::StoreReader& reader,
                   const std::vector<std::shared_ptr<WatchStream>>& streams, int64_t last_cursor);
  // Finishes the streams that have stalled for stall_timeout.
  void FinishStalled(const std::vector<std::shared_ptr<WatchStream>>& streams);

  ReaderPool* readers_;
  const AlertHubOptions options_;
  mutable std::mutex mutex_;
  int64_t stalled_finished_ = 0;
  std::condition_variable wake_;
  bool dirty_ = true;
  bool stopping_ = false;
  int64_t last_cursor_;
  // Every alert up to here was offered to the caught-up streams; hub thread only.
  int64_t shared_position_;
  std::vector<std::shared_ptr<WatchStream>> streams_;
  std::unique_ptr<ParallelDelivery> delivery_;  // used by the hub thread only
  std::thread thread_;
};

// The status a stream ends with at server shutdown.
grpc::Status ShutdownStatus();

}  // namespace tocflow::server
