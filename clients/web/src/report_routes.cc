// The /api/reports routes: one ReportService call each, answered with the API's message.
#include "routes.h"
#include "web/report_requests.h"

namespace tocflow::web {
namespace {

// Parses the request with `parse`, calls `rpc` on the report stub and answers with the result.
template <typename Request, typename Response, typename Parse, typename Rpc>
void Report(const httplib::Request& req, httplib::Response& res, TocflowApi& api, Parse parse,
            Rpc rpc) {
  try {
    absl::StatusOr<Request> request = parse(Params(req));
    if (!request.ok()) {
      return SendError(res, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                         std::string(request.status().message())));
    }
    Response response;
    auto status = (api.reports().*rpc)(TocflowApi::Call(req).get(), *request, &response);
    if (!status.ok()) return SendError(res, status);
    SendJson(res, ToJson(response));
  } catch (const std::exception& e) {
    SendJson(res, {{"error", {{"code", "INTERNAL"}, {"message", e.what()}}}}, 500);
  }
}

}  // namespace

void RegisterReportRoutes(httplib::Server& server, TocflowApi& api) {
  namespace v1 = tocflow::v1;
  using Stub = v1::ReportService::Stub;
  server.Get("/api/reports/dtoc", [&api](const httplib::Request& req, httplib::Response& res) {
    Report<v1::DelayedTransfersMonthlyRequest, v1::DelayedTransfersMonthlyResponse>(
        req, res, api, ParseDtocRequest, &Stub::DelayedTransfersMonthly);
  });
  server.Get("/api/reports/drd", [&api](const httplib::Request& req, httplib::Response& res) {
    Report<v1::DischargeReadyDailyRequest, v1::DischargeReadyDailyResponse>(
        req, res, api, ParseDrdRequest, &Stub::DischargeReadyDaily);
  });
  server.Get("/api/reports/chc", [&api](const httplib::Request& req, httplib::Response& res) {
    Report<v1::ChcTimelinessRequest, v1::ChcTimelinessResponse>(req, res, api, ParseChcRequest,
                                                                &Stub::ChcTimeliness);
  });
  server.Get("/api/reports/reimbursement",
             [&api](const httplib::Request& req, httplib::Response& res) {
               Report<v1::ReimbursementRequest, v1::ReimbursementResponse>(
                   req, res, api, ParseReimbursementRequest, &Stub::Reimbursement);
             });
}

}  // namespace tocflow::web
