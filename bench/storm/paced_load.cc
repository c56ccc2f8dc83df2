#include "storm/paced_load.h"

#include <utility>

namespace bench::storm {

PacedLoad::PacedLoad(int clients, double rate_per_second, SendFn send)
    : clients_(clients),
      interval_(static_cast<int64_t>(1e9 * clients / rate_per_second)),
      send_(std::move(send)) {
  for (int c = 0; c < clients; ++c) per_client_.push_back(std::make_unique<PerClient>());
}

PacedLoad::~PacedLoad() { Stop(); }

void PacedLoad::Start() {
  start_ = Clock::now() + std::chrono::milliseconds(20);
  for (int c = 0; c < clients_; ++c) threads_.emplace_back([this, c] { RunClient(c); });
}

bool PacedLoad::Stop(std::chrono::milliseconds drain) {
  stopping_ = true;
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  std::unique_lock lock(mutex_);
  return answered_.wait_for(lock, drain, [&] { return in_flight_ == 0; });
}

void PacedLoad::RunClient(int client) {
  PerClient& mine = *per_client_[static_cast<size_t>(client)];
  // Spread the clients' schedules over one interval.
  Clock::time_point scheduled = start_ + interval_ * client / clients_;
  for (int64_t n = 0; !stopping_; ++n) {
    std::this_thread::sleep_until(scheduled);
    if (stopping_) break;
    {
      std::lock_guard lock(mutex_);
      ++in_flight_;
    }
    const Clock::time_point sent = Clock::now();
    send_(client, n, [this, &mine, sent](bool ok) {
      const Clock::time_point answered = Clock::now();
      {
        std::lock_guard lock(mine.mutex);
        mine.samples.push_back({sent, answered - sent, ok});
      }
      std::lock_guard lock(mutex_);
      if (--in_flight_ == 0) answered_.notify_all();
    });
    scheduled += interval_;
  }
}

PacedLoad::Phase PacedLoad::Between(Clock::time_point from, Clock::time_point to) const {
  Phase phase;
  phase.seconds = std::chrono::duration<double>(to - from).count();
  for (const auto& client : per_client_) {
    std::lock_guard lock(client->mutex);
    for (const Sample& sample : client->samples) {
      if (sample.sent < from || sample.sent >= to) continue;
      if (sample.ok) {
        ++phase.calls;
        phase.latency.Add(sample.latency);
      } else {
        ++phase.errors;
      }
    }
  }
  return phase;
}

}  // namespace bench::storm
