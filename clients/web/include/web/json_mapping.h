// The JSON that tocflow-web's page reads and sends, mapped to and from the tocflow.v1 API
// messages. API messages travel in protobuf's canonical JSON form with the .proto field names
// (int64 values are strings, enums their full names, Timestamps RFC 3339, unset optional
// fields left out), so the page sees exactly what the API says. Pure: no I/O, thread-safe.
#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/support/status.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tocflow/v1/alerts.pb.h"
#include "tocflow/v1/cases.pb.h"

namespace tocflow::web {

// Query parameters of one HTTP request (name -> value; a repeated name keeps its first value).
using QueryParams = std::multimap<std::string, std::string>;

// The message in canonical JSON with .proto field names; scalar fields at their default value
// are printed too (so 0 counts are present), unset optional and message fields are not.
nlohmann::json ToJson(const google::protobuf::Message& message);

// Parses canonical JSON (either field-name style) into `message`, replacing its contents.
// Errors: INVALID_ARGUMENT naming what does not parse (unknown field, bad enum or time).
absl::Status FromJson(const std::string& json, google::protobuf::Message* message);

// The HTTP status code an API error is answered with (INVALID_ARGUMENT 400, UNAUTHENTICATED 401,
// PERMISSION_DENIED 403, NOT_FOUND 404, ALREADY_EXISTS / FAILED_PRECONDITION / ABORTED 409,
// RESOURCE_EXHAUSTED 429, UNAVAILABLE 503, DEADLINE_EXCEEDED 504, anything else 500).
int HttpStatusFor(grpc::StatusCode code);
// The body of an error answer: {"error": {"code": "FAILED_PRECONDITION", "message": "..."}},
// the message exactly as tocflowd gave it.
nlohmann::json ErrorJson(const grpc::Status& status);
// The canonical name of a gRPC status code ("NOT_FOUND").
std::string StatusCodeName(grpc::StatusCode code);

// A RecordEventRequest for `case_id` from the page's JSON body, which holds the request's other
// fields ({"request_id", "actor", "expected_version", "occurred_at", "event"}). occurred_at
// defaults to `now` when absent. Required fields left empty are passed on for tocflowd to refuse.
// Errors: INVALID_ARGUMENT when the body is not such JSON.
absl::StatusOr<tocflow::v1::RecordEventRequest> ParseRecordEvent(
    const std::string& case_id, const std::string& body, const google::protobuf::Timestamp& now);

// The role named `name`: the full enum name ("ROLE_CHC_COORDINATOR") or its short form in any
// case ("chc_coordinator"). Errors: INVALID_ARGUMENT naming the valid roles.
absl::StatusOr<tocflow::v1::Role> ParseRole(const std::string& name);

// The alert filter from query parameters role, party, provider_ods, local_authority (or la),
// icb and case_id; absent parameters match everything. Errors: INVALID_ARGUMENT for a bad role.
absl::StatusOr<tocflow::v1::AlertFilter> ParseAlertFilter(const QueryParams& params);

// The case filter from query parameters provider_ods, ward, local_authority (or la), icb and
// include_closed ("true"); absent parameters match everything. The board's site filter has no
// counterpart in the API and is applied by the page.
tocflow::v1::CaseFilter ParseCaseFilter(const QueryParams& params);

// The value of parameter `name`, or `fallback` when absent.
std::string Param(const QueryParams& params, const std::string& name,
                  const std::string& fallback = "");

}  // namespace tocflow::web
