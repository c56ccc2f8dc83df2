// The access log: one line per RPC saying who called what on which case and how it ended, e.g.
//   2026-11-23T15:30:00Z principal=ward7-nurse role=discharge_team rpc=GetCase case=3e81... OK
// Never the record itself: the case id is the only request field written. Written by a gRPC
// server interceptor, so every RPC is logged, whatever its handler does.
//
// Thread-safe.
#pragma once

#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "authenticator.h"
#include "engine/clock.h"
#include "grpcpp/support/server_interceptor.h"

namespace tocflow::server::auth {

class AccessLog {
 public:
  // Appends to `path` (created when missing). UNAVAILABLE when it cannot be opened.
  static absl::StatusOr<std::unique_ptr<AccessLog>> Open(const std::string& path,
                                                         const engine::Clock* clock);

  void Record(std::string_view principal, std::string_view role, std::string_view rpc,
              std::string_view case_id, std::string_view status);

 private:
  AccessLog(std::ofstream out, const engine::Clock* clock);
  std::mutex mutex_;
  std::ofstream out_;
  const engine::Clock* clock_;
};

// Makes the interceptor that writes `log` lines; both pointers must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> AccessLogInterceptors(
    AccessLog* log, const Authenticator* authenticator);

}  // namespace tocflow::server::auth
