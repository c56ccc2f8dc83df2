#include "workflow/journey.h"

#include <utility>

#include "event_validation.h"
#include "machines/track.h"

namespace workflow {

namespace {

// Where each Region lives: which track, and which of its regions.
struct RegionSlot {
  int track;
  int region;
};
constexpr std::array<RegionSlot, kRegionCount> kSlots = {{
    {0, 0},  // stay
    {1, 0},  // notices
    {2, 0},  // chc
    {3, 0},  // care
    {3, 1},  // equipment
}};
constexpr std::array<std::string_view, kRegionCount> kRegionNames = {"stay", "notices", "chc",
                                                                     "care", "equipment"};

}  // namespace

std::string_view Name(Region region) { return kRegionNames[static_cast<size_t>(region)]; }

std::shared_ptr<const ReferenceData> DefaultReferenceData() {
  static const auto reference = std::make_shared<const ReferenceData>();
  return reference;
}

struct Journey::Impl {
  std::shared_ptr<const ReferenceData> reference;
  std::array<std::unique_ptr<Track>, 4> tracks;
  CaseFacts facts;
  int64_t version = 0;

  explicit Impl(std::shared_ptr<const ReferenceData> ref)
      : reference(std::move(ref)),
        tracks{MakeStayTrack(), MakeNoticesTrack(), MakeChcTrack(), MakeCareTrack()} {}

  Impl(const Impl& other) : reference(other.reference), facts(other.facts), version(other.version) {
    for (size_t i = 0; i < tracks.size(); ++i) tracks[i] = other.tracks[i]->Clone();
  }

  bool opened() const { return facts.opened_at.has_value(); }
  bool closed() const { return tracks[0]->CaseClosed(); }

  std::string_view State(Region region) const {
    const RegionSlot slot = kSlots[static_cast<size_t>(region)];
    return tracks[slot.track]->StateName(slot.region);
  }

  std::string DescribeStates() const {
    std::string text;
    for (int r = 0; r < kRegionCount; ++r) {
      if (r > 0) text += ", ";
      text += std::string(kRegionNames[r]) + " is " + std::string(State(static_cast<Region>(r)));
    }
    return text;
  }

  std::string DescribeValidEvents() const;
  absl::StatusOr<Effects> Apply(const Event& event);
  absl::Status CheckAdmissible(const Event& event) const;
};

std::string Journey::Impl::DescribeValidEvents() const {
  std::string text;
  Region last = Region::kStay;
  bool any = false;
  for (const ValidEvent& valid : Journey::ValidNextEventsOf(*this)) {
    if (!any || valid.region != last) {
      text += (any ? "; " : "") + std::string(Name(valid.region)) + ": ";
    } else {
      text += ", ";
    }
    text += std::string(valid.event);
    last = valid.region;
    any = true;
  }
  return any ? text : "none";
}

// Rules that hold for the case as a whole, before any track sees the event.
absl::Status Journey::Impl::CheckAdmissible(const Event& event) const {
  const std::string_view name = EventName(event.payload);
  const bool opening = std::holds_alternative<CaseOpened>(event.payload);
  if (!opened() && !opening) {
    return absl::FailedPreconditionError(std::string(name) +
                                         " is not valid: the case has not been opened");
  }
  if (opened() && opening) {
    return absl::FailedPreconditionError("case_opened is not valid: the case is already open");
  }
  if (closed()) {
    return absl::FailedPreconditionError(std::string(name) + " is not valid: the case is closed (" +
                                         std::string(State(Region::kStay)) + ")");
  }
  if (const auto* elapsed = std::get_if<DeadlineElapsed>(&event.payload)) {
    const auto pending = facts.open_deadlines.find(elapsed->kind);
    if (pending == facts.open_deadlines.end()) {
      return absl::FailedPreconditionError("deadline " + std::string(Name(elapsed->kind)) +
                                           " is not pending on this case");
    }
    if (event.occurred_at < pending->second) {
      return absl::FailedPreconditionError("deadline " + std::string(Name(elapsed->kind)) +
                                           " is not due until " + FormatUtc(pending->second));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Effects> Journey::Impl::Apply(const Event& event) {
  if (absl::Status status = CheckAdmissible(event); !status.ok()) return status;
  if (absl::Status status = ValidateEvent(event, facts); !status.ok()) return status;

  Effects effects;
  const RuleSet& rules =
      GetRuleSet(std::holds_alternative<CaseOpened>(event.payload)
                     ? std::get<CaseOpened>(event.payload).rule_set.value_or(kDefaultRuleSet)
                     : facts.rule_set);
  std::vector<std::string> refusals;
  TrackContext ctx{facts, effects, event, rules, *reference, refusals};

  bool handled = false;
  if (const auto* assigned = std::get_if<PartyAssigned>(&event.payload)) {
    // Case administration, valid whenever the case is open: no track is involved.
    if (assigned->party.empty()) {
      facts.parties.erase(assigned->role);
    } else {
      facts.parties[assigned->role] = assigned->party;
    }
    handled = true;
  } else {
    const auto* elapsed = std::get_if<DeadlineElapsed>(&event.payload);
    const Timestamp fired_due = elapsed ? facts.open_deadlines.at(elapsed->kind) : Timestamp();
    for (auto& track : tracks) {
      const TrackAnswer answer = track->Offer(event.payload, ctx);
      if (answer == TrackAnswer::kFailed) {
        return absl::InternalError(std::string(EventName(event.payload)) + ": " + refusals.back() +
                                   "; rebuild the case by replaying its events");
      }
      if (answer == TrackAnswer::kHandled) handled = true;
    }
    // A deadline that has fired is no longer pending, unless the event set it again.
    if (handled && elapsed) {
      auto it = facts.open_deadlines.find(elapsed->kind);
      if (it != facts.open_deadlines.end() && it->second == fired_due) {
        facts.open_deadlines.erase(it);
      }
    }
  }
  if (!handled) {
    std::string message =
        std::string(EventName(event.payload)) + " is not valid now: " + DescribeStates() + ".";
    for (const std::string& refusal : refusals) message += " Refused: " + refusal + ".";
    message += " Valid now: " + DescribeValidEvents() + ".";
    return absl::FailedPreconditionError(message);
  }
  // A death or a cancelled admission ends the case: nothing is due any more.
  if (closed()) {
    for (const auto& [kind, due] : facts.open_deadlines)
      effects.deadlines_cancelled.push_back(kind);
    facts.open_deadlines.clear();
    effects.deadlines_set.clear();
  }
  facts.last_event_at = event.occurred_at;
  ++version;
  return effects;
}

Journey::Journey(std::shared_ptr<const ReferenceData> reference)
    : impl_(std::make_unique<Impl>(std::move(reference))) {}
Journey::Journey(const Journey& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Journey& Journey::operator=(const Journey& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Journey::Journey(Journey&&) noexcept = default;
Journey& Journey::operator=(Journey&&) noexcept = default;
Journey::~Journey() = default;

absl::StatusOr<Effects> Journey::Apply(const Event& event) { return impl_->Apply(event); }
std::string_view Journey::State(Region region) const { return impl_->State(region); }
const CaseFacts& Journey::facts() const { return impl_->facts; }
int64_t Journey::version() const { return impl_->version; }
bool Journey::closed() const { return impl_->closed(); }

std::vector<ValidEvent> Journey::ValidNextEventsOf(const Impl& impl) {
  std::vector<ValidEvent> valid;
  if (impl.closed()) return valid;
  for (int r = 0; r < kRegionCount; ++r) {
    // Before the case is opened only the stay's opening row applies.
    if (!impl.opened() && r != static_cast<int>(Region::kStay)) break;
    const RegionSlot slot = kSlots[r];
    for (std::string_view event : impl.tracks[slot.track]->AcceptedEvents(slot.region)) {
      // Only the first event opens a case.
      if (impl.opened() && event == CaseOpened::kName) continue;
      valid.push_back({static_cast<Region>(r), event});
    }
  }
  return valid;
}

std::vector<ValidEvent> Journey::ValidNextEvents() const { return ValidNextEventsOf(*impl_); }

JourneySnapshot Journey::Snapshot() const {
  JourneySnapshot snapshot;
  for (int r = 0; r < kRegionCount; ++r) {
    snapshot.states[r] = std::string(impl_->State(static_cast<Region>(r)));
  }
  snapshot.facts = impl_->facts;
  snapshot.version = impl_->version;
  return snapshot;
}

absl::StatusOr<Journey> Journey::Restore(const JourneySnapshot& snapshot,
                                         std::shared_ptr<const ReferenceData> reference) {
  Journey journey(std::move(reference));
  for (int r = 0; r < kRegionCount; ++r) {
    const RegionSlot slot = kSlots[r];
    if (!journey.impl_->tracks[slot.track]->SetState(slot.region, snapshot.states[r])) {
      return absl::InvalidArgumentError("snapshot: '" + snapshot.states[r] +
                                        "' is not a state of region " +
                                        std::string(kRegionNames[r]));
    }
  }
  journey.impl_->facts = snapshot.facts;
  journey.impl_->version = snapshot.version;
  return journey;
}

absl::StatusOr<Journey> Replay(const std::vector<Event>& events,
                               std::shared_ptr<const ReferenceData> reference) {
  Journey journey(std::move(reference));
  for (size_t i = 0; i < events.size(); ++i) {
    absl::StatusOr<Effects> applied = journey.Apply(events[i]);
    if (!applied.ok()) {
      return absl::Status(applied.status().code(), "replaying event " + std::to_string(i + 1) +
                                                       ": " +
                                                       std::string(applied.status().message()));
    }
  }
  return journey;
}

}  // namespace workflow
