// tocflow.v1.ReportService: the four reports, computed by libworkflow's report functions over
// every case's facts (rebuilt by replaying the stored histories).
#pragma once

#include <string>
#include <vector>

#include "service_deps.h"
#include "tocflow/v1/reports.grpc.pb.h"
#include "workflow/case_facts.h"

namespace tocflow::server {

class ReportServiceImpl final : public tocflow::v1::ReportService::CallbackService {
 public:
  explicit ReportServiceImpl(ServiceDeps deps) : deps_(std::move(deps)) {}

  grpc::ServerUnaryReactor* DelayedTransfersMonthly(
      grpc::CallbackServerContext* context,
      const tocflow::v1::DelayedTransfersMonthlyRequest* request,
      tocflow::v1::DelayedTransfersMonthlyResponse* response) override;
  grpc::ServerUnaryReactor* DischargeReadyDaily(
      grpc::CallbackServerContext* context, const tocflow::v1::DischargeReadyDailyRequest* request,
      tocflow::v1::DischargeReadyDailyResponse* response) override;
  grpc::ServerUnaryReactor* ChcTimeliness(grpc::CallbackServerContext* context,
                                          const tocflow::v1::ChcTimelinessRequest* request,
                                          tocflow::v1::ChcTimelinessResponse* response) override;
  grpc::ServerUnaryReactor* Reimbursement(grpc::CallbackServerContext* context,
                                          const tocflow::v1::ReimbursementRequest* request,
                                          tocflow::v1::ReimbursementResponse* response) override;

 private:
  // Every case's id and facts (by replay), in the same order.
  struct AllCases {
    std::vector<std::string> ids;
    std::vector<workflow::CaseFacts> facts;
  };
  absl::StatusOr<AllCases> AllFacts();

  // The handlers' bodies; the RPCs run them and map the status.
  absl::Status DelayedTransfersMonthlyNow(
      const tocflow::v1::DelayedTransfersMonthlyRequest& request,
      tocflow::v1::DelayedTransfersMonthlyResponse* response);
  absl::Status DischargeReadyDailyNow(const tocflow::v1::DischargeReadyDailyRequest& request,
                                      tocflow::v1::DischargeReadyDailyResponse* response);
  absl::Status ChcTimelinessNow(const tocflow::v1::ChcTimelinessRequest& request,
                                tocflow::v1::ChcTimelinessResponse* response);
  absl::Status ReimbursementNow(const tocflow::v1::ReimbursementRequest& request,
                                tocflow::v1::ReimbursementResponse* response);

  ServiceDeps deps_;
};

}  // namespace tocflow::server
