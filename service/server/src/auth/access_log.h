// The access log: one line per RPC saying who called what on which case and how it ended, e.g.
//   2026-11-23T15:30:00Z principal=ward7-nurse role=discharge_team rpc=GetCase case=3e81... OK
// Never the record itself: the case id is the only request field written. Written by a gRPC
// server interceptor, so every RPC is logged, whatever its handler does.
//
// Each line is written whole (one append) or not at all. When the disk is full or failing, lines
// are dropped and counted, tocflowd says so on stderr once, and RPCs carry on; the first line
// that fits again is preceded by one saying how many were lost since when, so a gap is never
// silent.
//
// Thread-safe.
#pragma once

#include <cstdint>
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

  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Record(std::string_view principal, std::string_view role, std::string_view rpc,
              std::string_view case_id, std::string_view status);

 private:
  AccessLog(int fd, std::string path, const engine::Clock* clock);
  // Appends `line` whole; false when it does not fit (the file as it was, else partial_ set).
  // REQUIRES: mutex_ held.
  bool Append(const std::string& line);

  const int fd_;  // opened with O_APPEND
  const std::string path_;
  const engine::Clock* clock_;
  std::mutex mutex_;
  int64_t lost_ = 0;        // lines dropped since the last one written; guarded by mutex_
  std::string lost_since_;  // the time of the first of them; guarded by mutex_
  bool partial_ = false;    // the file ends in a partial line; guarded by mutex_
};

// Makes the interceptor that writes `log` lines; both pointers must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> AccessLogInterceptors(
    AccessLog* log, const Authenticator* authenticator);

}  // namespace tocflow::server::auth
