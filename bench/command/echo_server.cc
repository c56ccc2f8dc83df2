#include "command/echo_server.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace bench {

class EchoServer::Service final : public bench::v1::Echo::CallbackService {
 public:
  explicit Service(Answer answer) : answer_(answer) {
    if (answer_ == Answer::kFromOwnThread) answerer_ = std::thread([this] { AnswerQueued(); });
  }

  // After the server's shutdown, which waits for every call to be answered.
  ~Service() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (answerer_.joinable()) answerer_.join();
  }

 private:
  grpc::ServerUnaryReactor* Call(grpc::CallbackServerContext* context,
                                 const bench::v1::EchoRequest* request,
                                 bench::v1::EchoReply* reply) override {
    reply->mutable_payload()->assign(static_cast<size_t>(request->reply_bytes()), 'x');
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (answer_ == Answer::kInHandler) {
      reactor->Finish(grpc::Status::OK);
    } else {
      std::lock_guard lock(mutex_);
      queued_.push_back(reactor);
      wake_.notify_one();
    }
    return reactor;
  }

  void AnswerQueued() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) return;
      std::deque<grpc::ServerUnaryReactor*> answering;
      answering.swap(queued_);
      lock.unlock();
      for (grpc::ServerUnaryReactor* reactor : answering) reactor->Finish(grpc::Status::OK);
      lock.lock();
    }
  }

  const Answer answer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<grpc::ServerUnaryReactor*> queued_;  // guarded by mutex_
  bool stopping_ = false;                         // guarded by mutex_
  std::thread answerer_;
};

class EchoServer::SyncService final : public bench::v1::Echo::Service {
 public:
  explicit SyncService(Answer answer) : answer_(answer) {
    if (answer_ == Answer::kSyncReleasedByOwnThread) {
      releaser_ = std::thread([this] { ReleaseWaiting(); });
    }
  }

  ~SyncService() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (releaser_.joinable()) releaser_.join();
  }

 private:
  // One handler waiting to be released.
  struct Waiter {
    std::condition_variable released;
    bool done = false;  // guarded by mutex_
  };

  grpc::Status Call(grpc::ServerContext*, const bench::v1::EchoRequest* request,
                    bench::v1::EchoReply* reply) override {
    reply->mutable_payload()->assign(static_cast<size_t>(request->reply_bytes()), 'x');
    if (answer_ == Answer::kSyncReleasedByOwnThread) {
      Waiter waiter;
      std::unique_lock lock(mutex_);
      waiting_.push_back(&waiter);
      wake_.notify_one();
      waiter.released.wait(lock, [&] { return waiter.done; });
    }
    return grpc::Status::OK;
  }

  void ReleaseWaiting() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;
      for (Waiter* waiter : waiting_) {
        waiter->done = true;
        waiter->released.notify_one();
      }
      waiting_.clear();
    }
  }

  const Answer answer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Waiter*> waiting_;  // guarded by mutex_
  bool stopping_ = false;        // guarded by mutex_
  std::thread releaser_;
};

std::unique_ptr<EchoServer> EchoServer::Start(Answer answer) {
  std::unique_ptr<EchoServer> echo(new EchoServer());
  if (answer == Answer::kSyncInHandler || answer == Answer::kSyncReleasedByOwnThread) {
    echo->service_ = std::make_unique<SyncService>(answer);
  } else {
    echo->service_ = std::make_unique<Service>(answer);
  }
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(echo->service_.get());
  echo->server_ = builder.BuildAndStart();
  if (!echo->server_ || port == 0) return nullptr;
  echo->address_ = "127.0.0.1:" + std::to_string(port);
  return echo;
}

EchoServer::~EchoServer() {
  if (server_) server_->Shutdown();
}

std::shared_ptr<grpc::Channel> ClientChannel(const std::string& address, int client) {
  grpc::ChannelArguments arguments;
  arguments.SetInt("bench.client", client);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

void PrepareCall(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
}

}  // namespace bench
