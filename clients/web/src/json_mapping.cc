#include "web/json_mapping.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>

namespace tocflow::web {

nlohmann::json ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string out;
  // Printing a valid message cannot fail (it fails only on unresolvable Any types).
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return nlohmann::json::parse(out);
}

absl::Status FromJson(const std::string& json, google::protobuf::Message* message) {
  message->Clear();
  google::protobuf::util::JsonParseOptions options;
  auto status = google::protobuf::util::JsonStringToMessage(json, message, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError("request body: " + std::string(status.message()));
  }
  return absl::OkStatus();
}

int HttpStatusFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    default:
      return 500;
  }
}

std::string StatusCodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kNames))) return "UNKNOWN";
  return kNames[index];
}

nlohmann::json ErrorJson(const grpc::Status& status) {
  return {{"error",
           {{"code", StatusCodeName(status.error_code())}, {"message", status.error_message()}}}};
}

absl::StatusOr<tocflow::v1::RecordEventRequest> ParseRecordEvent(
    const std::string& case_id, const std::string& body, const google::protobuf::Timestamp& now) {
  tocflow::v1::RecordEventRequest request;
  if (auto status = FromJson(body.empty() ? "{}" : body, &request); !status.ok()) return status;
  request.set_case_id(case_id);
  if (!request.has_occurred_at()) *request.mutable_occurred_at() = now;
  return request;
}

absl::StatusOr<tocflow::v1::Role> ParseRole(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper.rfind("ROLE_", 0) != 0) upper = "ROLE_" + upper;
  tocflow::v1::Role role;
  if (upper != "ROLE_UNSPECIFIED" && tocflow::v1::Role_Parse(upper, &role)) return role;
  std::string valid;
  const auto* descriptor = tocflow::v1::Role_descriptor();
  for (int i = 1; i < descriptor->value_count(); ++i) {
    std::string short_name = descriptor->value(i)->name().substr(5);
    std::transform(short_name.begin(), short_name.end(), short_name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    valid += (valid.empty() ? "" : ", ") + short_name;
  }
  return absl::InvalidArgumentError("role: unknown role \"" + name + "\"; valid: " + valid);
}

std::string Param(const QueryParams& params, const std::string& name, const std::string& fallback) {
  auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

absl::StatusOr<tocflow::v1::AlertFilter> ParseAlertFilter(const QueryParams& params) {
  tocflow::v1::AlertFilter filter;
  if (auto role = Param(params, "role"); !role.empty()) {
    auto parsed = ParseRole(role);
    if (!parsed.ok()) return parsed.status();
    filter.add_roles(*parsed);
  }
  filter.set_party(Param(params, "party"));
  filter.set_provider_ods(Param(params, "provider_ods"));
  filter.set_local_authority(Param(params, "local_authority", Param(params, "la")));
  filter.set_icb(Param(params, "icb"));
  filter.set_case_id(Param(params, "case_id"));
  return filter;
}

tocflow::v1::CaseFilter ParseCaseFilter(const QueryParams& params) {
  tocflow::v1::CaseFilter filter;
  filter.set_provider_ods(Param(params, "provider_ods"));
  filter.set_site(Param(params, "site"));
  filter.set_ward(Param(params, "ward"));
  filter.set_local_authority(Param(params, "local_authority", Param(params, "la")));
  filter.set_icb(Param(params, "icb"));
  filter.set_include_closed(Param(params, "include_closed") == "true");
  return filter;
}

}  // namespace tocflow::web
