// The outcome of a command as kept in the store's requests table, so that a retried command
// gets the original answer (also after a restart).
//
// Bytes (written since 2026-12): "TFO2", then unsigned LEB128 varints and varint-length-prefixed
// strings: the event type, the position of the command's first alert among the case's alerts,
// the number of alerts it raised, the number of region states, then each state's name in region
// order. The case id and version are kept by the store beside the bytes, and the alerts in the
// alerts table (read back from the position), so neither is repeated here.
//
// Files written before keep "TFO1" results, which are still read: the event type (4-byte
// big-endian length, then the name), the first alert's position (8 bytes big-endian), then a
// serialized tocflow.v1.RecordEventResponse (version, alerts without cursors, states).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/command_engine.h"
#include "store/store.h"

namespace tocflow::engine::internal {

struct DecodedOutcome {
  std::string event_type;
  int64_t first_alert = 0;  // position of the command's first alert among the case's alerts
  int64_t alert_count = 0;
  std::vector<std::string> states;
};

// `outcome.alerts` need no cursors; `first_alert` is the number of alerts the case had before.
std::string EncodeOutcome(std::string_view event_type, int64_t first_alert,
                          const CommandOutcome& outcome);

// Reads both formats. DATA_LOSS when the bytes were not made by EncodeOutcome (or by the
// TFO1 encoder before it).
absl::StatusOr<DecodedOutcome> DecodeOutcome(std::string_view bytes);

// The original outcome of a stored request, alerts and cursors read back from the store, with
// replayed = true. DATA_LOSS when the stored result is unreadable or its alerts are missing.
absl::StatusOr<CommandOutcome> StoredOutcome(store::StoreReader& reader,
                                             const store::StoredRequest& request,
                                             const DecodedOutcome& decoded);

}  // namespace tocflow::engine::internal
