// Limits on what a request may carry, checked before anything is decoded or stored: every
// string field of the request (at any depth) at most kMaxStringBytes, and repeated fields at
// most kMaxRepeated elements. Oversized input is refused with INVALID_ARGUMENT naming the field,
// never processed. (The whole message is capped by gRPC at ServerOptions::max_message_bytes.)
#pragma once

#include <cstddef>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace tocflow::server {

inline constexpr size_t kMaxStringBytes = 1024;
inline constexpr int kMaxRepeated = 1000;

absl::Status CheckRequestLimits(const google::protobuf::Message& request);

}  // namespace tocflow::server
