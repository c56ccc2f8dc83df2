// The tocflowd side of command_bench: client threads, each on its own channel (its own TCP
// connection), recording `party_assigned` events through CaseService.RecordEvent on cases it
// opened itself. party_assigned is valid on any open case again and again and raises no alert,
// so every call is a full durable command (apply, group commit, fsync, answer) and nothing
// else. Each call has a new request_id; occurred_at is the wall clock (never going back).
//
// Thread safety: Call may be called concurrently, each thread with its own `client` number.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tocflow/v1/cases.grpc.pb.h"

namespace bench {

class TocflowdLoad {
 public:
  TocflowdLoad(const std::string& address, int clients, int cases_per_client);

  // Opens cases_per_client cases for every client (concurrently, one thread per client).
  // Empty on success, else what failed.
  std::string CreateCases();
  // Records one party_assigned on the client's next case; true when the server said OK.
  bool Call(int client, int64_t n);
  // The number of wire bytes of a RecordEventRequest / RecordEventResponse / stored event
  // payload as sent by Call (measured with one real call; CreateCases first).
  size_t request_bytes() const { return request_bytes_; }
  size_t response_bytes() const { return response_bytes_; }
  size_t event_bytes() const { return event_bytes_; }
  // The last error message seen by Call (for the report), empty when none.
  std::string last_error() const;

 private:
  struct Client {
    std::unique_ptr<tocflow::v1::CaseService::Stub> stub;
    std::vector<std::string> case_ids;
    int64_t last_second = 0;
  };
  tocflow::v1::RecordEventRequest Request(Client& client, int64_t n);

  std::vector<Client> clients_;
  int cases_per_client_;
  std::atomic<int64_t> next_request_{0};
  size_t request_bytes_ = 0;
  size_t response_bytes_ = 0;
  size_t event_bytes_ = 0;
  mutable std::mutex error_mutex_;
  std::string error_;
};

}  // namespace bench
