#include "routes.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>

#include "alert_stream.h"
#include "web/board_row.h"
#include "web/event_schema.h"
#include "web/json_mapping.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;

grpc::Status FromAbsl(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

google::protobuf::Timestamp Now() {
  return google::protobuf::util::TimeUtil::SecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
}

void Board(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  const auto params = Params(req);
  v1::ListCasesRequest list;
  *list.mutable_filter() = ParseCaseFilter(params);
  list.set_order_by(v1::CASE_ORDER_DELAY_DESCENDING);
  list.set_page_size(1000);
  nlohmann::json rows = nlohmann::json::array();
  do {
    v1::ListCasesResponse page;
    auto status = api.cases().ListCases(TocflowApi::Call(req).get(), list, &page);
    if (!status.ok()) return SendError(res, status);
    for (const auto& summary : page.cases()) rows.push_back(BoardRow(summary));
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  SendJson(res, {{"rows", rows}});
}

void CaseView(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  const std::string case_id = req.matches[1];
  v1::GetCaseRequest get;
  get.set_case_id(case_id);
  v1::Case full;
  auto status = api.cases().GetCase(TocflowApi::Call(req).get(), get, &full);
  if (!status.ok()) return SendError(res, status);
  nlohmann::json history = nlohmann::json::array();
  v1::GetHistoryRequest history_request;
  history_request.set_case_id(case_id);
  history_request.set_page_size(1000);
  do {
    v1::GetHistoryResponse page;
    status = api.cases().GetHistory(TocflowApi::Call(req).get(), history_request, &page);
    if (!status.ok()) return SendError(res, status);
    for (const auto& event : page.events()) history.push_back(ToJson(event));
    history_request.set_page_token(page.next_page_token());
  } while (!history_request.page_token().empty());
  SendJson(res, {{"case", ToJson(full)}, {"history", history}});
}

void RecordEvent(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  auto request = ParseRecordEvent(req.matches[1], req.body, Now());
  if (!request.ok()) return SendError(res, FromAbsl(request.status()));
  v1::RecordEventResponse response;
  auto status = api.cases().RecordEvent(TocflowApi::Call(req).get(), *request, &response);
  if (!status.ok()) return SendError(res, status);
  SendJson(res, ToJson(response));
}

void AssignParty(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  v1::AssignPartyRequest request;
  if (auto parsed = FromJson(req.body.empty() ? "{}" : req.body, &request); !parsed.ok()) {
    return SendError(res, FromAbsl(parsed));
  }
  request.set_case_id(req.matches[1]);
  v1::AssignPartyResponse response;
  auto status = api.cases().AssignParty(TocflowApi::Call(req).get(), request, &response);
  if (!status.ok()) return SendError(res, status);
  SendJson(res, ToJson(response));
}

void ListAlerts(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  const auto params = Params(req);
  auto filter = ParseAlertFilter(params);
  if (!filter.ok()) return SendError(res, FromAbsl(filter.status()));
  v1::ListAlertsRequest list;
  *list.mutable_filter() = *filter;
  if (Param(params, "unacked") == "true") list.set_ack_state(v1::ACK_STATE_UNACKNOWLEDGED);
  list.set_page_size(1000);
  nlohmann::json alerts = nlohmann::json::array();
  do {
    v1::ListAlertsResponse page;
    auto status = api.alerts().ListAlerts(TocflowApi::Call(req).get(), list, &page);
    if (!status.ok()) return SendError(res, status);
    for (const auto& alert : page.alerts()) alerts.push_back(ToJson(alert));
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  SendJson(res, {{"alerts", alerts}});
}

void AckAlert(const httplib::Request& req, httplib::Response& res, TocflowApi& api) {
  v1::AckAlertRequest request;
  if (auto parsed = FromJson(req.body.empty() ? "{}" : req.body, &request); !parsed.ok()) {
    return SendError(res, FromAbsl(parsed));
  }
  request.set_cursor(std::stoll(req.matches[1]));
  v1::Alert alert;
  auto status = api.alerts().AckAlert(TocflowApi::Call(req).get(), request, &alert);
  if (!status.ok()) return SendError(res, status);
  SendJson(res, ToJson(alert));
}

}  // namespace

void SendJson(httplib::Response& response, const nlohmann::json& body, int status) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& response, const grpc::Status& status) {
  SendJson(response, ErrorJson(status), HttpStatusFor(status.error_code()));
}

std::multimap<std::string, std::string> Params(const httplib::Request& request) {
  return {request.params.begin(), request.params.end()};
}

void RegisterRoutes(httplib::Server& server, TocflowApi& api) {
  auto bind = [&api](void (*handler)(const httplib::Request&, httplib::Response&, TocflowApi&)) {
    return [&api, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res, api);
      } catch (const std::exception& e) {
        SendJson(res, {{"error", {{"code", "INTERNAL"}, {"message", e.what()}}}}, 500);
      }
    };
  };
  server.Get("/api/health", [&api](const httplib::Request&, httplib::Response& res) {
    SendJson(res, {{"server", api.server()}});
  });
  server.Get("/api/board", bind(&Board));
  server.Get(R"(/api/cases/([^/]+))", bind(&CaseView));
  server.Post(R"(/api/cases/([^/]+)/events)", bind(&RecordEvent));
  server.Post(R"(/api/cases/([^/]+)/parties)", bind(&AssignParty));
  server.Get("/api/schema/events",
             [](const httplib::Request&, httplib::Response& res) { SendJson(res, EventSchema()); });
  server.Get("/api/alerts", bind(&ListAlerts));
  server.Post(R"(/api/alerts/(\d+)/ack)", bind(&AckAlert));
  server.Get("/api/alerts/stream", [&api](const httplib::Request& req, httplib::Response& res) {
    ServeAlertStream(req, res, api);
  });
  RegisterReportRoutes(server, api);
}

}  // namespace tocflow::web
