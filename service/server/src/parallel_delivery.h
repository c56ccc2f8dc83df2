// Spreads the deliveries of one alert-hub pass over several threads: the caller's own and
// `threads - 1` helpers. A delivery that finds its stream idle starts a gRPC write, and gRPC
// runs the transport's send on the thread that starts it, so one thread delivering to a thousand
// streams leaves the other cores idle while the last stream waits (bench/README finding 28).
//
// Thread-compatible: DeliverAll is called by one thread at a time (the hub's).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "alert_hub.h"

namespace tocflow::server {

class ParallelDelivery {
 public:
  // Alerts for one stream, in cursor order.
  struct Delivery {
    WatchStream* stream;
    std::vector<SharedAlert> alerts;
  };

  // `threads`: the caller's included; 0: one per core, at most kMaxDefaultThreads.
  explicit ParallelDelivery(int threads);
  ~ParallelDelivery();
  ParallelDelivery(const ParallelDelivery&) = delete;
  ParallelDelivery& operator=(const ParallelDelivery&) = delete;

  static constexpr int kMaxDefaultThreads = 4;

  int threads() const { return threads_; }

  // Delivers each to its stream and returns once all are delivered. Each stream must appear at
  // most once. The caller takes every threads()-th delivery from the first, each helper its own
  // share; fewer than two are delivered on the caller's thread alone.
  void DeliverAll(std::vector<Delivery>& deliveries);

 private:
  void Help(int share);
  static void DeliverShare(std::vector<Delivery>& deliveries, int share, int shares);

  const int threads_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable done_;
  std::vector<Delivery>* batch_ = nullptr;  // guarded by mutex_
  uint64_t generation_ = 0;                 // guarded by mutex_; one per shared batch
  int helping_ = 0;                         // guarded by mutex_; helpers still delivering
  bool stopping_ = false;                   // guarded by mutex_
  std::vector<std::thread> helpers_;
};

}  // namespace tocflow::server
