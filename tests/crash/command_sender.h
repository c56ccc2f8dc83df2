// Sends one planned command to tocflowd and classifies the answer: what the crash driver's
// clients and its final retries have in common.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "crash/case_plan.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::crash {

// The answer to one command.
struct Answer {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  int64_t version = 0;  // OK: the case's version after the command
  std::string case_id;  // OK CreateCase: the case id
};

// True for the codes that say nothing about whether the command was applied, so the client
// retries it with the same request id: the server died or is shutting down, the call timed
// out, or the store was busy.
bool IsNoAnswer(grpc::StatusCode code);

// The version a command's OK answer puts it at in its case's history. CreateCase answers with
// the case as read back after the commit (the scheduler may have recorded a deadline_elapsed
// on it already), so its version is not the opening's: an opening is always version 1.
int64_t StoredVersion(const CaseCommand& command, const Answer& answer);

// Sends `command` (its case id set beforehand) with a deadline of `timeout`.
Answer Send(tocflow::v1::CaseService::Stub& stub, const CaseCommand& command,
            std::chrono::milliseconds timeout);

}  // namespace tocflow::crash
