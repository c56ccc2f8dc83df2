// The journey of one case through discharge and NHS Continuing Healthcare: a facade over the
// Boost.MSM track machines (stay, notices, CHC, care with equipment), which live in src/.
//
// Every event is offered to every track; a track with no row for it ignores it, and an event no
// track accepts is rejected with FAILED_PRECONDITION naming the current states. Applying an event
// never reads a clock: replaying the same events gives the same journey.
//
// Thread safety: a Journey is a value; use one from one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "workflow/case_facts.h"
#include "workflow/effects.h"
#include "workflow/events.h"
#include "workflow/reference_data.h"

namespace workflow {

// The orthogonal regions of the journey.
enum class Region { kStay, kNotices, kChc, kCare, kEquipment };
inline constexpr int kRegionCount = 5;
std::string_view Name(Region region);

// An event type a region accepts in its current state (guards not evaluated).
struct ValidEvent {
  Region region;
  std::string_view event;  // an event kName
};

// A cache of a journey: the state name of each region, the facts and the version. Restoring
// from it gives the journey that replaying its events gives.
struct JourneySnapshot {
  std::array<std::string, kRegionCount> states;
  CaseFacts facts;
  int64_t version = 0;
};

class Journey {
 public:
  // REQUIRES: reference != nullptr.
  explicit Journey(std::shared_ptr<const ReferenceData> reference = DefaultReferenceData());
  Journey(const Journey& other);
  Journey& operator=(const Journey& other);
  Journey(Journey&&) noexcept;
  Journey& operator=(Journey&&) noexcept;
  ~Journey();

  // Applies one event. On success the journey has moved and the effects say what to persist;
  // on error nothing has changed:
  //   INVALID_ARGUMENT     malformed data (bad NHS number, missing field, time before admission
  //                        or before the previous event)
  //   FAILED_PRECONDITION  no region accepts the event now (the message names each region's
  //                        state, why a rule refused it, and the events valid now), the case is
  //                        not open or already closed, or a deadline is not pending or not due
  //   INTERNAL             an action failed (out of memory): discard this journey and rebuild
  //                        it by replaying the case's events
  absl::StatusOr<Effects> Apply(const Event& event);

  // The state name of a region, e.g. "ReadyForDischarge".
  std::string_view State(Region region) const;
  // Event types accepted now, per region, derived from the transition tables.
  std::vector<ValidEvent> ValidNextEvents() const;
  const CaseFacts& facts() const;
  // Events applied so far.
  int64_t version() const;
  // True once the stay has ended in death or a cancelled admission: nothing more applies.
  bool closed() const;

  JourneySnapshot Snapshot() const;
  // INVALID_ARGUMENT when a state name is unknown for its region.
  static absl::StatusOr<Journey> Restore(const JourneySnapshot& snapshot,
                                         std::shared_ptr<const ReferenceData> reference =
                                             DefaultReferenceData());

 private:
  struct Impl;
  static std::vector<ValidEvent> ValidNextEventsOf(const Impl& impl);
  std::unique_ptr<Impl> impl_;
};

// Rebuilds a journey by applying events in order; the first error stops the replay.
absl::StatusOr<Journey> Replay(const std::vector<Event>& events,
                               std::shared_ptr<const ReferenceData> reference =
                                   DefaultReferenceData());

}  // namespace workflow
