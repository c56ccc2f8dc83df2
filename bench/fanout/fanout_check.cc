#include "fanout/fanout_check.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace bench::fanout {
namespace {

std::string Key(const std::string& case_id, int kind) {
  return case_id + "/" + std::to_string(kind);
}

}  // namespace

Events CollectEvents(const std::vector<std::vector<CommandRecord>>& records) {
  Events events;
  for (const auto& client : records) {
    for (const CommandRecord& record : client) {
      if (!record.ok) {
        ++events.failed;
        continue;
      }
      const Place place = PlaceOf(record.case_key);
      events.ok.push_back({&record, place, AlertOf(record.step, place)});
    }
  }
  std::sort(events.ok.begin(), events.ok.end(),
            [](const OkEvent& a, const OkEvent& b) { return a.record->sent < b.record->sent; });
  return events;
}

std::vector<std::vector<int>> ExpectedTargets(const Events& events,
                                              const std::vector<StreamFilter>& filters) {
  std::vector<std::vector<int>> targets(events.ok.size());
  for (size_t e = 0; e < events.ok.size(); ++e) {
    const OkEvent& event = events.ok[e];
    for (size_t s = 0; s < filters.size(); ++s) {
      if (Matches(filters[s], event.record->case_key, event.place, event.alert)) {
        targets[e].push_back(static_cast<int>(s));
      }
    }
  }
  return targets;
}

FanoutCheck CheckDeliveries(const Events& events, const std::vector<std::vector<int>>& targets,
                            const std::vector<StreamFilter>& filters, const Watchers& watchers,
                            const std::vector<AlertCommit>& commits,
                            std::chrono::steady_clock::time_point window_from,
                            std::chrono::steady_clock::time_point window_to) {
  FanoutCheck check;
  // When the group holding `cursor` was durable: the first commit reaching it.
  auto committed_at =
      [&commits](int64_t cursor) -> std::optional<std::chrono::steady_clock::time_point> {
    auto it = std::lower_bound(
        commits.begin(), commits.end(), cursor,
        [](const AlertCommit& commit, int64_t c) { return commit.last_cursor < c; });
    if (it == commits.end()) return std::nullopt;
    return it->at;
  };
  // Which command raised each alert: stream 0 sees them all, with case id and kind.
  std::unordered_map<std::string, int> by_key;
  for (size_t e = 0; e < events.ok.size(); ++e) {
    by_key[Key(events.ok[e].record->case_id, events.ok[e].alert.kind)] = static_cast<int>(e);
  }
  std::unordered_map<int64_t, int> by_cursor;
  double bytes = 0;
  for (const AlertDetail& detail : watchers.details()) {
    bytes += static_cast<double>(detail.wire_bytes);
    auto it = by_key.find(Key(detail.case_id, detail.kind));
    if (it == by_key.end()) {
      ++check.unmapped;
    } else {
      by_cursor[detail.cursor] = it->second;
    }
  }
  if (!watchers.details().empty()) {
    check.mean_alert_bytes = bytes / static_cast<double>(watchers.details().size());
  }

  std::vector<std::vector<int>> expected(filters.size());
  for (size_t e = 0; e < targets.size(); ++e) {
    for (int s : targets[e]) expected[static_cast<size_t>(s)].push_back(static_cast<int>(e));
  }
  for (size_t s = 0; s < filters.size(); ++s) {
    const std::string& label = filters[s].label;
    ++check.streams_by_label[label];
    LatencyRecorder& per_label = check.by_label[label];
    std::vector<int> got;
    int64_t previous_cursor = 0;
    bool wrong = false;
    for (const Arrival& arrival : watchers.arrivals(s)) {
      ++check.received;
      if (arrival.cursor <= previous_cursor) {
        ++check.out_of_order;
        wrong = true;
      }
      previous_cursor = arrival.cursor;
      auto it = by_cursor.find(arrival.cursor);
      if (it == by_cursor.end()) {
        ++check.unexpected;  // an alert no OK command raised (or stream 0 never saw)
        wrong = true;
        continue;
      }
      got.push_back(it->second);
      const CommandRecord& record = *events.ok[static_cast<size_t>(it->second)].record;
      if (record.sent < window_from || record.sent >= window_to) continue;
      ++check.window_deliveries;
      if (arrival.at < record.answered) ++check.before_answer;
      const std::optional<std::chrono::steady_clock::time_point> durable =
          committed_at(arrival.cursor);
      if (!durable.has_value()) ++check.no_commit_time;
      auto commit = arrival.at - durable.value_or(record.answered);
      if (commit.count() < 0) commit = commit.zero();
      check.commit_to_delivery.Add(commit);
      per_label.Add(commit);
      check.send_to_delivery.Add(arrival.at - record.sent);
    }
    std::sort(got.begin(), got.end());
    const std::vector<int>& want = expected[s];
    check.expected += static_cast<int64_t>(want.size());
    size_t i = 0;
    size_t j = 0;
    int64_t missing = 0;
    while (i < want.size() || j < got.size()) {
      if (j < got.size() && j > 0 && got[j] == got[j - 1]) {
        ++check.repeated;
        wrong = true;
        ++j;
      } else if (j == got.size() || (i < want.size() && want[i] < got[j])) {
        ++missing;
        ++i;
      } else if (i == want.size() || got[j] < want[i]) {
        ++check.unexpected;
        wrong = true;
        ++j;
      } else {
        ++i;
        ++j;
      }
    }
    check.missing += missing;
    if (missing > 0) ++check.streams_missing;
    if (wrong) ++check.streams_wrong;
  }
  return check;
}

}  // namespace bench::fanout
