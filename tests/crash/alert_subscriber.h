// A WatchAlerts subscriber of the crash driver: follows the alert log (with a filter) from the
// first alert ever stored, reconnecting after every crash with the last cursor it received, and
// keeps every cursor it was sent, so the test can check it saw each matching alert exactly
// once, in order, with no gap.
//
// Thread safety: Follow runs on one thread at a time; Cancel may be called from any thread;
// the other methods once Follow returned.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "crash/round_signal.h"
#include "tocflow/v1/alerts.grpc.pb.h"

namespace tocflow::crash {

class AlertSubscriber {
 public:
  AlertSubscriber(std::string name, tocflow::v1::AlertFilter filter)
      : name_(std::move(name)), filter_(std::move(filter)) {}

  // Watches the server at `address` until the round is over, resuming after the last cursor
  // whenever the stream ends (the server died, or ended the stream).
  void Follow(const std::string& address, int round, RoundSignal& signal);
  // Cancels the stream Follow is reading, if any.
  void Cancel();
  // Watches the server at `address` until it received the alert at cursor `last` (or one
  // after it) or `timeout` passed. True if it got there.
  bool CatchUp(const std::string& address, int64_t last, std::chrono::seconds timeout);

  const std::string& name() const { return name_; }
  const tocflow::v1::AlertFilter& filter() const { return filter_; }
  const std::vector<int64_t>& cursors() const { return cursors_; }
  int64_t last_cursor() const { return cursors_.empty() ? 0 : cursors_.back(); }
  // Streams opened, and how they ended (status codes), for the log.
  int streams() const { return streams_; }

 private:
  // One stream from last_cursor(); returns once it ends, or once `last` was received (> 0).
  grpc::Status WatchOnce(const std::string& address, const std::string& tag, int64_t last,
                         std::chrono::system_clock::time_point deadline);

  const std::string name_;
  const tocflow::v1::AlertFilter filter_;
  std::vector<int64_t> cursors_;
  int streams_ = 0;
  std::mutex mutex_;
  grpc::ClientContext* active_ = nullptr;  // guarded by mutex_
  bool cancelled_ = false;                 // guarded by mutex_
};

}  // namespace tocflow::crash
