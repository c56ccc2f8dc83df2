// What happened to each command of one case during the crash driver's rounds: the record that
// the final checks compare the server's state against. Owned by one client thread during the
// rounds and read by the test once every thread has joined.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "crash/case_plan.h"

namespace tocflow::crash {

// The fate of one command so far.
enum class Outcome {
  kUnsent,    // never sent
  kNoAnswer,  // sent, no answer yet (the server died, or the call timed out): to be retried
  kOk,        // answered OK
  kRefused,   // answered with an error that a retry would give again
};

// One command's record.
struct StepRecord {
  Outcome outcome = Outcome::kUnsent;
  int attempts = 0;      // times sent
  int lost_answers = 0;  // sends that got no answer
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;  // the refusal's message
  int64_t version = 0;  // OK: the version it is stored at (StoredVersion)
};

// One case: its plan, its id once created, and how far the client has got.
struct CaseProgress {
  explicit CaseProgress(CasePlan p) : plan(std::move(p)), records(plan.steps.size()) {}

  CasePlan plan;
  std::string case_id;  // empty until CreateCase was answered
  size_t next = 0;      // the step being sent or to send next; plan.steps.size() when done
  std::vector<StepRecord> records;

  bool done() const { return next >= plan.steps.size(); }
  // "spell S1-3 (case abc)" for messages.
  std::string Name() const { return "spell " + plan.spell + " (case " + case_id + ")"; }
};

}  // namespace tocflow::crash
