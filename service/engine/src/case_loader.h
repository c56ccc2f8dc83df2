// The writer's view of stored cases: journeys restored from what the store keeps beside a
// case's events (engine/stored_journey.h), or rebuilt by replaying them when that cannot be
// read, kept in a least-recently-used cache.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "store/store.h"
#include "workflow/journey.h"
#include "workflow/reference_data.h"

namespace tocflow::engine::internal {

// A case as the writer knows it once its last commit is durable.
struct CaseState {
  workflow::Journey journey;
  // Alerts stored for the case so far: the position of the case's next alert among its alerts
  // in cursor order (a retried command finds its alerts' cursors from it).
  int64_t alert_count = 0;
};

// The journey that `stored` (a case's events in seq order) replays to. DATA_LOSS when an event
// cannot be decoded; INTERNAL when the history no longer replays.
absl::StatusOr<workflow::Journey> ReplayStored(
    const std::string& case_id, const std::vector<store::StoredEvent>& stored,
    const std::shared_ptr<const workflow::ReferenceData>& reference);

// Not thread-safe: used by the writer thread only, with the writer's own reader.
class CaseLoader {
 public:
  // `reader` must outlive the loader. `capacity` 0 caches nothing.
  CaseLoader(store::StoreReader* reader, std::shared_ptr<const workflow::ReferenceData> reference,
             size_t capacity);

  // The case from the cache, or read from the store (then cached): restored from its stored
  // journey, or replayed from its events when that cannot be read. NOT_FOUND when there is no
  // such case; DATA_LOSS when a stored event cannot be decoded; INTERNAL when the history no
  // longer replays; the store's errors.
  absl::StatusOr<CaseState> Load(const std::string& case_id);

  // Caches the durable state of a case (replacing any cached one).
  void Put(const std::string& case_id, CaseState state);
  // Forgets a case: the next Load reads it from the store again.
  void Evict(const std::string& case_id);

  size_t size() const { return entries_.size(); }

 private:
  absl::StatusOr<CaseState> Read(const std::string& case_id);
  absl::StatusOr<workflow::Journey> Replay(const std::string& case_id);
  absl::StatusOr<int64_t> CountAlerts(const std::string& case_id);

  struct Entry {
    CaseState state;
    std::list<std::string>::iterator recency;  // position in recency_
  };

  store::StoreReader* reader_;
  std::shared_ptr<const workflow::ReferenceData> reference_;
  size_t capacity_;
  std::list<std::string> recency_;  // most recently used first
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tocflow::engine::internal
