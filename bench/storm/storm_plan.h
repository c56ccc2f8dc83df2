// The timer storm's world (issue 5, figure 4): `cases` cases, each with four pending deadlines
// (an emergency admission sets the 48 h EDD clock; ready for discharge with no pathway sets the
// 24 h pathway clock and the 7- and 21-day delay clocks), so 4 x `cases` deadlines are pending.
// The first `due_at_once` cases were admitted at the same second, 48 h before `storm_at`: their
// EDD deadlines all fall due at `storm_at`. Every other deadline falls due after it.
//
// Case n's events depend only on n: the generator and the checks agree without the database.
#pragma once

#include <cstdint>
#include <string>

#include "workflow/events.h"
#include "workflow/time.h"

namespace bench::storm {

// The storm's sizes and instants.
struct StormPlan {
  int64_t cases = 250000;
  int64_t due_at_once = 100000;  // REQUIRES: <= cases
  // The instant the storm's deadlines fall due (2026-11-02 12:00 UTC).
  workflow::Timestamp storm_at = workflow::FromUnixSeconds(1793620800);

  // Every case's events happened by then; the server's clock starts there (an hour before the
  // storm, when nothing is due).
  workflow::Timestamp before_storm() const { return storm_at - std::chrono::hours(1); }
  int64_t pending_deadlines() const { return 4 * cases; }
  // Whether case n is one of the storm's cases (its EDD deadline falls due at storm_at).
  bool FallsDueAtOnce(int64_t n) const { return n < due_at_once; }
};

// Case n's id: 32 hex digits, like tocflowd's random ids.
std::string CaseIdOf(int64_t n);
// Its spell id: "due-N" for the storm's cases, "later-N" for the others (the checks tell them
// apart in SQL by this prefix).
std::string SpellIdOf(const StormPlan& plan, int64_t n);

// Case n's two events: the emergency admission, then ready for discharge with no pathway.
workflow::Event OpeningOf(const StormPlan& plan, int64_t n);
workflow::Event ReadyOf(const StormPlan& plan, int64_t n);

}  // namespace bench::storm
