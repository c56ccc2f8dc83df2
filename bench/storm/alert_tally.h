// A WatchAlerts client for the timer storm: follows the ward discharge coordinators' alerts
// from now and counts the edd_not_set alerts per case, so the storm's "fired exactly once" is
// checked on the alert stream as well as in the store.
//
// Thread safety: every method may be called from any thread; the stream is read on its own
// thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tocflow/v1/alerts.grpc.pb.h"

namespace bench::storm {

class AlertTally {
 public:
  explicit AlertTally(const std::string& address);
  ~AlertTally();  // Stop()

  // Opens the stream and waits until the server has registered it (its initial metadata), so
  // every later alert reaches it. False when it could not within `timeout`.
  bool Start(std::chrono::milliseconds timeout);
  // Waits until `count` edd_not_set alerts have arrived; false on timeout or a closed stream.
  bool WaitFor(int64_t count, std::chrono::milliseconds timeout);
  // Cancels the stream and joins its thread.
  void Stop();

  // edd_not_set alerts received, distinct cases among them, and cases received more than once.
  int64_t alerts() const;
  int64_t cases() const;
  int64_t repeated_cases() const;
  // Alerts of other kinds received (none are expected).
  int64_t other_alerts() const;

 private:
  void Read();

  std::unique_ptr<tocflow::v1::AlertService::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<tocflow::v1::Alert>> reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool registered_ = false;
  bool ended_ = false;
  int64_t alerts_ = 0;
  int64_t other_ = 0;
  std::map<std::string, int> per_case_;
  std::thread thread_;
};

}  // namespace bench::storm
