#include "engine/stored_journey.h"

#include <utility>

#include "absl/status/statusor.h"
#include "tocflow/v1/facts.pb.h"
#include "wire/case_view.h"
#include "workflow/codes.h"

namespace tocflow::engine {

std::optional<workflow::CaseFacts> DecodeStoredFacts(const std::string& encoded) {
  tocflow::v1::CaseFacts message;
  if (!message.ParseFromString(encoded)) return std::nullopt;
  absl::StatusOr<workflow::CaseFacts> facts = wire::FactsFromWire(message);
  if (!facts.ok()) return std::nullopt;
  return *std::move(facts);
}

std::optional<workflow::Journey> RestoreStoredJourney(
    const store::StoredJourney& stored, std::shared_ptr<const workflow::ReferenceData> reference) {
  if (!stored.facts.has_value()) return std::nullopt;
  std::optional<workflow::CaseFacts> facts = DecodeStoredFacts(*stored.facts);
  if (!facts.has_value()) return std::nullopt;
  for (const store::PartyRow& row : stored.parties) {
    std::optional<workflow::Role> role = workflow::Parse<workflow::Role>(row.role);
    if (!role.has_value()) return std::nullopt;
    facts->parties[*role] = row.party;
  }
  for (const store::PendingDeadline& deadline : stored.deadlines) {
    facts->open_deadlines[deadline.kind] = deadline.due;
  }
  const workflow::JourneySnapshot snapshot{stored.states, *std::move(facts), stored.version};
  absl::StatusOr<workflow::Journey> journey =
      workflow::Journey::Restore(snapshot, std::move(reference));
  if (!journey.ok()) return std::nullopt;
  return *std::move(journey);
}

}  // namespace tocflow::engine
