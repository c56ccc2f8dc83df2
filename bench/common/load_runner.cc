#include "common/load_runner.h"

#include <time.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

namespace bench {
namespace {

// CPU time consumed so far by `clock` (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID).
std::chrono::nanoseconds CpuTime(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

double MicrosecondsPerCall(std::chrono::nanoseconds cpu, int64_t calls) {
  if (calls == 0) return 0;
  return std::chrono::duration<double, std::micro>(cpu).count() / static_cast<double>(calls);
}

}  // namespace

LoadResult RunLoad(const LoadOptions& options, const CallFn& call) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now() + std::chrono::milliseconds(20);
  const Clock::time_point measure_from = start + options.warmup;
  const Clock::time_point stop_at = measure_from + options.duration;

  struct PerClient {
    LatencyRecorder latency;
    int64_t calls = 0;
    int64_t errors = 0;
    std::chrono::nanoseconds cpu{0};  // this thread's CPU over its measured calls
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
      std::optional<std::chrono::nanoseconds> cpu_from;
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
        if (!cpu_from && began >= measure_from) cpu_from = CpuTime(CLOCK_THREAD_CPUTIME_ID);
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
      if (cpu_from) mine.cpu = CpuTime(CLOCK_THREAD_CPUTIME_ID) - *cpu_from;
    });
  }
  std::this_thread::sleep_until(measure_from);
  const std::chrono::nanoseconds process_cpu_from = CpuTime(CLOCK_PROCESS_CPUTIME_ID);
  std::this_thread::sleep_until(stop_at);
  const std::chrono::nanoseconds process_cpu = CpuTime(CLOCK_PROCESS_CPUTIME_ID) - process_cpu_from;
  for (std::thread& thread : threads) thread.join();

  LoadResult result;
  result.clients = options.clients;
  LatencyRecorder all;
  std::chrono::nanoseconds client_cpu{0};
  for (const PerClient& client : per_client) {
    result.calls += client.calls;
    result.errors += client.errors;
    client_cpu += client.cpu;
    all.Merge(client.latency);
  }
  result.cpu_us_per_call = MicrosecondsPerCall(process_cpu, result.calls);
  result.client_cpu_us_per_call = MicrosecondsPerCall(client_cpu, result.calls);
  result.seconds = std::chrono::duration<double>(options.duration).count();
  result.calls_per_second = static_cast<double>(result.calls) / result.seconds;
  result.latency = all.Summarise();
  return result;
}

}  // namespace bench
