#include "command/echo_server.h"

#include <chrono>

namespace bench {

class EchoServer::Service final : public bench::v1::Echo::CallbackService {
  grpc::ServerUnaryReactor* Call(grpc::CallbackServerContext* context,
                                 const bench::v1::EchoRequest* request,
                                 bench::v1::EchoReply* reply) override {
    reply->mutable_payload()->assign(static_cast<size_t>(request->reply_bytes()), 'x');
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

std::unique_ptr<EchoServer> EchoServer::Start() {
  std::unique_ptr<EchoServer> echo(new EchoServer());
  echo->service_ = std::make_unique<Service>();
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
