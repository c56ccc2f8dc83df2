// One track of the journey (stay, notices, CHC, care) behind a plain interface, so that the
// journey facade never sees Boost.MSM. Each track is a Boost.MSM machine defined in its own
// translation unit. Private to libworkflow.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "machines/track_context.h"
#include "workflow/events.h"

namespace workflow {

// How a track answered an event.
enum class TrackAnswer {
  kNoRow,    // the track has no transition for this event in its current state(s)
  kRefused,  // it has rows, but their guards refused
  kHandled,  // a transition was taken
  kFailed,   // an action threw: the track may be half-way through a transition
};

class Track {
 public:
  virtual ~Track() = default;
  virtual std::unique_ptr<Track> Clone() const = 0;

  // Offers the event to the track; guards and actions use `ctx`.
  virtual TrackAnswer Offer(const EventPayload& event, TrackContext& ctx) = 0;

  virtual int RegionCount() const = 0;
  virtual std::string_view StateName(int region) const = 0;
  // Puts a region in the named state (restoring a snapshot); false for an unknown name.
  virtual bool SetState(int region, std::string_view name) = 0;
  // Event names with a row from the region's current state, in table order, unique.
  virtual std::vector<std::string_view> AcceptedEvents(int region) const = 0;
  // True when a state flagged as closing the case is active.
  virtual bool CaseClosed() const = 0;
};

std::unique_ptr<Track> MakeStayTrack();
std::unique_ptr<Track> MakeNoticesTrack();
std::unique_ptr<Track> MakeChcTrack();
std::unique_ptr<Track> MakeCareTrack();  // two regions: care, then equipment

}  // namespace workflow
