#include "command/echo_server.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

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

// The kAsync modes: one completion queue, drained by one thread per core. A call is taken by
// whichever thread the queue gives it to, which asks for the next call and then answers it or
// hands it to the answering thread. The answer's completion comes back through the queue, and
// the thread that gets it frees the call.
class EchoServer::AsyncCalls {
 public:
  AsyncCalls(Answer answer, bench::v1::Echo::AsyncService& service, grpc::ServerBuilder& builder)
      : answer_(answer), service_(service), queue_(builder.AddCompletionQueue()) {}

  // Once the server is built: asks for the first call and starts the threads.
  void Start() {
    AskForNextCall();
    if (answer_ == Answer::kAsyncFromOwnThread) answerer_ = std::thread([this] { AnswerQueued(); });
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) drainers_.emplace_back([this] { Drain(); });
  }

  // After the server's shutdown, which waits for every call to be answered.
  ~AsyncCalls() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (answerer_.joinable()) answerer_.join();
    queue_->Shutdown();
    for (std::thread& drainer : drainers_) drainer.join();
  }

 private:
  // One call, from being asked for to its answer's completion; also its queue tag.
  struct Call {
    grpc::ServerContext context;
    bench::v1::EchoRequest request;
    bench::v1::EchoReply reply;
    grpc::ServerAsyncResponseWriter<bench::v1::EchoReply> responder{&context};
    bool answered = false;  // false while the tag stands for "a call arrived"
  };

  void AskForNextCall() {
    auto* call = new Call();
    service_.RequestCall(&call->context, &call->request, &call->responder, queue_.get(),
                         queue_.get(), call);
  }

  void Drain() {
    void* tag = nullptr;
    bool ok = false;
    while (queue_->Next(&tag, &ok)) {
      auto* call = static_cast<Call*>(tag);
      if (call->answered || !ok) {  // answered, or no call will come: the server shuts down
        delete call;
        continue;
      }
      AskForNextCall();
      call->reply.mutable_payload()->assign(static_cast<size_t>(call->request.reply_bytes()), 'x');
      call->answered = true;
      if (answer_ == Answer::kAsyncInHandler) {
        call->responder.Finish(call->reply, grpc::Status::OK, call);
      } else {
        std::lock_guard lock(mutex_);
        queued_.push_back(call);
        wake_.notify_one();
      }
    }
  }

  void AnswerQueued() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) return;
      std::deque<Call*> answering;
      answering.swap(queued_);
      lock.unlock();
      for (Call* call : answering) call->responder.Finish(call->reply, grpc::Status::OK, call);
      lock.lock();
    }
  }

  const Answer answer_;
  bench::v1::Echo::AsyncService& service_;
  std::unique_ptr<grpc::ServerCompletionQueue> queue_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Call*> queued_;  // guarded by mutex_
  bool stopping_ = false;     // guarded by mutex_
  std::thread answerer_;
  std::vector<std::thread> drainers_;
};

std::unique_ptr<EchoServer> EchoServer::Start(Answer answer) {
  std::unique_ptr<EchoServer> echo(new EchoServer());
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  if (answer == Answer::kSyncInHandler || answer == Answer::kSyncReleasedByOwnThread) {
    echo->service_ = std::make_unique<SyncService>(answer);
  } else if (answer == Answer::kAsyncInHandler || answer == Answer::kAsyncFromOwnThread) {
    auto service = std::make_unique<bench::v1::Echo::AsyncService>();
    echo->async_calls_ = std::make_unique<AsyncCalls>(answer, *service, builder);
    echo->service_ = std::move(service);
  } else {
    echo->service_ = std::make_unique<Service>(answer);
  }
  builder.RegisterService(echo->service_.get());
  echo->server_ = builder.BuildAndStart();
  if (!echo->server_ || port == 0) return nullptr;
  if (echo->async_calls_) echo->async_calls_->Start();
  echo->address_ = "127.0.0.1:" + std::to_string(port);
  return echo;
}

EchoServer::~EchoServer() {
  if (server_) server_->Shutdown();
  async_calls_.reset();
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
