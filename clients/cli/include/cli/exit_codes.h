// The exit codes of `tocflow` and how a gRPC status maps to them.
#pragma once

#include <grpcpp/support/status.h>

#include <string>

namespace tocflow::cli {

// What a `tocflow` process exits with.
enum ExitCode : int {
  kExitOk = 0,           // done
  kExitRejected = 1,     // the server refused the request (or an import skipped rows)
  kExitUsage = 2,        // bad command line or input file
  kExitUnreachable = 3,  // tocflowd could not be reached
};

// UNAVAILABLE and DEADLINE_EXCEEDED: unreachable; OK: ok; anything else: rejected.
ExitCode ExitCodeFor(grpc::StatusCode code);
// The one-line message printed for a failed call: "cannot reach tocflowd at ADDR (...)" when
// unreachable, otherwise the server's reason and its code ("refused (FAILED_PRECONDITION): ...").
std::string DescribeFailure(const grpc::Status& status, const std::string& server);
// "FAILED_PRECONDITION" for a status code.
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace tocflow::cli
