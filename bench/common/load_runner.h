// Runs N client threads against one call for a fixed duration after a warm-up, and measures
// calls per second and latency over the measured window only.
//
// Each client thread calls `call(client, n)` in a loop (closed loop: one call in flight per
// client), or, when `rate_per_second` is set, at evenly spaced scheduled times (open loop per
// client: latency is measured from the scheduled time, so a client that falls behind reports
// the queueing delay too instead of hiding it). Calls that start during the warm-up are not
// counted.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "common/latency.h"

namespace bench {

struct LoadOptions {
  int clients = 1;
  std::chrono::milliseconds warmup{1000};
  std::chrono::milliseconds duration{5000};
  // Total calls per second over all clients; nullopt: as fast as they go.
  std::optional<double> rate_per_second;
};

struct LoadResult {
  int clients = 0;
  int64_t calls = 0;   // successful calls in the measured window
  int64_t errors = 0;  // failed calls in the measured window
  double seconds = 0;  // length of the measured window
  double calls_per_second = 0;
  LatencySummary latency;
  // CPU time of the whole process over the measured window (client threads, in-process servers
  // and everything else), and of the client threads alone (their calls, from the first measured
  // one to the end of the last), each per successful call, in microseconds. On a machine whose
  // cores the clients share with the server, calls/s is CPU per call in disguise: these say
  // whose CPU it is.
  double cpu_us_per_call = 0;
  double client_cpu_us_per_call = 0;
};

// One call by client `client` (0..clients-1), its `n`th (0, 1, ...); true on success. Called
// concurrently from the client threads, each with its own `client`.
using CallFn = std::function<bool(int client, int64_t n)>;

LoadResult RunLoad(const LoadOptions& options, const CallFn& call);

}  // namespace bench
