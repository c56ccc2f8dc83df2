// absl::Status <-> grpc::Status at the edge of every handler. absl and gRPC number their
// canonical codes identically, so the mapping is one to one; messages are kept verbatim.
#pragma once

#include <exception>
#include <string_view>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace tocflow::server {

// The same code and message as a gRPC status.
grpc::Status ToGrpc(const absl::Status& status);

// The status to answer when a handler caught an exception: INTERNAL naming the RPC (never the
// request's content), logged with the RPC name only.
grpc::Status FromException(std::string_view rpc, std::exception_ptr error);

// One log line "tocflowd: <rpc> [case <case_id>]: <code>" for an RPC that failed with a server
// error (INTERNAL, UNAVAILABLE, RESOURCE_EXHAUSTED, DATA_LOSS). Never logs patient data.
void LogFailure(std::string_view rpc, std::string_view case_id, const absl::Status& status);

}  // namespace tocflow::server
