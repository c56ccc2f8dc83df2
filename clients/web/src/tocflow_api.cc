#include "tocflow_api.h"

#include <httplib.h>

namespace tocflow::web {

TocflowApi::TocflowApi(std::string server, std::shared_ptr<grpc::Channel> channel)
    : server_(std::move(server)),
      channel_(std::move(channel)),
      cases_(tocflow::v1::CaseService::NewStub(channel_)),
      alerts_(tocflow::v1::AlertService::NewStub(channel_)),
      reports_(tocflow::v1::ReportService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> TocflowApi::Call(const httplib::Request& request,
                                                      std::chrono::seconds timeout) {
  auto context = Stream(request.get_header_value("Authorization"));
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

std::unique_ptr<grpc::ClientContext> TocflowApi::Stream(const std::string& authorization) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!authorization.empty()) context->AddMetadata("authorization", authorization);
  return context;
}

}  // namespace tocflow::web
