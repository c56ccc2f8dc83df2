// The commands clients keep sending during the timer storm: RecordEvent party_assigned (valid on
// any open case again and again, raising no alert and setting no deadline) on cases each client
// opened itself, each client on its own channel (its own TCP connection). Calls are
// asynchronous (gRPC callback API), so a call held up by the server does not hold back the
// client's later calls: each command's latency is its own, as for independent users.
//
// Every command has a new request_id and the same occurred_at (the wall clock when the cases
// were opened), so commands on one case may commit in any order.
//
// Thread safety: Send may be called concurrently from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tocflow/v1/cases.grpc.pb.h"

namespace bench::storm {

class AsyncCommands {
 public:
  AsyncCommands(const std::string& address, int clients, int cases_per_client);

  // Opens the clients' cases (elective admissions: no deadline); empty on success, else what
  // failed.
  std::string CreateCases();
  // Sends client `client`'s `n`th command; `done(ok)` runs on a gRPC thread once answered.
  void Send(int client, int64_t n, std::function<void(bool ok)> done);
  // The last error message seen by Send, empty when none.
  std::string last_error() const;

 private:
  struct Client {
    std::unique_ptr<tocflow::v1::CaseService::Stub> stub;
    std::vector<std::string> case_ids;
  };

  std::vector<Client> clients_;
  const int cases_per_client_;
  int64_t occurred_at_ = 0;
  mutable std::mutex mutex_;
  int64_t next_request_ = 0;
  std::string error_;
};

}  // namespace bench::storm
