#include "common/latency.h"

#include <algorithm>

namespace bench {
namespace {

double PercentileUs(const std::vector<int64_t>& sorted, double fraction) {
  size_t index = static_cast<size_t>(fraction * static_cast<double>(sorted.size()));
  if (index >= sorted.size()) index = sorted.size() - 1;
  return static_cast<double>(sorted[index]) / 1000.0;
}

}  // namespace

LatencySummary LatencyRecorder::Summarise() {
  LatencySummary summary;
  summary.count = count();
  if (samples_.empty()) return summary;
  std::sort(samples_.begin(), samples_.end());
  summary.p50_us = PercentileUs(samples_, 0.50);
  summary.p99_us = PercentileUs(samples_, 0.99);
  summary.p999_us = PercentileUs(samples_, 0.999);
  summary.max_us = static_cast<double>(samples_.back()) / 1000.0;
  return summary;
}

}  // namespace bench
