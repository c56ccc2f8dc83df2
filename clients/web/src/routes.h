// The JSON API tocflow-web serves to its page. Every handler is thin: it maps the HTTP request
// to one or a few tocflowd calls and their answers (or errors, with the API's code and message)
// back to JSON; no business rule lives here.
//   GET  /api/health                     {"server": ADDR}
//   GET  /api/board?provider_ods&site&ward&la&icb   {"rows": [BoardRow...]} (open cases)
//   GET  /api/cases/{id}                 {"case": Case, "history": [RecordedEvent...]}
//   POST /api/cases/{id}/events          RecordEventRequest fields -> RecordEventResponse
//   POST /api/cases/{id}/parties         AssignPartyRequest fields -> AssignPartyResponse
//   GET  /api/schema/events              EventSchema()
//   GET  /api/alerts?role&la&icb&...&unacked=true  {"alerts": [Alert...]}
//   POST /api/alerts/{cursor}/ack        {"acknowledged_by"} -> Alert
//   GET  /api/alerts/stream?role&...     Server-Sent Events (alert_stream.h)
//   GET  /api/reports/...                report_routes.h
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "tocflow_api.h"

namespace tocflow::web {

// Registers every /api route on `server`. `api` must outlive the server.
void RegisterRoutes(httplib::Server& server, TocflowApi& api);
// Registers the /api/reports routes (report_routes.cc).
void RegisterReportRoutes(httplib::Server& server, TocflowApi& api);

// Answers `response` with `body` as JSON and HTTP `status`.
void SendJson(httplib::Response& response, const nlohmann::json& body, int status = 200);
// Answers with the API error's HTTP status and ErrorJson body.
void SendError(httplib::Response& response, const grpc::Status& status);
// Query parameters of the request in the form json_mapping.h takes.
std::multimap<std::string, std::string> Params(const httplib::Request& request);

}  // namespace tocflow::web
