#include "case_loader.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/stored_journey.h"
#include "tocflow/v1/events.pb.h"
#include "wire/event_codec.h"

namespace tocflow::engine::internal {

CaseLoader::CaseLoader(store::StoreReader* reader,
                       std::shared_ptr<const workflow::ReferenceData> reference, size_t capacity)
    : reader_(reader), reference_(std::move(reference)), capacity_(capacity) {}

absl::StatusOr<CaseState> CaseLoader::Load(const std::string& case_id) {
  if (auto it = entries_.find(case_id); it != entries_.end()) {
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return it->second.state;
  }
  absl::StatusOr<CaseState> state = Read(case_id);
  if (!state.ok()) return state.status();
  Put(case_id, *state);
  return state;
}

void CaseLoader::Put(const std::string& case_id, CaseState state) {
  if (capacity_ == 0) return;
  if (auto it = entries_.find(case_id); it != entries_.end()) {
    it->second.state = std::move(state);
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return;
  }
  while (entries_.size() >= capacity_) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(case_id);
  entries_.emplace(case_id, Entry{std::move(state), recency_.begin()});
}

void CaseLoader::Evict(const std::string& case_id) {
  auto it = entries_.find(case_id);
  if (it == entries_.end()) return;
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

absl::StatusOr<workflow::Journey> ReplayStored(
    const std::string& case_id, const std::vector<store::StoredEvent>& stored,
    const std::shared_ptr<const workflow::ReferenceData>& reference) {
  std::vector<workflow::Event> events;
  events.reserve(stored.size());
  for (const store::StoredEvent& row : stored) {
    tocflow::v1::RecordedEvent recorded;
    if (!recorded.ParseFromString(row.event.payload)) {
      return absl::DataLossError("case " + case_id + ": event " + std::to_string(row.seq) + " (" +
                                 row.event.type + ") is not a readable RecordedEvent");
    }
    absl::StatusOr<workflow::Event> event = wire::FromWire(recorded);
    if (!event.ok()) {
      return absl::DataLossError("case " + case_id + ": event " + std::to_string(row.seq) +
                                 " cannot be decoded: " + std::string(event.status().message()));
    }
    events.push_back(*std::move(event));
  }
  absl::StatusOr<workflow::Journey> journey = workflow::Replay(events, reference);
  if (!journey.ok()) {
    return absl::InternalError("case " + case_id + " no longer replays from its " +
                               std::to_string(events.size()) +
                               " stored events: " + std::string(journey.status().message()));
  }
  return journey;
}

absl::StatusOr<CaseState> CaseLoader::Read(const std::string& case_id) {
  absl::StatusOr<std::optional<store::StoredJourney>> stored = reader_->LoadStoredJourney(case_id);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return absl::NotFoundError("no case " + case_id);
  std::optional<workflow::Journey> journey = RestoreStoredJourney(**stored, reference_);
  if (!journey.has_value()) {
    absl::StatusOr<workflow::Journey> replayed = Replay(case_id);
    if (!replayed.ok()) return replayed.status();
    journey = *std::move(replayed);
  }
  absl::StatusOr<int64_t> alerts = CountAlerts(case_id);
  if (!alerts.ok()) return alerts.status();
  return CaseState{*std::move(journey), *alerts};
}

absl::StatusOr<workflow::Journey> CaseLoader::Replay(const std::string& case_id) {
  absl::StatusOr<std::vector<store::StoredEvent>> stored = reader_->LoadEvents(case_id);
  if (!stored.ok()) return stored.status();
  if (stored->empty()) return absl::NotFoundError("no case " + case_id);
  return ReplayStored(case_id, *stored, reference_);
}

absl::StatusOr<int64_t> CaseLoader::CountAlerts(const std::string& case_id) {
  return reader_->CaseAlertCount(case_id);
}

}  // namespace tocflow::engine::internal
