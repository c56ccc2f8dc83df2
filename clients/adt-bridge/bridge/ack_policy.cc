// Status -> ACK (rules in ack_policy.h).
#include "bridge/ack_policy.h"

#include <cctype>
#include <string>
#include <string_view>

namespace tocflow::adt {
namespace {

// "PV1-19: ..." -> segment PV1, field 19; "MSH-9.2: ..." -> MSH, 9. Nothing otherwise.
hl7::AckError Locate(std::string_view message, int hl7_code) {
  hl7::AckError error;
  error.hl7_code = hl7_code;
  if (message.size() < 5 || message[3] != '-') return error;
  for (int i = 0; i < 3; ++i) {
    if (!std::isupper(static_cast<unsigned char>(message[i])) &&
        !std::isdigit(static_cast<unsigned char>(message[i]))) {
      return error;
    }
  }
  int field = 0;
  size_t i = 4;
  while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) &&
         field < 1000) {
    field = field * 10 + (message[i] - '0');
    ++i;
  }
  if (field == 0) return error;
  error.segment = std::string(message.substr(0, 3));
  error.field = field;
  return error;
}

bool Contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

}  // namespace

AckDecision DecideAck(const absl::Status& status, const std::string& note) {
  AckDecision decision;
  const std::string message(status.message());
  switch (status.code()) {
    case absl::StatusCode::kOk:
      decision.text = note;
      return decision;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      decision.code = hl7::AckCode::kError;
      decision.text = message;
      decision.error = Locate(message, Contains(message, "missing") ? 101 : 102);
      return decision;
    case absl::StatusCode::kNotFound:
      decision.code = hl7::AckCode::kError;
      decision.text = message;
      decision.error = Locate(message, 204);  // unknown key identifier
      return decision;
    case absl::StatusCode::kAlreadyExists:
      decision.code = hl7::AckCode::kError;
      decision.text = message;
      decision.error = Locate(message, 205);  // duplicate key identifier
      return decision;
    case absl::StatusCode::kFailedPrecondition:
      decision.code = hl7::AckCode::kError;
      decision.text = message;
      decision.error = Locate(message, 207);
      return decision;
    case absl::StatusCode::kUnimplemented: {
      decision.code = hl7::AckCode::kReject;
      decision.text = message;
      const int code = Contains(message, "version")   ? 203
                       : Contains(message, "trigger") ? 201
                                                      : 200;
      decision.error = Locate(message, code);
      return decision;
    }
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      decision.code = hl7::AckCode::kReject;
      decision.text = "not applied: tocflowd refused the receiving system's credentials (" +
                      std::string(absl::StatusCodeToString(status.code())) + ": " + message +
                      "); resend it once the bridge's configuration is fixed, it is applied "
                      "at most once";
      decision.error = hl7::AckError{"", 0, 207};
      return decision;
    default:
      decision.code = hl7::AckCode::kReject;
      decision.text = "not applied: tocflowd could not take the message now (" +
                      std::string(absl::StatusCodeToString(status.code())) +
                      "); resend it, it is applied at most once";
      decision.error = hl7::AckError{"", 0, 207};
      return decision;
  }
}

AckDecision DecideParseFailure(const absl::Status& parse_error) {
  AckDecision decision;
  decision.code = hl7::AckCode::kReject;
  decision.text = "the message could not be parsed: " + std::string(parse_error.message());
  decision.error = Locate(std::string(parse_error.message()), 100);
  return decision;
}

}  // namespace tocflow::adt
