#include "report_service.h"

#include "case_loader.h"
#include "status_mapping.h"

namespace tocflow::server {
namespace {

grpc::ServerUnaryReactor* NotYet(grpc::CallbackServerContext* context, const char* rpc) {
  auto* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                               std::string(rpc) + " is not available in this build of tocflowd"));
  return reactor;
}

}  // namespace

absl::StatusOr<std::vector<workflow::CaseFacts>> ReportServiceImpl::AllFacts() {
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto ids = (*reader)->AllCaseIds();
  if (!ids.ok()) return ids.status();
  std::vector<workflow::CaseFacts> facts;
  facts.reserve(ids->size());
  for (const auto& id : *ids) {
    auto journey = LoadJourney(**reader, id, deps_.reference);
    if (!journey.ok()) return journey.status();
    facts.push_back(journey->facts());
  }
  return facts;
}

grpc::ServerUnaryReactor* ReportServiceImpl::DelayedTransfersMonthly(
    grpc::CallbackServerContext* context, const tocflow::v1::DelayedTransfersMonthlyRequest*,
    tocflow::v1::DelayedTransfersMonthlyResponse*) {
  return NotYet(context, "DelayedTransfersMonthly");
}

grpc::ServerUnaryReactor* ReportServiceImpl::DischargeReadyDaily(
    grpc::CallbackServerContext* context, const tocflow::v1::DischargeReadyDailyRequest*,
    tocflow::v1::DischargeReadyDailyResponse*) {
  return NotYet(context, "DischargeReadyDaily");
}

grpc::ServerUnaryReactor* ReportServiceImpl::ChcTimeliness(grpc::CallbackServerContext* context,
                                                           const tocflow::v1::ChcTimelinessRequest*,
                                                           tocflow::v1::ChcTimelinessResponse*) {
  return NotYet(context, "ChcTimeliness");
}

grpc::ServerUnaryReactor* ReportServiceImpl::Reimbursement(grpc::CallbackServerContext* context,
                                                           const tocflow::v1::ReimbursementRequest*,
                                                           tocflow::v1::ReimbursementResponse*) {
  return NotYet(context, "Reimbursement");
}

}  // namespace tocflow::server
