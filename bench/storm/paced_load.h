// A paced, open-loop command load that runs until told to stop, keeping every call's send time
// so that one run can be cut into phases afterwards (before the storm, during it). common's
// RunLoad measures one fixed window with one call in flight per client; the storm's length is
// only known once it has passed, and a client stuck behind it must not hold back its later
// calls (they would then measure the client's own backlog, not the server).
//
// Each client thread starts `send(client, n, done)` at evenly spaced times without waiting for
// earlier calls; latency runs from the send time to `done`.
// Thread safety: Start, Stop and Between from one thread; `send` runs on the client threads,
// `done` on any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/latency.h"

namespace bench::storm {

class PacedLoad {
 public:
  using Clock = std::chrono::steady_clock;
  // Starts one call; it must call `done(ok)` exactly once, from any thread.
  using SendFn = std::function<void(int client, int64_t n, std::function<void(bool ok)> done)>;

  // `rate_per_second` over all `clients` together.
  PacedLoad(int clients, double rate_per_second, SendFn send);
  ~PacedLoad();  // Stop()

  void Start();
  // Stops sending and waits (up to `drain`) for the calls in flight; false if some are left.
  bool Stop(std::chrono::milliseconds drain = std::chrono::minutes(10));

  // The calls sent in [from, to): latencies of the successful ones, and how many failed.
  struct Phase {
    LatencyRecorder latency;
    int64_t calls = 0;
    int64_t errors = 0;
    double seconds = 0;
  };
  Phase Between(Clock::time_point from, Clock::time_point to) const;

 private:
  struct Sample {
    Clock::time_point sent;
    std::chrono::nanoseconds latency;
    bool ok;
  };
  struct PerClient {
    std::mutex mutex;
    std::vector<Sample> samples;
  };
  void RunClient(int client);

  const int clients_;
  const std::chrono::nanoseconds interval_;
  const SendFn send_;
  Clock::time_point start_;
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<PerClient>> per_client_;
  std::mutex mutex_;
  std::condition_variable answered_;
  int64_t in_flight_ = 0;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace bench::storm
