#include "fanout/watchers.h"

#include <type_traits>

#include "command/echo_server.h"

namespace bench::fanout {

namespace v1 = tocflow::v1;

// One watch call: what every kind records.
class Watchers::Stream {
 public:
  Stream(Watchers* owner, bool keep_details) : owner_(owner), keep_details_(keep_details) {}
  virtual ~Stream() = default;
  virtual void Start(v1::AlertService::Stub* stub, const v1::AlertFilter& filter) = 0;
  virtual void Cancel() = 0;

  std::vector<Arrival> arrivals_;
  std::vector<AlertDetail> details_;

 protected:
  void Record(const v1::Alert& alert, std::chrono::steady_clock::time_point at) {
    arrivals_.push_back({alert.cursor(), at});
    if (keep_details_) {
      details_.push_back({alert.cursor(), alert.case_id(), alert.kind(), alert.ByteSizeLong()});
    }
  }

  Watchers* owner_;

 private:
  const bool keep_details_;
};

// A WatchAlerts (Message = Alert) or WatchAlertBatches (Message = AlertBatch) call. Owned by
// Watchers, which keeps it until OnDone has run.
template <typename Message>
class Watchers::Reader final : public Watchers::Stream, public grpc::ClientReadReactor<Message> {
 public:
  using Stream::Stream;

  void Start(v1::AlertService::Stub* stub, const v1::AlertFilter& filter) override {
    *request_.mutable_filter() = filter;
    context_.set_wait_for_ready(true);
    if constexpr (std::is_same_v<Message, v1::Alert>) {
      stub->async()->WatchAlerts(&context_, &request_, this);
    } else {
      stub->async()->WatchAlertBatches(&context_, &request_, this);
    }
    this->StartRead(&message_);
    this->StartCall();
  }
  void Cancel() override { context_.TryCancel(); }

  void OnReadInitialMetadataDone(bool ok) override {
    if (ok) owner_->Registered();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;  // OnDone follows
    const auto now = std::chrono::steady_clock::now();
    int64_t count = 1;
    if constexpr (std::is_same_v<Message, v1::Alert>) {
      Record(message_, now);
    } else {
      for (const v1::Alert& alert : message_.alerts()) Record(alert, now);
      count = message_.alerts_size();
    }
    this->StartRead(&message_);
    owner_->Arrived(count);
  }
  void OnDone(const grpc::Status& status) override {
    owner_->Ended(status.error_code() != grpc::StatusCode::CANCELLED,
                  std::to_string(status.error_code()) + " " + status.error_message());
  }

 private:
  grpc::ClientContext context_;
  v1::WatchAlertsRequest request_;
  Message message_;
};

Watchers::Watchers(const std::string& address, int channels, bool batches) : batches_(batches) {
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
    if (batches_) {
      streams_.push_back(std::make_unique<Reader<v1::AlertBatch>>(this, i == 0));
    } else {
      streams_.push_back(std::make_unique<Reader<v1::Alert>>(this, i == 0));
    }
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

void Watchers::Arrived(int64_t count) {
  std::lock_guard lock(mutex_);
  received_ += count;
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
