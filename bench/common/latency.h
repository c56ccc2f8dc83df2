// Latency samples of one benchmark phase and the percentiles printed from them.
//
// Thread safety: a LatencyRecorder belongs to one thread; Merge the recorders of all threads
// into one when the phase ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace bench {

// Percentiles of a set of latencies, in microseconds.
struct LatencySummary {
  int64_t count = 0;
  double p50_us = 0;
  double p99_us = 0;
  double p999_us = 0;
  double max_us = 0;
};

// Collects latencies (nanoseconds) and summarises them.
class LatencyRecorder {
 public:
  void Add(std::chrono::nanoseconds latency) { samples_.push_back(latency.count()); }
  void Merge(const LatencyRecorder& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  int64_t count() const { return static_cast<int64_t>(samples_.size()); }
  // Sorts the samples (once) and reads the percentiles; all zero when empty.
  LatencySummary Summarise();

 private:
  std::vector<int64_t> samples_;
};

}  // namespace bench
