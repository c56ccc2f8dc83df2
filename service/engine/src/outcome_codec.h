// The outcome of a command as kept in the store's requests table, so that a retried command
// gets the original answer (also after a restart).
//
// Bytes: "TFO1", the event type (4-byte big-endian length, then the name), the position of the
// command's first alert among the case's alerts (8 bytes big-endian), then a serialized
// tocflow.v1.RecordEventResponse (version, alerts without cursors, states). The case id and
// version are kept by the store beside the bytes. Alert cursors are assigned by the store in
// the same transaction, so they are not in the bytes: they are found again from the position.
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
  int64_t version = 0;
  std::vector<std::string> states;
};

// `outcome.alerts` need no cursors; `first_alert` is the number of alerts the case had before.
std::string EncodeOutcome(std::string_view event_type, int64_t first_alert,
                          const CommandOutcome& outcome);

// DATA_LOSS when the bytes were not made by EncodeOutcome.
absl::StatusOr<DecodedOutcome> DecodeOutcome(std::string_view bytes);

// The original outcome of a stored request, alerts and cursors read back from the store, with
// replayed = true. DATA_LOSS when the stored result is unreadable or its alerts are missing.
absl::StatusOr<CommandOutcome> StoredOutcome(store::StoreReader& reader,
                                             const store::StoredRequest& request,
                                             const DecodedOutcome& decoded);

}  // namespace tocflow::engine::internal
