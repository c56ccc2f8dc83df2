// An in-process gRPC server with the Echo service (echo.proto), built like tocflowd's server
// (callback API, default ServerBuilder settings, insecure loopback): the raw gRPC limit that
// command_bench compares RecordEvent with.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "bench/v1/echo.grpc.pb.h"

namespace bench {

class EchoServer {
 public:
  // Where a call is answered: in its handler, on the gRPC thread that read it (the raw limit),
  // or by one thread of the server's own that the handler hands the call to, as tocflowd's
  // answer thread does (for diagnosis: what that hand-off costs in gRPC alone). The kSync modes
  // use gRPC's synchronous API instead of the callback API, for diagnosis too: the handler
  // answers at once, or blocks until a thread of the server's own releases it, as the callers
  // of a leader/follower group commit would wait. The kAsync modes use gRPC's asynchronous
  // (completion queue) API, drained by threads of the server's own: the thread that took the
  // call answers it, or hands it to one other thread of the server's own that answers it.
  enum class Answer {
    kInHandler,
    kFromOwnThread,
    kSyncInHandler,
    kSyncReleasedByOwnThread,
    kAsyncInHandler,
    kAsyncFromOwnThread
  };

  // Listens on 127.0.0.1, on a free port. nullptr when the port cannot be bound.
  static std::unique_ptr<EchoServer> Start(Answer answer = Answer::kInHandler);
  ~EchoServer();
  const std::string& address() const { return address_; }

 private:
  EchoServer() = default;
  class Service;
  class SyncService;
  class AsyncCalls;
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<AsyncCalls> async_calls_;  // the kAsync modes only; reset after Shutdown
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

// A client channel to `address` with the channel settings command_bench uses for every system:
// insecure, default arguments plus a distinct `bench.client` argument so that each client gets
// its own TCP connection.
std::shared_ptr<grpc::Channel> ClientChannel(const std::string& address, int client);

// Sets what every timed call of command_bench carries, RecordEvent and echo alike: a deadline
// 30 s ahead (a client that sets none can wait for ever). A deadline costs the client a timer
// per call, about 4% of the echo's rate here, so both systems pay it.
void PrepareCall(grpc::ClientContext& context);

}  // namespace bench
