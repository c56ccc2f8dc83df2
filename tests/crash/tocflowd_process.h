// tocflowd run as a real process for the crash driver: started on a free loopback port with the
// default durability (synchronous=full) on a given SQLite file, killed with SIGKILL or stopped
// with SIGTERM. Each caller gets its own channel (its own TCP connection) to the process.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>

#include "support/child_process.h"

namespace tocflow::crash {

class TocflowdProcess {
 public:
  // Starts tocflowd on `db` and waits (20 s at most) for its "serving" line; check up().
  explicit TocflowdProcess(const std::string& db)
      : process_({TOCFLOWD_PATH, "--db", db, "--listen", "127.0.0.1:0"}) {
    std::optional<std::string> line = process_.WaitForLine("serving tocflow.v1 on ");
    if (!line) return;
    const size_t from = line->find(" on ") + 4;
    address_ = line->substr(from, line->find(' ', from) - from);
  }

  bool up() const { return !address_.empty(); }
  const std::string& address() const { return address_; }
  std::string Output() { return process_.Output(); }

  // A channel of its own: `tag` makes its arguments distinct, so it does not share a TCP
  // connection with other channels to the same address.
  std::shared_ptr<grpc::Channel> NewChannel(const std::string& tag) const {
    return NewChannel(address_, tag);
  }
  static std::shared_ptr<grpc::Channel> NewChannel(const std::string& address,
                                                   const std::string& tag) {
    grpc::ChannelArguments args;
    args.SetString("tocflow.crash.channel", tag);
    return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  }

  // SIGKILL: a crash. Returns the wait status.
  int Kill() { return process_.Kill(); }
  // SIGTERM and wait: a clean stop. Returns the wait status.
  int Stop() { return process_.Stop(); }

 private:
  tocflow::testing::ChildProcess process_;
  std::string address_;
};

}  // namespace tocflow::crash
