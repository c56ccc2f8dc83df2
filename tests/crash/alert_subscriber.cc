#include "crash/alert_subscriber.h"

#include <thread>

#include "support/tocflowd_process.h"

namespace tocflow::crash {

namespace v1 = ::tocflow::v1;

namespace {
constexpr std::chrono::milliseconds kReconnectPause(50);
}  // namespace

grpc::Status AlertSubscriber::WatchOnce(const std::string& address, const std::string& tag,
                                        int64_t last,
                                        std::chrono::system_clock::time_point deadline) {
  auto stub =
      v1::AlertService::NewStub(::tocflow::testing::TocflowdProcess::NewChannel(address, tag));
  grpc::ClientContext context;
  context.set_deadline(deadline);
  {
    std::lock_guard lock(mutex_);
    if (cancelled_) return grpc::Status::CANCELLED;
    active_ = &context;
  }
  v1::WatchAlertsRequest request;
  *request.mutable_filter() = filter_;
  request.set_after_cursor(last_cursor());
  ++streams_;
  auto reader = stub->WatchAlerts(&context, request);
  v1::Alert alert;
  bool reached = false;
  while (!reached && reader->Read(&alert)) {
    cursors_.push_back(alert.cursor());
    reached = last > 0 && alert.cursor() >= last;
  }
  if (reached) context.TryCancel();
  grpc::Status status = reader->Finish();
  std::lock_guard lock(mutex_);
  active_ = nullptr;
  return reached ? grpc::Status::OK : status;
}

void AlertSubscriber::Follow(const std::string& address, int round, RoundSignal& signal) {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = false;
  }
  const std::string tag = name_ + "-round-" + std::to_string(round);
  // A day: the stream ends when the server dies, not by its deadline.
  const auto deadline = std::chrono::system_clock::now() + std::chrono::hours(24);
  while (!signal.over()) {
    WatchOnce(address, tag, 0, deadline);
    if (signal.WaitOver(kReconnectPause)) break;
  }
}

void AlertSubscriber::Cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  if (active_ != nullptr) active_->TryCancel();
}

bool AlertSubscriber::CatchUp(const std::string& address, int64_t last,
                              std::chrono::seconds timeout) {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = false;
  }
  const auto deadline = std::chrono::system_clock::now() + timeout;
  while (last_cursor() < last && std::chrono::system_clock::now() < deadline) {
    if (WatchOnce(address, name_ + "-final", last, deadline).ok()) break;
    std::this_thread::sleep_for(kReconnectPause);  // a reconnect's backoff
  }
  return last_cursor() >= last;
}

}  // namespace tocflow::crash
