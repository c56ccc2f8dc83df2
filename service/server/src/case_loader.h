// Reads cases back from the store: decodes stored events and rebuilds journeys by replay.
//
// The engine stores each payload as a serialized tocflow.v1.RecordedEvent; the actor and
// the times are columns of their own. Every function is thread-safe given its own reader.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/records.h"
#include "store/store.h"
#include "tocflow/v1/common.pb.h"
#include "tocflow/v1/events.pb.h"
#include "workflow/case_facts.h"
#include "workflow/events.h"
#include "workflow/journey.h"
#include "workflow/reference_data.h"

namespace tocflow::server {

// The domain event of a stored event. DATA_LOSS when the payload cannot be decoded.
absl::StatusOr<workflow::Event> DecodeStoredEvent(const store::StoredEvent& stored);

// The stored event as a history entry (version = seq, recorded_at, request_id set).
absl::StatusOr<tocflow::v1::RecordedEvent> ToRecordedEvent(const store::StoredEvent& stored);

// The journey of a case rebuilt from its events (only those up to `up_to_version` when set: the
// case as it was then). NOT_FOUND when the case has no events; DATA_LOSS when a stored event
// cannot be decoded or replayed.
absl::StatusOr<workflow::Journey> LoadJourney(
    store::StoreReader& reader, const std::string& case_id,
    std::shared_ptr<const workflow::ReferenceData> reference,
    std::optional<int64_t> up_to_version = std::nullopt);

// The case as it is now (or at `at_version`, when set) for reading: restored from what the
// store keeps beside its events (store::StoredJourney: one row and its pending deadlines, no
// events read, no replay) when the row is at that version; otherwise, or when a part cannot be
// read (no facts stored; written by a newer tocflowd), LoadJourney. Errors as LoadJourney's.
absl::StatusOr<workflow::Journey> LoadCaseJourney(
    store::StoreReader& reader, const std::string& case_id,
    std::shared_ptr<const workflow::ReferenceData> reference,
    std::optional<int64_t> at_version = std::nullopt);

// The case's facts from `stored` (the encoded facts kept beside its summary, or nullptr), or by
// replaying its events when none are stored or they cannot be read (written by a newer
// version, say). Errors as LoadJourney's, for the replay.
absl::StatusOr<workflow::CaseFacts> LoadFacts(
    store::StoreReader& reader, const std::string& case_id, const std::string* stored,
    std::shared_ptr<const workflow::ReferenceData> reference);

// A stored alert on the wire: cursor, case id and acknowledgement included.
tocflow::v1::Alert ToWire(const store::StoredAlert& stored);

}  // namespace tocflow::server
