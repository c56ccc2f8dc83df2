#include "alert_hub.h"

#include <pthread.h>

#include <algorithm>
#include <iostream>
#include <utility>

#include "alert_match.h"
#include "case_loader.h"
#include "parallel_delivery.h"

namespace tocflow::server {

grpc::Status ShutdownStatus() {
  return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                      "tocflowd is shutting down: reconnect and resume from the last cursor "
                      "received");
}

WatchStream::WatchStream(WatchWriter* writer, store::AlertFilter filter, int64_t after_cursor,
                         size_t buffer)
    : position(after_cursor), filter_(std::move(filter)), buffer_(buffer), writer_(writer) {}

size_t WatchStream::Room() {
  std::lock_guard lock(mutex_);
  if (finished_ || writer_ == nullptr) return 0;
  return queue_.size() >= buffer_ ? 0 : buffer_ - queue_.size();
}

bool WatchStream::StalledSince(Clock::time_point since) {
  std::lock_guard lock(mutex_);
  return !finished_ && writer_ != nullptr && queue_.size() >= buffer_ && last_progress_ < since;
}

void WatchStream::Deliver(std::vector<SharedAlert> alerts) {
  std::lock_guard lock(mutex_);
  if (finished_ || writer_ == nullptr) return;
  for (auto& alert : alerts) queue_.push_back(std::move(alert));
  if (writing_ == 0) WriteNextLocked();
}

void WatchStream::WriteNextLocked() {
  if (queue_.empty() || finished_ || writer_ == nullptr) return;
  // A deque keeps references to its elements valid across push_back: the front stays put until
  // its write is done.
  writing_ = std::max<size_t>(1, std::min(writer_->StartAlertWrite(queue_), queue_.size()));
}

void WatchStream::Finish(const grpc::Status& status) {
  std::lock_guard lock(mutex_);
  if (finished_ || writer_ == nullptr) return;
  finished_ = true;
  writer_->FinishWatch(status);
}

bool WatchStream::WriteDone(bool ok) {
  std::lock_guard lock(mutex_);
  last_progress_ = Clock::now();
  queue_.erase(queue_.begin(), queue_.begin() + std::min(writing_, queue_.size()));
  writing_ = 0;
  if (!ok) {
    // The client went away: OnCancel (or OnDone) follows.
    if (!finished_ && writer_ != nullptr) {
      finished_ = true;
      writer_->FinishWatch(grpc::Status::CANCELLED);
    }
    return false;
  }
  WriteNextLocked();
  if (finished_ || !starved_ || queue_.size() >= buffer_ / 2 + 1) return false;
  starved_ = false;
  return true;
}

bool WatchStream::MarkStarved() {
  std::lock_guard lock(mutex_);
  if (finished_ || writer_ == nullptr) return false;
  if (queue_.size() < buffer_ / 2 + 1) return true;
  starved_ = true;
  return false;
}

void WatchStream::Detach() {
  std::lock_guard lock(mutex_);
  writer_ = nullptr;
  finished_ = true;
  queue_.clear();
}

AlertHub::AlertHub(ReaderPool* readers, int64_t last_cursor, AlertHubOptions options)
    : readers_(readers),
      options_(options),
      last_cursor_(last_cursor),
      shared_position_(last_cursor),
      delivery_(std::make_unique<ParallelDelivery>(options.delivery_threads)),
      thread_([this] { Run(); }) {
  pthread_setname_np(thread_.native_handle(), "tf-alert-hub");  // for top -H, perf and gdb
}

std::shared_ptr<WatchStream> AlertHub::NewStream(WatchWriter* writer, store::AlertFilter filter,
                                                 int64_t after_cursor) const {
  return std::make_shared<WatchStream>(writer, std::move(filter), after_cursor,
                                       std::max<size_t>(options_.buffer, 1));
}

int64_t AlertHub::stalled_finished() const {
  std::lock_guard lock(mutex_);
  return stalled_finished_;
}

void AlertHub::FinishStalled(const std::vector<std::shared_ptr<WatchStream>>& streams) {
  const auto since = WatchStream::Clock::now() - options_.stall_timeout;
  for (const auto& stream : streams) {
    if (!stream->StalledSince(since)) continue;
    stream->Finish(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        "this watch stopped reading for " + std::to_string(options_.stall_timeout.count()) +
            " ms with its buffer full; reconnect and resume from the last cursor received"));
    std::lock_guard lock(mutex_);
    ++stalled_finished_;
  }
}

AlertHub::~AlertHub() { Stop(); }

void AlertHub::Notify(int64_t last_cursor) {
  {
    std::lock_guard lock(mutex_);
    last_cursor_ = std::max(last_cursor_, last_cursor);
    dirty_ = true;
  }
  wake_.notify_one();
}

void AlertHub::Wake() {
  {
    std::lock_guard lock(mutex_);
    dirty_ = true;
  }
  wake_.notify_one();
}

void AlertHub::Subscribe(std::shared_ptr<WatchStream> stream) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      streams_.push_back(std::move(stream));
      dirty_ = true;
      wake_.notify_one();
      return;
    }
  }
  stream->Finish(ShutdownStatus());
}

void AlertHub::Unsubscribe(const WatchStream* stream) {
  std::lock_guard lock(mutex_);
  std::erase_if(streams_, [stream](const auto& s) { return s.get() == stream; });
}

void AlertHub::Stop() {
  std::vector<std::shared_ptr<WatchStream>> streams;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    streams = streams_;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& stream : streams) stream->Finish(ShutdownStatus());
}

void AlertHub::Run() {
  for (;;) {
    std::vector<std::shared_ptr<WatchStream>> streams;
    int64_t last_cursor = 0;
    {
      std::unique_lock lock(mutex_);
      // Woken by commits and drained buffers; also looks for stalled streams now and then.
      wake_.wait_for(lock, options_.stall_timeout / 2 + std::chrono::milliseconds(1),
                     [this] { return stopping_ || dirty_; });
      if (stopping_) return;
      dirty_ = false;
      streams = streams_;
      last_cursor = last_cursor_;
    }
    FinishStalled(streams);
    auto reader = readers_->Acquire();
    if (!reader.ok()) {
      std::clog << "tocflowd: alert hub: cannot open a reader: "
                << absl::StatusCodeToString(reader.status().code()) << "\n";
      continue;  // retried on the next wake
    }
    bool more = false;
    // Streams behind the shared position first: one that catches up joins this wake's pass.
    for (auto& stream : streams) {
      if (stream->position < shared_position_ && ServeBehind(**reader, *stream, last_cursor)) {
        more = true;
      }
    }
    if (ServeShared(**reader, streams, last_cursor)) more = true;
    if (more) Wake();
  }
}

bool AlertHub::ServeBehind(store::StoreReader& reader, WatchStream& stream, int64_t last_cursor) {
  const size_t room = stream.Room();
  if (room == 0) return stream.MarkStarved();
  const int limit = static_cast<int>(std::min<size_t>(room, store::kMaxPageSize));
  auto alerts = reader.AlertsAfter(stream.position, stream.filter(), limit);
  if (!alerts.ok()) {
    stream.Finish(grpc::Status(static_cast<grpc::StatusCode>(alerts.status().code()),
                               "reading alerts failed: resume from the last cursor received"));
    return false;
  }
  std::vector<SharedAlert> out;
  out.reserve(alerts->size());
  for (const auto& stored : *alerts) {
    out.push_back(std::make_shared<const v1::Alert>(ToWire(stored)));
  }
  const bool full = static_cast<int>(alerts->size()) == limit;
  int64_t position = alerts->empty() ? stream.position : alerts->back().cursor;
  // A short read saw every matching alert up to its snapshot, which includes last_cursor and
  // everything the shared pass read before it.
  if (!full) position = std::max({position, last_cursor, shared_position_});
  stream.position = position;
  if (!out.empty()) stream.Deliver(std::move(out));
  if (!full) return false;
  // A full page: more may follow at once; a read cut short by the buffer waits for it to drain.
  return static_cast<size_t>(limit) < room || stream.MarkStarved();
}

bool AlertHub::ServeShared(store::StoreReader& reader,
                           const std::vector<std::shared_ptr<WatchStream>>& streams,
                           int64_t last_cursor) {
  if (shared_position_ >= last_cursor) return false;
  struct Live {
    WatchStream* stream;
    size_t room;
  };
  std::vector<Live> live;
  int64_t from = last_cursor;
  for (const auto& stream : streams) {
    if (stream->position < shared_position_) continue;
    live.push_back({stream.get(), stream->Room()});
    from = std::min(from, stream->position);
  }
  bool more = false;
  // Nobody is caught up: a stream joining later reads what it needs with its own query.
  while (!live.empty() && from < last_cursor) {
    auto alerts = reader.AlertsAfter(from, store::AlertFilter{}, store::kMaxPageSize);
    if (!alerts.ok()) {
      for (const Live& l : live) {
        l.stream->Finish(
            grpc::Status(static_cast<grpc::StatusCode>(alerts.status().code()),
                         "reading alerts failed: resume from the last cursor received"));
      }
      return false;
    }
    const bool full = alerts->size() == static_cast<size_t>(store::kMaxPageSize);
    // A short read saw every alert up to its snapshot, which includes last_cursor.
    const int64_t end = full
                            ? alerts->back().cursor
                            : std::max(last_cursor, alerts->empty() ? from : alerts->back().cursor);
    std::vector<SharedAlert> wire;
    wire.reserve(alerts->size());
    for (const auto& stored : *alerts) {
      wire.push_back(std::make_shared<const v1::Alert>(ToWire(stored)));
    }
    // Matched here, delivered on several threads below (each delivery may start a write).
    std::vector<ParallelDelivery::Delivery> deliveries;
    std::vector<WatchStream*> stopped_streams;
    std::erase_if(live, [&](Live& l) {
      WatchStream& stream = *l.stream;
      std::vector<SharedAlert> out;
      bool stopped = false;
      for (size_t i = 0; i < alerts->size(); ++i) {
        const store::StoredAlert& stored = (*alerts)[i];
        if (stored.cursor <= stream.position || !AlertMatches(stored, stream.filter())) continue;
        if (out.size() == l.room) {
          // No room for this one: it and what follows wait in the store.
          stream.position = stored.cursor - 1;
          stopped = true;
          break;
        }
        out.push_back(wire[i]);
      }
      if (!stopped) stream.position = std::max(stream.position, end);
      l.room -= out.size();
      if (!out.empty()) deliveries.push_back({&stream, std::move(out)});
      if (stopped) stopped_streams.push_back(&stream);
      return stopped;
    });
    delivery_->DeliverAll(deliveries);
    for (WatchStream* stream : stopped_streams) {
      if (stream->MarkStarved()) more = true;
    }
    from = end;
    if (!full) break;
  }
  shared_position_ = std::max(from, last_cursor);
  return more;
}

}  // namespace tocflow::server
