// The bookkeeping of the disk-fault tests: the commands a test sent to tocflowd, the ones it
// acknowledged, and the check that a server holds exactly those: every acknowledged case
// listed and no other at provider RXX (where OpenCase opens them), each at the version it was last
// answered with, its history holding each acknowledged request id exactly once and in order.
//
// Not thread-safe: one test thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::e2e {

// Seconds since the epoch, `minutes` ago: tocflowd runs on the real clock here, and its
// scheduler would fire the deadlines of an admission long past.
int64_t UnixSecondsAgo(int minutes);

// Opens a case for `spell` at provider RXX (admitted an hour ago); `bulk` (at most 1 KiB) is
// put in the site, so that each command takes room on disk.
tocflow::v1::CreateCaseRequest OpenCase(const std::string& spell, const std::string& bulk = "");

// The `n`th ward transfer (n >= 1) of a case opened by OpenCase, request id "CASE-move-N".
tocflow::v1::RecordEventRequest TransferWard(const std::string& case_id, int n,
                                             const std::string& bulk = "");

class CaseLedger {
 public:
  // Sends the command with a 10 s deadline; an acknowledged one is entered in the ledger (a
  // retry answered with the original outcome is entered once, and must match it).
  grpc::Status Create(tocflow::v1::CaseService::Stub& stub,
                      const tocflow::v1::CreateCaseRequest& request,
                      std::string* case_id = nullptr);
  grpc::Status Record(tocflow::v1::CaseService::Stub& stub,
                      const tocflow::v1::RecordEventRequest& request);

  // Case ids in the order they were acknowledged.
  std::vector<std::string> case_ids() const;
  // Acknowledged commands (case openings and events).
  size_t commands() const;

  // Checks with EXPECT (messages start with `when`) that the server behind `stub` holds
  // exactly what was acknowledged.
  void ExpectStored(tocflow::v1::CaseService::Stub& stub, const std::string& when) const;

 private:
  struct Entry {
    std::string case_id;
    int64_t version = 0;                   // as last answered
    std::vector<std::string> request_ids;  // acknowledged, in order
  };
  // Enters an acknowledged command; a request id already entered must give the same version.
  void Acknowledge(const std::string& case_id, const std::string& request_id, int64_t version);

  std::vector<Entry> cases_;
  std::map<std::string, size_t> index_;  // case id -> position in cases_
};

}  // namespace tocflow::e2e
