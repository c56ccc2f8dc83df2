// MessageHandler: payload -> parse -> extract -> case -> plan -> tocflowd -> ACK.
#include "bridge/message_handler.h"

#include <chrono>
#include <exception>
#include <string>

#include "absl/status/status.h"
#include "bridge/ack_policy.h"
#include "hl7/ack.h"

namespace tocflow::adt {
namespace {

// A control id or trigger, safe for a log line: shown only when it looks like one (1 to 40
// characters among letters, digits and ". _ : -"). A garbled message may carry patient data
// where MSH-10 should be, so anything else is not logged.
std::string Clean(std::string_view text) {
  if (text.empty()) return "-";
  if (text.size() > 40) return "(not logged)";
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return "(not logged)";
  }
  return std::string(text);
}

// What the log line says about a failed step: the status code, and for refused credentials
// (a configuration error on our side, which an operator must fix) tocflowd's reason, which
// names the bridge's principal and the provider, never the patient.
std::string Outcome(const absl::Status& status) {
  std::string outcome(absl::StatusCodeToString(status.code()));
  if (status.code() == absl::StatusCode::kUnauthenticated ||
      status.code() == absl::StatusCode::kPermissionDenied) {
    outcome += ": tocflowd refused the bridge's credentials (" + std::string(status.message()) +
               "); check --token, --tls-cert and tocflowd's principals file";
  }
  return outcome;
}

void Apply(const AckDecision& decision, hl7::AckOptions* ack) {
  ack->code = decision.code;
  ack->text = decision.text;
  ack->error = decision.error;
}

}  // namespace

MessageHandler::MessageHandler(CaseGateway* gateway, MappingDefaults defaults, Log log, Clock clock)
    : gateway_(gateway), defaults_(std::move(defaults)), log_(std::move(log)), clock_(clock) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    };
  }
  if (!log_) log_ = [](const std::string&) {};
}

hl7::AckOptions MessageHandler::NewAck(workflow::Timestamp now) {
  hl7::AckOptions ack;
  ack.time = now;
  ack.control_id = "TFADT" + std::to_string(workflow::ToUnixSeconds(now)) + "-" +
                   std::to_string(next_ack_.fetch_add(1));
  return ack;
}

std::string MessageHandler::Handle(std::string_view payload) {
  const workflow::Timestamp receipt = clock_();
  hl7::AckOptions ack = NewAck(receipt);
  absl::StatusOr<hl7::Message> message = hl7::ParseMessage(payload, parse_limits_);
  if (!message.ok()) {
    Apply(DecideParseFailure(message.status()), &ack);
    log_("unparseable message (" + std::to_string(payload.size()) + " bytes) -> AR");
    return hl7::BuildAckFromRaw(payload, ack);
  }
  try {
    absl::StatusOr<hl7::AdtMessage> adt = hl7::ExtractAdt(*message, adt_options_);
    std::string what = Clean(message->msh().Get(9, 1, 1)) + "^" +
                       Clean(message->msh().Get(9, 1, 2)) + " control id " +
                       Clean(message->msh().Get(10));
    std::string outcome;
    if (!adt.ok()) {
      Apply(DecideAck(adt.status()), &ack);
      outcome = std::string(absl::StatusCodeToString(adt.status().code()));
    } else {
      outcome = Process(*adt, receipt, &ack);
    }
    log_(what + " -> " + std::string(hl7::AckCodeText(ack.code)) + " (" + outcome + ")");
    return hl7::BuildAck(*message, ack);
  } catch (const std::exception&) {
    Apply(DecideAck(absl::InternalError("internal error")), &ack);
    log_("internal error while handling a message -> AR");
    return hl7::BuildAck(*message, ack);
  }
}

std::string MessageHandler::Process(const hl7::AdtMessage& adt, workflow::Timestamp receipt,
                                    hl7::AckOptions* ack) {
  absl::StatusOr<Plan> plan = absl::InternalError("no plan");
  if (NeedsExistingCase(adt)) {
    absl::StatusOr<v1::Case> current =
        gateway_->FindCaseOfSpell(defaults_.provider_ods, adt.visit_number);
    if (!current.ok()) {
      Apply(DecideAck(current.status()), ack);
      return Outcome(current.status());
    }
    plan = PlanCaseEvent(adt, *current, defaults_, receipt);
  } else {
    plan = PlanAdmission(adt, defaults_, receipt);
  }
  if (!plan.ok()) {
    Apply(DecideAck(plan.status()), ack);
    return std::string(absl::StatusCodeToString(plan.status().code()));
  }
  absl::Status done;
  switch (plan->kind) {
    case Plan::Kind::kCreate:
      done = gateway_->CreateCase(plan->create);
      break;
    case Plan::Kind::kRecord:
      done = gateway_->RecordEvent(plan->record);
      break;
    case Plan::Kind::kNothing:
      break;
  }
  Apply(DecideAck(done, plan->kind == Plan::Kind::kNothing ? plan->note : ""), ack);
  if (!done.ok()) return Outcome(done);
  return plan->kind == Plan::Kind::kNothing ? "nothing to record" : "recorded";
}

std::string MessageHandler::RejectOversize(size_t size) {
  hl7::AckOptions ack = NewAck(clock_());
  Apply(DecideAck(absl::UnimplementedError("the frame exceeded the size limit (" +
                                           std::to_string(size) + " bytes) and was dropped")),
        &ack);
  ack.error = hl7::AckError{"", 0, 207};
  log_("oversize frame dropped -> AR");
  return hl7::BuildAckFromRaw("", ack);
}

}  // namespace tocflow::adt
