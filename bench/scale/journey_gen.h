// Deterministic, realistic case histories for the scale benchmark (issue 5, figure 3): cases
// admitted over two years up to a fixed "now" at several providers (wards per provider), for
// 150 local authorities in 42 ICBs, each going through readiness, pathway, delay reasons, the
// statutory notices under the older rule sets, CHC screening and care arranging, with deadlines
// firing as simulated time passes (as tocflowd's scheduler would have). A case whose next step
// would fall after "now" stays open there, so "now" has a live population of open cases.
//
// Case n's history depends only on (seed, n): any program can regenerate the identity of a case
// (its id, ward, LA) without the database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workflow/events.h"
#include "workflow/time.h"

namespace bench::scale {

// The simulated region.
struct World {
  uint64_t seed = 42;
  // Every history stops at `now`; the scale benchmark's server clock is set to it.
  workflow::Timestamp now = workflow::FromUnixSeconds(1793620800);  // 2026-11-02 12:00 UTC
  int span_days = 730;  // admissions spread over this many days before `now`
  int providers = 12;
  int wards_per_provider = 40;
  int local_authorities = 150;
  int icbs = 42;
};

// Who and where case n is.
struct CaseIdentity {
  std::string case_id;  // 32 hex digits, like tocflowd's random ids
  std::string provider_ods;
  std::string ward;
  std::string local_authority;
  std::string icb;
};

CaseIdentity IdentityOf(const World& world, int64_t n);
std::string ProviderCode(int p);
std::string WardName(int w);
std::string LocalAuthorityCode(int la);
std::string IcbCode(int icb);

// Case n's events in order, starting with case_opened; deadline_elapsed events (actor
// "scheduler") are included where they fell due. Every event applies in order to a fresh
// workflow::Journey with the default reference data.
std::vector<workflow::Event> GenerateHistory(const World& world, int64_t n);

}  // namespace bench::scale
