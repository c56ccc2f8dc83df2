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
  // Listens on 127.0.0.1, on a free port. nullptr when the port cannot be bound.
  static std::unique_ptr<EchoServer> Start();
  ~EchoServer();
  const std::string& address() const { return address_; }

 private:
  EchoServer() = default;
  class Service;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

// A client channel to `address` with the channel settings command_bench uses for every system:
// insecure, default arguments plus a distinct `bench.client` argument so that each client gets
// its own TCP connection.
std::shared_ptr<grpc::Channel> ClientChannel(const std::string& address, int client);

}  // namespace bench
