#include "case_loader.h"

#include <optional>
#include <string>
#include <utility>

#include "engine/stored_journey.h"
#include "wire/case_view.h"
#include "wire/event_codec.h"
#include "wire/time_codec.h"

namespace tocflow::server {
namespace {

absl::Status Undecodable(const store::StoredEvent& stored) {
  return absl::DataLossError("stored event " + std::to_string(stored.seq) + " (" +
                             stored.event.type + ") cannot be decoded");
}

// The engine stores a serialized tocflow.v1.RecordedEvent; the stored type name must agree.
absl::StatusOr<workflow::EventPayload> DecodePayload(const store::StoredEvent& stored) {
  tocflow::v1::RecordedEvent recorded;
  if (recorded.ParseFromString(stored.event.payload) && recorded.has_event()) {
    auto payload = wire::FromWire(recorded.event(), "event");
    if (payload.ok() && workflow::EventName(*payload) == stored.event.type) return payload;
  }
  return Undecodable(stored);
}

}  // namespace

absl::StatusOr<workflow::Event> DecodeStoredEvent(const store::StoredEvent& stored) {
  auto payload = DecodePayload(stored);
  if (!payload.ok()) return payload.status();
  return workflow::Event{stored.event.actor, stored.event.occurred_at, std::move(*payload)};
}

absl::StatusOr<tocflow::v1::RecordedEvent> ToRecordedEvent(const store::StoredEvent& stored) {
  auto event = DecodeStoredEvent(stored);
  if (!event.ok()) return event.status();
  tocflow::v1::RecordedEvent out = wire::ToWire(*event);
  out.set_version(stored.seq);
  *out.mutable_recorded_at() = wire::ToWire(stored.event.recorded_at);
  out.set_request_id(stored.event.request_id);
  return out;
}

absl::StatusOr<workflow::Journey> LoadJourney(
    store::StoreReader& reader, const std::string& case_id,
    std::shared_ptr<const workflow::ReferenceData> reference,
    std::optional<int64_t> up_to_version) {
  auto stored = reader.LoadEvents(case_id);
  if (!stored.ok()) return stored.status();
  if (stored->empty()) return absl::NotFoundError("no case " + case_id);
  std::vector<workflow::Event> events;
  events.reserve(stored->size());
  for (const auto& one : *stored) {
    if (up_to_version.has_value() && one.seq > *up_to_version) break;
    auto event = DecodeStoredEvent(one);
    if (!event.ok()) return event.status();
    events.push_back(std::move(*event));
  }
  auto journey = workflow::Replay(events, std::move(reference));
  if (!journey.ok()) {
    return absl::DataLossError("case " + case_id +
                               " cannot be replayed: " + std::string(journey.status().message()));
  }
  return journey;
}

absl::StatusOr<workflow::Journey> LoadCaseJourney(
    store::StoreReader& reader, const std::string& case_id,
    std::shared_ptr<const workflow::ReferenceData> reference, std::optional<int64_t> at_version) {
  absl::StatusOr<std::optional<store::StoredJourney>> stored = reader.LoadStoredJourney(case_id);
  if (!stored.ok()) return stored.status();
  if (stored->has_value() && (!at_version.has_value() || (*stored)->version == *at_version)) {
    if (std::optional<workflow::Journey> journey =
            engine::RestoreStoredJourney(**stored, reference)) {
      return *std::move(journey);
    }
  }
  return LoadJourney(reader, case_id, std::move(reference), at_version);
}

absl::StatusOr<workflow::CaseFacts> LoadFacts(
    store::StoreReader& reader, const std::string& case_id, const std::string* stored,
    std::shared_ptr<const workflow::ReferenceData> reference) {
  if (stored != nullptr) {
    if (std::optional<workflow::CaseFacts> facts = engine::DecodeStoredFacts(*stored)) {
      return *std::move(facts);
    }
  }
  absl::StatusOr<workflow::Journey> journey = LoadJourney(reader, case_id, std::move(reference));
  if (!journey.ok()) return journey.status();
  return journey->facts();
}

tocflow::v1::Alert ToWire(const store::StoredAlert& stored) {
  tocflow::v1::Alert out = wire::ToWire(stored.alert);
  out.set_cursor(stored.cursor);
  out.set_case_id(stored.case_id);
  if (stored.ack) {
    *out.mutable_acknowledged_at() = wire::ToWire(stored.ack->acked_at);
    out.set_acknowledged_by(stored.ack->acked_by);
  }
  return out;
}

}  // namespace tocflow::server
