// GrpcCaseGateway: CaseService calls with a deadline, statuses converted to absl.
#include "bridge/case_gateway.h"

#include <grpcpp/grpcpp.h>

#include <utility>

#include "absl/status/status.h"

namespace tocflow::adt {
namespace {

absl::Status ToAbsl(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcCaseGateway>> GrpcCaseGateway::Connect(
    const std::string& target, const cli::ChannelSecurity& security,
    std::chrono::milliseconds deadline) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = cli::OpenSecureChannel(target, security);
  if (!channel.ok()) return channel.status();
  return std::unique_ptr<GrpcCaseGateway>(
      new GrpcCaseGateway(v1::CaseService::NewStub(*channel), deadline));
}

GrpcCaseGateway::GrpcCaseGateway(std::unique_ptr<v1::CaseService::Stub> stub,
                                 std::chrono::milliseconds deadline)
    : stub_(std::move(stub)), deadline_(deadline) {}

absl::StatusOr<v1::Case> GrpcCaseGateway::FindCaseOfSpell(const std::string& provider_ods,
                                                          const std::string& spell_id) {
  v1::ListCasesRequest list;
  list.mutable_filter()->set_provider_ods(provider_ods);
  list.mutable_filter()->set_spell_id(spell_id);
  list.mutable_filter()->set_include_closed(true);
  list.set_order_by(v1::CASE_ORDER_ADMITTED_AT);
  list.set_page_size(10);
  v1::ListCasesResponse found;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline_);
    grpc::Status status = stub_->ListCases(&context, list, &found);
    if (!status.ok()) return ToAbsl(status);
  }
  // The server keeps one case per provider and spell; should there be more, the latest
  // admission is the one the hospital's messages are about.
  if (found.cases().empty()) {
    return absl::NotFoundError("PV1-19: no case for this visit number at provider " + provider_ods);
  }
  v1::GetCaseRequest get;
  get.set_case_id(found.cases(found.cases_size() - 1).case_id());
  v1::Case result;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  grpc::Status status = stub_->GetCase(&context, get, &result);
  if (!status.ok()) return ToAbsl(status);
  return result;
}

absl::Status GrpcCaseGateway::CreateCase(const v1::CreateCaseRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  v1::Case created;
  return ToAbsl(stub_->CreateCase(&context, request, &created));
}

absl::Status GrpcCaseGateway::RecordEvent(const v1::RecordEventRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  v1::RecordEventResponse response;
  return ToAbsl(stub_->RecordEvent(&context, request, &response));
}

}  // namespace tocflow::adt
