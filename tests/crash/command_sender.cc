#include "crash/command_sender.h"

namespace tocflow::crash {

namespace v1 = ::tocflow::v1;

bool IsNoAnswer(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::CANCELLED || code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

int64_t StoredVersion(const CaseCommand& command, const Answer& answer) {
  return command.kind == CommandKind::kCreateCase ? 1 : answer.version;
}

Answer Send(v1::CaseService::Stub& stub, const CaseCommand& command,
            std::chrono::milliseconds timeout) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  Answer answer;
  grpc::Status status;
  switch (command.kind) {
    case CommandKind::kCreateCase: {
      v1::Case created;
      status = stub.CreateCase(&context, command.create, &created);
      answer.version = created.version();
      answer.case_id = created.case_id();
      break;
    }
    case CommandKind::kRecordEvent: {
      v1::RecordEventResponse response;
      status = stub.RecordEvent(&context, command.record, &response);
      answer.version = response.version();
      break;
    }
    case CommandKind::kAssignParty: {
      v1::AssignPartyResponse response;
      status = stub.AssignParty(&context, command.assign, &response);
      answer.version = response.version();
      break;
    }
  }
  answer.code = status.error_code();
  answer.message = status.error_message();
  return answer;
}

}  // namespace tocflow::crash
