// The command line of tocflow-adt (see kUsage in flags.cc, also printed by --help).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bridge/adt_mapping.h"
#include "bridge/mllp_listener.h"
#include "cli/channel_security.h"

namespace tocflow::adt {

// Everything the command line sets.
struct BridgeFlags {
  bool help = false;
  ListenerOptions listener;
  std::string server = "127.0.0.1:50051";
  // How to reach tocflowd: --token (else $TOCFLOW_TOKEN, filled in by main), --tls-ca,
  // --tls-cert, --tls-key, --tls-server-name. The token is never printed or logged.
  cli::ChannelSecurity security;
  std::chrono::milliseconds call_timeout{10000};
  MappingDefaults mapping;
  // Send mode: the files to send to `send_to` instead of listening.
  std::vector<std::string> send_files;
  std::string send_to = "127.0.0.1:2575";
};

// The --help text.
const char* Usage();

// INVALID_ARGUMENT naming the flag for an unknown flag, a missing or bad value, or (when
// listening) no --provider-ods.
absl::StatusOr<BridgeFlags> ParseFlags(int argc, char** argv);

}  // namespace tocflow::adt
