// tocflow.v1.ReportService: the four reports, computed by libworkflow's report functions over
// every case's facts (those stored beside each case; a case without readable ones is replayed).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "service_deps.h"
#include "tocflow/v1/reports.grpc.pb.h"
#include "workflow/case_facts.h"
#include "workflow/reports.h"

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
  // Calls `visit` with the id and facts (stored beside the case, or by replay where none are)
  // of every case, or of one LA's cases when `local_authority` is set, one case at a time from
  // one snapshot, so that a report holds one case at once.
  absl::Status ForEachCase(
      const std::optional<std::string>& local_authority,
      absl::FunctionRef<void(const std::string& case_id, const workflow::CaseFacts& facts)> visit);
  // The same without the ids, as a report's source of cases.
  absl::Status EachCase(const std::optional<std::string>& local_authority,
                        workflow::CaseVisitor visit);

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
