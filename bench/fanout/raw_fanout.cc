#include "fanout/raw_fanout.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "bench/v1/push.grpc.pb.h"
#include "command/echo_server.h"

namespace bench::fanout {
namespace {

using Clock = std::chrono::steady_clock;
using bench::v1::PushMessage;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// Server side of one stream: a queue written in order, like tocflowd's WatchStream.
class Writer final : public grpc::ServerWriteReactor<PushMessage> {
 public:
  explicit Writer(std::function<void()> done) : done_(std::move(done)) {
    StartSendInitialMetadata();
  }

  // Queues a message, waiting while `bound` are queued.
  void Push(PushMessage message, size_t bound) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < bound || dead_; });
    if (dead_) return;
    queue_.push_back(std::move(message));
    if (!writing_) {
      writing_ = true;
      StartWrite(&queue_.front());
    }
  }
  // Finishes once every queued message is written.
  void FinishWhenDrained() {
    std::lock_guard lock(mutex_);
    finishing_ = true;
    if (!writing_) FinishLocked(grpc::Status::OK);
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard lock(mutex_);
    queue_.pop_front();
    writing_ = false;
    space_.notify_all();
    if (!ok) {
      dead_ = true;
      FinishLocked(grpc::Status::CANCELLED);
    } else if (!queue_.empty()) {
      writing_ = true;
      StartWrite(&queue_.front());
    } else if (finishing_) {
      FinishLocked(grpc::Status::OK);
    }
  }
  void OnDone() override { done_(); }

 private:
  void FinishLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  const std::function<void()> done_;
  std::mutex mutex_;
  std::condition_variable space_;
  std::deque<PushMessage> queue_;
  bool writing_ = false;
  bool finishing_ = false;
  bool finished_ = false;
  bool dead_ = false;
};

// Client side of one stream: counts messages and their publish-to-arrival latency.
class Reader final : public grpc::ClientReadReactor<PushMessage> {
 public:
  Reader(int64_t skip, std::function<void()> done) : skip_(skip), done_(std::move(done)) {}

  void Start(bench::v1::Push::Stub* stub, int stream) {
    request_.set_stream(stream);
    stub->async()->Watch(&context_, &request_, this);
    StartRead(&message_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    const int64_t now = NowNs();
    ++messages_;
    last_ns_ = now;
    if (message_.seq() >= skip_) latency_.Add(std::chrono::nanoseconds(now - message_.sent_ns()));
    StartRead(&message_);
  }
  void OnDone(const grpc::Status& status) override {
    ok_ = status.ok();
    done_();
  }

  LatencyRecorder latency_;
  int64_t messages_ = 0;
  int64_t last_ns_ = 0;
  bool ok_ = false;

 private:
  const int64_t skip_;
  const std::function<void()> done_;
  grpc::ClientContext context_;
  bench::v1::PushRequest request_;
  PushMessage message_;
};

}  // namespace

// The server's streams of the current run, by stream number.
class RawFanout::Hub final : public bench::v1::Push::CallbackService {
 public:
  grpc::ServerWriteReactor<PushMessage>* Watch(grpc::CallbackServerContext*,
                                               const bench::v1::PushRequest* request) override {
    auto* writer = new Writer([this] {
      std::lock_guard lock(mutex_);
      ++done_;
      changed_.notify_all();
    });
    std::lock_guard lock(mutex_);
    const auto stream = static_cast<size_t>(request->stream());
    if (stream >= writers_.size()) writers_.resize(stream + 1);
    writers_[stream].reset(writer);
    ++registered_;
    changed_.notify_all();
    return writer;
  }

  void Reset() {
    std::lock_guard lock(mutex_);
    writers_.clear();
    registered_ = 0;
    done_ = 0;
  }
  bool WaitRegistered(int streams, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return registered_ == streams; });
  }
  bool WaitDone(int streams, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done_ == streams; });
  }
  Writer* writer(size_t stream) {
    std::lock_guard lock(mutex_);
    return writers_[stream].get();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Writer>> writers_;  // deleted only after OnDone (WaitDone)
  int registered_ = 0;
  int done_ = 0;
};

std::unique_ptr<RawFanout> RawFanout::Start() {
  std::unique_ptr<RawFanout> raw(new RawFanout());
  raw->hub_ = std::make_unique<Hub>();
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(raw->hub_.get());
  raw->server_ = builder.BuildAndStart();
  if (!raw->server_ || port == 0) return nullptr;
  raw->address_ = "127.0.0.1:" + std::to_string(port);
  return raw;
}

RawFanout::~RawFanout() {
  if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

RawFanout::Result RawFanout::Run(int streams, int channels,
                                 const std::vector<std::vector<int>>& targets, double rate,
                                 int64_t skip, size_t payload_bytes, size_t buffer) {
  Result result;
  hub_->Reset();
  std::vector<std::unique_ptr<bench::v1::Push::Stub>> stubs;
  for (int c = 0; c < channels; ++c) {
    // New connections for every run: the runs do not share HTTP/2 state.
    stubs.push_back(bench::v1::Push::NewStub(ClientChannel(address_, 5000 + runs_ * channels + c)));
  }
  ++runs_;
  std::mutex mutex;
  std::condition_variable changed;
  int readers_done = 0;
  std::vector<std::unique_ptr<Reader>> readers;
  for (int s = 0; s < streams; ++s) {
    readers.push_back(std::make_unique<Reader>(skip, [&] {
      std::lock_guard lock(mutex);
      ++readers_done;
      changed.notify_all();
    }));
    readers.back()->Start(stubs[static_cast<size_t>(s % channels)].get(), s);
  }
  auto abandon = [&] {
    // Reactors still running must not be destroyed: leak them.
    for (auto& reader : readers) reader.release();
  };
  if (!hub_->WaitRegistered(streams, std::chrono::seconds(60))) {
    abandon();
    return result;
  }

  PushMessage message;
  message.set_payload(std::string(payload_bytes, 'a'));
  const Clock::time_point start = Clock::now();
  const int64_t start_ns = NowNs();
  for (size_t i = 0; i < targets.size(); ++i) {
    if (rate > 0) {
      std::this_thread::sleep_until(start + std::chrono::nanoseconds(static_cast<int64_t>(
                                                1e9 * static_cast<double>(i) / rate)));
    }
    message.set_seq(static_cast<int64_t>(i));
    message.set_sent_ns(NowNs());
    for (int stream : targets[i]) {
      hub_->writer(static_cast<size_t>(stream))->Push(message, buffer);
      ++result.expected;
    }
  }
  for (int s = 0; s < streams; ++s) hub_->writer(static_cast<size_t>(s))->FinishWhenDrained();
  bool all_done = false;
  {
    std::unique_lock lock(mutex);
    all_done =
        changed.wait_for(lock, std::chrono::minutes(5), [&] { return readers_done == streams; });
  }
  hub_->WaitDone(streams, std::chrono::seconds(30));
  int64_t last_ns = start_ns;
  for (auto& reader : readers) {
    result.messages += reader->messages_;
    result.latency.Merge(reader->latency_);
    last_ns = std::max(last_ns, reader->last_ns_);
  }
  result.seconds = static_cast<double>(last_ns - start_ns) / 1e9;
  if (!all_done) abandon();
  return result;
}

}  // namespace bench::fanout
