// Many WatchAlertBatches (or WatchAlerts) streams in one process: one small gRPC callback reactor
// per stream, spread
// round robin over a few channels (each its own TCP connection: distinct channel arguments).
// Each stream records the cursor and steady-clock arrival time of every alert it reads; stream
// 0 also keeps each alert's case id, kind and wire size (it watches everything and maps cursors
// to the commands that raised them).
//
// Thread safety: Open and Close from one thread; the counters and Wait* from any thread; the
// recorded arrivals only after Close.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tocflow/v1/alerts.grpc.pb.h"

namespace bench::fanout {

// An alert as one stream saw it.
struct Arrival {
  int64_t cursor;
  std::chrono::steady_clock::time_point at;
};

// Stream 0's view of an alert.
struct AlertDetail {
  int64_t cursor;
  std::string case_id;
  tocflow::v1::AlertKind kind;
  size_t wire_bytes;
};

class Watchers {
 public:
  // `batches`: watch with WatchAlertBatches (several alerts per message), else WatchAlerts.
  Watchers(const std::string& address, int channels, bool batches);
  ~Watchers();  // Close(); reactors still running then are leaked, never destroyed

  // Opens one stream per filter ("from now") and waits until the server has registered every
  // one (initial metadata). False, with a message, when some did not within `timeout`.
  bool Open(const std::vector<tocflow::v1::AlertFilter>& filters, std::chrono::milliseconds timeout,
            std::string* error);
  // Waits until the streams have received `total` alerts together; false on timeout.
  bool WaitForTotal(int64_t total, std::chrono::milliseconds timeout);
  // Cancels every stream and waits until each has ended; false when some had not by `timeout`.
  bool Close(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  int64_t received() const;
  // Streams that ended before Close (the server finished them), and the last such status.
  int64_t ended_early() const;
  std::string last_end_status() const;

  const std::vector<Arrival>& arrivals(size_t stream) const;
  const std::vector<AlertDetail>& details() const;

 private:
  class Stream;
  template <typename Message>
  class Reader;
  friend class Stream;
  void Registered();
  void Arrived(int64_t count);
  void Ended(bool early, const std::string& status);

  const bool batches_;
  std::vector<std::unique_ptr<tocflow::v1::AlertService::Stub>> stubs_;
  std::vector<std::unique_ptr<Stream>> streams_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool closing_ = false;
  int64_t registered_ = 0;
  int64_t received_ = 0;
  int64_t ended_ = 0;
  int64_t ended_early_ = 0;
  std::string last_end_status_;
};

}  // namespace bench::fanout
