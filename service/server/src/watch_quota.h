// How many WatchAlerts streams each client may hold open at once (a client: the principal when
// authentication is on, else the connection's peer address). Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace tocflow::server {

class WatchQuota {
 public:
  explicit WatchQuota(int per_client) : per_client_(per_client) {}

  // False (and nothing taken) when `client` already holds per_client streams.
  bool Acquire(const std::string& client) {
    std::lock_guard lock(mutex_);
    int& held = held_[client];
    if (held >= per_client_) return false;
    ++held;
    return true;
  }
  void Release(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto it = held_.find(client);
    if (it != held_.end() && --it->second <= 0) held_.erase(it);
  }
  int per_client() const { return per_client_; }

 private:
  const int per_client_;
  std::mutex mutex_;
  std::map<std::string, int> held_;
};

}  // namespace tocflow::server
