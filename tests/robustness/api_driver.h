// The randomised API client: sends one random request per Step() to a running tocflowd (valid
// commands for open cases, chosen from GetCase's valid_next_events, mixed with hostile requests
// of every RPC) and checks every answer's status code. The test owns the server and the clock.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "random_values.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace tocflow::robustness {

// True for the codes a correct server may answer a client with; UNKNOWN, INTERNAL,
// UNIMPLEMENTED, DATA_LOSS and DEADLINE_EXCEEDED (a hang) are never acceptable.
bool AcceptableCode(grpc::StatusCode code);

class ApiDriver {
 public:
  // `poke` makes the server's scheduler look at its deadlines (after the clock moved).
  ApiDriver(uint64_t seed, engine::ManualClock* clock, std::function<void()> poke);

  // Talks to the server at `address` from now on (after a restart).
  void Connect(const std::string& address);
  // Sends one random request. Returns "" when its status is acceptable, else a description of
  // the request and the answer.
  std::string Step();

  // Ids of the cases created so far.
  const std::vector<std::string>& case_ids() const { return case_ids_; }
  // Requests sent per status code, for the log.
  const std::vector<int>& code_counts() const { return code_counts_; }

  tocflow::v1::CaseService::Stub* cases() { return cases_.get(); }

 private:
  std::string CreateCase();
  std::string RecordValidEvent();
  std::string RecordHostileEvent();
  std::string AssignParty();
  std::string ReadCases();
  std::string Alerts();
  std::string Reports();
  std::string AdvanceClock();
  // Counts the status and describes it when it is not acceptable.
  std::string Check(const char* rpc, const google::protobuf::Message& request,
                    const grpc::Status& status);
  std::unique_ptr<grpc::ClientContext> Context();
  std::string KnownOrBogusCaseId();

  RandomValues random_;
  engine::ManualClock* clock_;
  std::function<void()> poke_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tocflow::v1::CaseService::Stub> cases_;
  std::unique_ptr<tocflow::v1::AlertService::Stub> alerts_;
  std::unique_ptr<tocflow::v1::ReportService::Stub> reports_;
  std::vector<std::string> case_ids_;
  std::vector<std::string> request_ids_;
  std::vector<int> code_counts_ = std::vector<int>(17, 0);
  int64_t max_cursor_ = 0;
  int next_request_ = 0;
};

}  // namespace tocflow::robustness
