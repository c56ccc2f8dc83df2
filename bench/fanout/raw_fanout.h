// The raw fan-out limit for fanout_bench: an in-process gRPC server (callback API, like
// tocflowd) whose server-streaming calls carry messages of an alert's size, pushed as soon as
// they are published, with no tocflowd logic (no store, no filters, no hub). A run opens the
// same number of streams over the same number of channels as the tocflowd run and delivers the
// same messages to the same streams: event i goes to `targets[i]`.
//
// Thread safety: Run from one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/latency.h"

namespace grpc {
class Server;
}  // namespace grpc

namespace bench::fanout {

class RawFanout {
 public:
  // What one run measured.
  struct Result {
    LatencyRecorder latency;  // publish to arrival, for events numbered >= `skip`
    int64_t messages = 0;     // delivered
    int64_t expected = 0;     // published
    double seconds = 0;       // first publish to last arrival
  };

  // Listens on 127.0.0.1, on a free port; nullptr when it cannot.
  static std::unique_ptr<RawFanout> Start();
  ~RawFanout();

  // Delivers the events. `rate` > 0: event i is published at start + i / rate; 0: as fast as
  // the streams take them, with at most `buffer` messages queued per stream (tocflowd's watch
  // buffer). Each message carries `payload_bytes` filler bytes.
  Result Run(int streams, int channels, const std::vector<std::vector<int>>& targets, double rate,
             int64_t skip, size_t payload_bytes, size_t buffer = 256);

 private:
  RawFanout() = default;
  class Hub;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  int runs_ = 0;
};

}  // namespace bench::fanout
