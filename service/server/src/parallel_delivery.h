// Spreads the deliveries of one alert-hub pass over several threads: the caller's own and
// `threads - 1` helpers. A delivery that finds its stream idle starts a gRPC write, and gRPC
// runs the transport's send on the thread that starts it, so one thread delivering to a thousand
// streams leaves the other cores idle while the last stream waits (bench/README finding 28).
//
// Thread-compatible: DeliverAll is called by one thread at a time (the hub's).
#pragma once

#include <vector>

#include "alert_hub.h"
#include "work_queue.h"

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

  static constexpr int kMaxDefaultThreads = 4;

  int threads() const { return threads_; }

  // Delivers each to its stream and returns once all are delivered. Each stream must appear at
  // most once. The caller takes every threads()-th delivery from the first, each helper (a
  // WorkQueue task) its own share; fewer than two are delivered on the caller's thread alone.
  void DeliverAll(std::vector<Delivery>& deliveries);

 private:
  static void DeliverShare(std::vector<Delivery>& deliveries, int share, int shares);

  const int threads_;
  WorkQueue helpers_;  // threads_ - 1 threads, named tf-alert-send
};

}  // namespace tocflow::server
