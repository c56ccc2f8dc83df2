// tocflow-web's connection to tocflowd: one channel and its three stubs, shared by every HTTP
// request (gRPC stubs are thread-safe). Each call carries the HTTP caller's identity through.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace httplib {
struct Request;
}

namespace tocflow::web {

// The stubs for tocflowd at one address. Thread-safe; lives as long as the program.
class TocflowApi {
 public:
  // The stubs on `channel` to tocflowd at `server` (host:port, for messages); the channel
  // connects lazily and reconnects by itself.
  TocflowApi(std::string server, std::shared_ptr<grpc::Channel> channel);

  const std::string& server() const { return server_; }
  tocflow::v1::CaseService::Stub& cases() { return *cases_; }
  tocflow::v1::AlertService::Stub& alerts() { return *alerts_; }
  tocflow::v1::ReportService::Stub& reports() { return *reports_; }

  // A context for one unary call (deadline `timeout`) that passes the request's Authorization
  // header on as gRPC `authorization` metadata, so tocflowd applies the caller's roles.
  static std::unique_ptr<grpc::ClientContext> Call(
      const httplib::Request& request, std::chrono::seconds timeout = std::chrono::seconds(30));
  // The same for a stream: no deadline.
  static std::unique_ptr<grpc::ClientContext> Stream(const std::string& authorization);

 private:
  std::string server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tocflow::v1::CaseService::Stub> cases_;
  std::unique_ptr<tocflow::v1::AlertService::Stub> alerts_;
  std::unique_ptr<tocflow::v1::ReportService::Stub> reports_;
};

}  // namespace tocflow::web
