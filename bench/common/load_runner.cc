#include "common/load_runner.h"

#include <atomic>
#include <thread>
#include <vector>

namespace bench {

LoadResult RunLoad(const LoadOptions& options, const CallFn& call) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now() + std::chrono::milliseconds(20);
  const Clock::time_point measure_from = start + options.warmup;
  const Clock::time_point stop_at = measure_from + options.duration;

  struct PerClient {
    LatencyRecorder latency;
    int64_t calls = 0;
    int64_t errors = 0;
  };
  std::vector<PerClient> per_client(options.clients);
  std::vector<std::thread> threads;
  std::chrono::nanoseconds interval{0};
  if (options.rate_per_second && *options.rate_per_second > 0) {
    interval = std::chrono::nanoseconds(
        static_cast<int64_t>(1e9 * options.clients / *options.rate_per_second));
  }
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      PerClient& mine = per_client[c];
      // Spread the paced clients' schedules over one interval.
      Clock::time_point scheduled = start + interval * c / options.clients;
      std::this_thread::sleep_until(start);
      for (int64_t n = 0;; ++n) {
        Clock::time_point began;
        if (interval.count() > 0) {
          std::this_thread::sleep_until(scheduled);
          began = scheduled;
          scheduled += interval;
        } else {
          began = Clock::now();
        }
        if (began >= stop_at) break;
        const bool ok = call(c, n);
        const Clock::time_point ended = Clock::now();
        if (began < measure_from) continue;
        if (ok) {
          ++mine.calls;
          mine.latency.Add(ended - began);
        } else {
          ++mine.errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  LoadResult result;
  result.clients = options.clients;
  LatencyRecorder all;
  for (const PerClient& client : per_client) {
    result.calls += client.calls;
    result.errors += client.errors;
    all.Merge(client.latency);
  }
  result.seconds = std::chrono::duration<double>(options.duration).count();
  result.calls_per_second = static_cast<double>(result.calls) / result.seconds;
  result.latency = all.Summarise();
  return result;
}

}  // namespace bench
