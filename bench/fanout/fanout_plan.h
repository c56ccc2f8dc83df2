// The alert fan-out's world (issue 5, figure 5): where each case is, which alert each command
// raises and for whom, the team defaults the server routes by, and the mix of WatchAlerts
// filters. The expectation of what each stream must receive is computed from this model and
// from the commands that were answered OK, never from what the streams received.
//
// Commands (each raises exactly one alert):
//   open      CreateCase          case_opened             ward discharge coordinator, hub
//   refer     referred_for_full_assessment  chc_referral_received  CHC coordinator
//   discharge discharged          discharged              GP, care provider
// Teams: the care transfer hub of provider P is "hub-P"; the CHC coordinator of ICB Q is
// "chc-Q"; other roles have no default (empty party).
//
// Thread safety: immutable after construction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tocflow/v1/alerts.pb.h"
#include "workflow/alert_rules.h"

namespace bench::fanout {

// Where a case is.
struct Place {
  std::string provider_ods;
  std::string ward;
  std::string local_authority;
  std::string icb;
};

// The command kinds of a case's life, in order.
enum class Step { kOpen = 0, kRefer = 1, kDischarge = 2 };
inline constexpr int kStepCount = 3;

// The alert a step raises, as the streams see it.
struct ExpectedAlert {
  tocflow::v1::AlertKind kind;
  std::vector<tocflow::v1::AlertRecipient> recipients;
};

// One stream's filter; unset fields match everything. `case_key` names a pre-opened case (its
// id is known only once opened).
struct StreamFilter {
  std::string label;  // "role", "team", "la", "icb", "role+la", "case", "all"
  std::vector<tocflow::v1::Role> roles;
  std::string party;
  std::string local_authority;
  std::string icb;
  std::optional<int64_t> case_key;
};

// Case keys: client c's new cases are c * kClientSpan + j; its pre-opened cases
// c * kClientSpan + kPreOpenedBase + p.
inline constexpr int64_t kClientSpan = 1000000;
inline constexpr int64_t kPreOpenedBase = 900000;

// Where case `key` is (deterministic).
Place PlaceOf(int64_t key);
// The alert `step` raises on a case at `place`, routed by the plan's teams.
ExpectedAlert AlertOf(Step step, const Place& place);
// The team defaults above, for ServerOptions::teams.
std::shared_ptr<const workflow::TeamDirectory> Teams();

// `streams` filters: one with no filter (stream 0: it maps every cursor to its command), then
// about 5% by role, 15% by team (role and party), 30% by LA, 20% by ICB, 10% by role and LA,
// and the rest by case, over `pre_opened_per_client` x `clients` pre-opened cases.
std::vector<StreamFilter> MakeFilters(int streams, int clients, int pre_opened_per_client);
// How many pre-opened cases each client needs for `streams` filters.
int PreOpenedPerClient(int streams, int clients);

// Whether an alert with `alert` on case `case_key` at `place` matches `filter` (AlertFilter
// semantics: every set field must match; roles: any recipient in any of them; party: any
// recipient with it).
bool Matches(const StreamFilter& filter, int64_t case_key, const Place& place,
             const ExpectedAlert& alert);

// The wire filter, with `case_id` the id of the filter's pre-opened case (if any).
tocflow::v1::AlertFilter ToWire(const StreamFilter& filter, const std::string& case_id);

}  // namespace bench::fanout
