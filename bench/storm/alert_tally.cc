#include "storm/alert_tally.h"

#include "command/echo_server.h"

namespace bench::storm {

namespace v1 = tocflow::v1;

AlertTally::AlertTally(const std::string& address)
    : stub_(v1::AlertService::NewStub(ClientChannel(address, 1000))) {}

AlertTally::~AlertTally() { Stop(); }

bool AlertTally::Start(std::chrono::milliseconds timeout) {
  thread_ = std::thread([this] { Read(); });
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return registered_ || ended_; }) && registered_;
}

void AlertTally::Read() {
  v1::WatchAlertsRequest request;
  request.mutable_filter()->add_roles(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  context_.set_wait_for_ready(true);
  reader_ = stub_->WatchAlerts(&context_, request);
  reader_->WaitForInitialMetadata();
  {
    std::lock_guard lock(mutex_);
    registered_ = true;
  }
  changed_.notify_all();
  v1::Alert alert;
  while (reader_->Read(&alert)) {
    std::lock_guard lock(mutex_);
    if (alert.kind() == v1::ALERT_KIND_EDD_NOT_SET) {
      ++alerts_;
      ++per_case_[alert.case_id()];
    } else {
      ++other_;
    }
    changed_.notify_all();
  }
  reader_->Finish();
  {
    std::lock_guard lock(mutex_);
    ended_ = true;
  }
  changed_.notify_all();
}

bool AlertTally::WaitFor(int64_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return alerts_ >= count || ended_; }) &&
         alerts_ >= count;
}

void AlertTally::Stop() {
  if (!thread_.joinable()) return;
  context_.TryCancel();
  thread_.join();
}

int64_t AlertTally::alerts() const {
  std::lock_guard lock(mutex_);
  return alerts_;
}

int64_t AlertTally::cases() const {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(per_case_.size());
}

int64_t AlertTally::repeated_cases() const {
  std::lock_guard lock(mutex_);
  int64_t repeated = 0;
  for (const auto& [id, count] : per_case_) repeated += count > 1 ? 1 : 0;
  return repeated;
}

int64_t AlertTally::other_alerts() const {
  std::lock_guard lock(mutex_);
  return other_;
}

}  // namespace bench::storm
