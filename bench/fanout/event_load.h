// The commands of the alert fan-out: each client, on its own channel, lives through its cases
// one command after another (open, refer for CHC assessment, discharge; see fanout_plan.h), and
// every 10th command goes to one of its pre-opened cases instead (refer, then discharge), so
// that the streams watching those cases get alerts throughout the run. Each command raises
// exactly one alert. Records when each command was sent and answered (steady clock) and, for
// openings, the case id the server gave.
//
// Thread safety: Call(client, n) from one thread per client (common's RunLoad); records() once
// the load has stopped.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fanout/fanout_plan.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace bench::fanout {

// One command as sent.
struct CommandRecord {
  int64_t case_key = 0;
  Step step = Step::kOpen;
  std::string case_id;  // empty when an opening failed
  std::chrono::steady_clock::time_point sent;
  std::chrono::steady_clock::time_point answered;
  bool ok = false;
};

class EventLoad {
 public:
  // `occurred_at`: the server clock's time, in Unix seconds (admissions are 2 days before).
  EventLoad(const std::string& address, int clients, int pre_opened_per_client,
            int64_t occurred_at);

  // Opens every client's pre-opened cases (before the watchers start). Empty on success.
  std::string PreOpen();
  // The id of pre-opened case `key`; empty when unknown.
  std::string PreOpenedId(int64_t key) const;
  // Client `client`'s next command; true when answered OK.
  bool Call(int client, int64_t n);

  // Every command sent, by client.
  const std::vector<std::vector<CommandRecord>>& records() const { return records_; }
  std::string last_error() const;

 private:
  struct Client {
    std::unique_ptr<tocflow::v1::CaseService::Stub> stub;
    int64_t new_steps = 0;   // commands on new cases so far
    int64_t pre_steps = 0;   // commands on pre-opened cases so far
    std::string current_id;  // the case being lived through
  };
  bool Open(Client& client, int64_t key, CommandRecord& record);
  bool Record(Client& client, const std::string& case_id, Step step, CommandRecord& record);
  void Failed(const std::string& what);

  std::vector<Client> clients_;
  const int pre_opened_per_client_;
  const int64_t occurred_at_;
  std::map<int64_t, std::string> pre_opened_;  // written by PreOpen only
  std::vector<std::vector<CommandRecord>> records_;
  mutable std::mutex error_mutex_;
  std::string error_;
};

}  // namespace bench::fanout
