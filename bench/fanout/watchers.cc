#include "fanout/watchers.h"

#include "command/echo_server.h"

namespace bench::fanout {

namespace v1 = tocflow::v1;

// One WatchAlerts call. Owned by Watchers, which keeps it until OnDone has run.
class Watchers::Stream final : public grpc::ClientReadReactor<v1::Alert> {
 public:
  Stream(Watchers* owner, bool keep_details) : owner_(owner), keep_details_(keep_details) {}

  void Start(v1::AlertService::Stub* stub, const v1::AlertFilter& filter) {
    *request_.mutable_filter() = filter;
    context_.set_wait_for_ready(true);
    stub->async()->WatchAlerts(&context_, &request_, this);
    StartRead(&alert_);
    StartCall();
  }
  void Cancel() { context_.TryCancel(); }

  void OnReadInitialMetadataDone(bool ok) override {
    if (ok) owner_->Registered();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;  // OnDone follows
    arrivals_.push_back({alert_.cursor(), std::chrono::steady_clock::now()});
    if (keep_details_) {
      details_.push_back({alert_.cursor(), alert_.case_id(), alert_.kind(), alert_.ByteSizeLong()});
    }
    StartRead(&alert_);
    owner_->Arrived();
  }
  void OnDone(const grpc::Status& status) override {
    owner_->Ended(status.error_code() != grpc::StatusCode::CANCELLED,
                  std::to_string(status.error_code()) + " " + status.error_message());
  }

  std::vector<Arrival> arrivals_;
  std::vector<AlertDetail> details_;

 private:
  Watchers* owner_;
  const bool keep_details_;
  grpc::ClientContext context_;
  v1::WatchAlertsRequest request_;
  v1::Alert alert_;
};

Watchers::Watchers(const std::string& address, int channels) {
  for (int c = 0; c < channels; ++c) {
    stubs_.push_back(v1::AlertService::NewStub(ClientChannel(address, 3000 + c)));
  }
}

Watchers::~Watchers() {
  if (!Close()) {
    // A reactor still running must not be destroyed: leak them rather than crash.
    for (auto& stream : streams_) stream.release();
  }
}

bool Watchers::Open(const std::vector<v1::AlertFilter>& filters, std::chrono::milliseconds timeout,
                    std::string* error) {
  for (size_t i = 0; i < filters.size(); ++i) {
    streams_.push_back(std::make_unique<Stream>(this, i == 0));
    streams_.back()->Start(stubs_[i % stubs_.size()].get(), filters[i]);
  }
  std::unique_lock lock(mutex_);
  const int64_t want = static_cast<int64_t>(filters.size());
  if (changed_.wait_for(lock, timeout, [&] { return registered_ == want || ended_ > 0; }) &&
      registered_ == want) {
    return true;
  }
  *error = std::to_string(registered_) + " of " + std::to_string(want) + " streams registered; " +
           std::to_string(ended_) + " ended (last: " + last_end_status_ + ")";
  return false;
}

bool Watchers::WaitForTotal(int64_t total, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return received_ >= total; });
}

bool Watchers::Close(std::chrono::milliseconds timeout) {
  bool cancel = false;
  {
    std::lock_guard lock(mutex_);
    cancel = !closing_;
    closing_ = true;
  }
  if (cancel) {
    for (auto& stream : streams_) stream->Cancel();
  }
  std::unique_lock lock(mutex_);
  const int64_t want = static_cast<int64_t>(streams_.size());
  return changed_.wait_for(lock, timeout, [&] { return ended_ == want; });
}

int64_t Watchers::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

int64_t Watchers::ended_early() const {
  std::lock_guard lock(mutex_);
  return ended_early_;
}

std::string Watchers::last_end_status() const {
  std::lock_guard lock(mutex_);
  return last_end_status_;
}

const std::vector<Arrival>& Watchers::arrivals(size_t stream) const {
  return streams_[stream]->arrivals_;
}

const std::vector<AlertDetail>& Watchers::details() const { return streams_[0]->details_; }

void Watchers::Registered() {
  std::lock_guard lock(mutex_);
  ++registered_;
  changed_.notify_all();
}

void Watchers::Arrived() {
  std::lock_guard lock(mutex_);
  ++received_;
  changed_.notify_all();
}

void Watchers::Ended(bool early, const std::string& status) {
  std::lock_guard lock(mutex_);
  ++ended_;
  if (early && !closing_) {
    ++ended_early_;
    last_end_status_ = status;
  }
  changed_.notify_all();
}

}  // namespace bench::fanout
