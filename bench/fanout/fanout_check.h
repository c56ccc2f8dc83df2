// What the fan-out's streams should have received and what they did: the expectation comes
// from the commands answered OK and the plan's model (fanout_plan.h), the arrivals from the
// streams. Stream 0 watches everything and maps each cursor to its command (by case id and
// alert kind: every command raises one alert of its own kind on its own case).
//
// Latency, for commands sent in the measured window: commit-to-delivery runs from the moment
// the alert's commit group was durable (tocflowd's on_alerts_committed, in this process, on the
// steady clock) to the alert's arrival on a stream. Send-to-delivery runs from sending the
// command and includes the command itself. Deliveries that arrived before the command's client
// had its OK answer are counted (the answer goes out on another thread than the streams).
//
// Thread safety: a plain computation.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/latency.h"
#include "fanout/event_load.h"
#include "fanout/fanout_plan.h"
#include "fanout/watchers.h"

namespace bench::fanout {

// One command answered OK, in send order.
struct OkEvent {
  const CommandRecord* record;
  Place place;
  ExpectedAlert alert;
};

// The OK commands in send order, and the failed count.
struct Events {
  std::vector<OkEvent> ok;
  int64_t failed = 0;
};
Events CollectEvents(const std::vector<std::vector<CommandRecord>>& records);

// For each event, the streams whose filter selects its alert.
std::vector<std::vector<int>> ExpectedTargets(const Events& events,
                                              const std::vector<StreamFilter>& filters);

// The comparison.
struct FanoutCheck {
  int64_t expected = 0;           // deliveries expected, all streams
  int64_t received = 0;           // deliveries received
  int64_t missing = 0;            // expected, never received
  int64_t unexpected = 0;         // received, not selected by the stream's filter
  int64_t repeated = 0;           // received more than once on a stream
  int64_t out_of_order = 0;       // cursor not above the stream's previous one
  int64_t unmapped = 0;           // stream 0 alerts matching no OK command
  int64_t streams_missing = 0;    // streams with at least one missing alert
  int64_t streams_wrong = 0;      // streams with unexpected, repeated or out-of-order alerts
  int64_t before_answer = 0;      // deliveries that beat the command's answer
  int64_t no_commit_time = 0;     // deliveries whose commit was not seen (timed from the answer)
  int64_t window_deliveries = 0;  // deliveries of commands sent in the window
  LatencyRecorder commit_to_delivery;
  LatencyRecorder send_to_delivery;
  std::map<std::string, LatencyRecorder> by_label;  // commit-to-delivery per filter label
  std::map<std::string, int64_t> streams_by_label;
  double mean_alert_bytes = 0;
  // Any stream wrong at all.
  bool Clean() const {
    return missing == 0 && unexpected == 0 && repeated == 0 && out_of_order == 0 && unmapped == 0;
  }
};

// A durable commit group that stored alerts: its highest cursor and when it was reported.
struct AlertCommit {
  int64_t last_cursor;
  std::chrono::steady_clock::time_point at;
};

// `commits` in commit order (their cursors increase).
FanoutCheck CheckDeliveries(const Events& events, const std::vector<std::vector<int>>& targets,
                            const std::vector<StreamFilter>& filters, const Watchers& watchers,
                            const std::vector<AlertCommit>& commits,
                            std::chrono::steady_clock::time_point window_from,
                            std::chrono::steady_clock::time_point window_to);

}  // namespace bench::fanout
