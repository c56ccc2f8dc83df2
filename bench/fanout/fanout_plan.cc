#include "fanout/fanout_plan.h"

#include <algorithm>

#include "scale/journey_gen.h"

namespace bench::fanout {
namespace {

namespace v1 = tocflow::v1;

constexpr int kProviders = 12;
constexpr int kWards = 40;
constexpr int kLocalAuthorities = 150;
constexpr int kIcbs = 42;

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

v1::AlertRecipient Recipient(v1::Role role, std::string party = "") {
  v1::AlertRecipient recipient;
  recipient.set_role(role);
  recipient.set_party(std::move(party));
  return recipient;
}

struct Counts {
  int role, team, la, icb, role_la, cases;
};

Counts CountsFor(int streams) {
  const int rest = std::max(streams - 1, 0);
  Counts c{};
  // At least one stream per role set when there are few streams (the tiny CTest run).
  c.role = std::max(rest * 5 / 100, std::min(5, rest / 4));
  c.team = rest * 15 / 100;
  c.la = rest * 30 / 100;
  c.icb = rest * 20 / 100;
  c.role_la = rest * 10 / 100;
  c.cases = rest - c.role - c.team - c.la - c.icb - c.role_la;
  return c;
}

}  // namespace

Place PlaceOf(int64_t key) {
  const uint64_t r = SplitMix(static_cast<uint64_t>(key) ^ 0xfa40u);
  const int la = static_cast<int>((r >> 16) % kLocalAuthorities);
  return {scale::ProviderCode(static_cast<int>(r % kProviders)),
          scale::WardName(static_cast<int>((r >> 8) % kWards)), scale::LocalAuthorityCode(la),
          scale::IcbCode(la % kIcbs)};
}

ExpectedAlert AlertOf(Step step, const Place& place) {
  switch (step) {
    case Step::kOpen:
      return {v1::ALERT_KIND_CASE_OPENED,
              {Recipient(v1::ROLE_WARD_DISCHARGE_COORDINATOR),
               Recipient(v1::ROLE_CARE_TRANSFER_HUB, "hub-" + place.provider_ods)}};
    case Step::kRefer:
      return {v1::ALERT_KIND_CHC_REFERRAL_RECEIVED,
              {Recipient(v1::ROLE_CHC_COORDINATOR, "chc-" + place.icb)}};
    case Step::kDischarge:
      return {v1::ALERT_KIND_DISCHARGED,
              {Recipient(v1::ROLE_GP), Recipient(v1::ROLE_CARE_PROVIDER)}};
  }
  return {};
}

std::shared_ptr<const workflow::TeamDirectory> Teams() {
  auto teams = std::make_shared<workflow::TeamDirectory>();
  for (int p = 0; p < kProviders; ++p) {
    const std::string provider = scale::ProviderCode(p);
    teams->SetDefault(workflow::Role::kCareTransferHub, provider, "hub-" + provider);
  }
  for (int q = 0; q < kIcbs; ++q) {
    const std::string icb = scale::IcbCode(q);
    teams->SetDefault(workflow::Role::kChcCoordinator, icb, "chc-" + icb);
  }
  return teams;
}

int PreOpenedPerClient(int streams, int clients) {
  const int cases = CountsFor(streams).cases;
  return clients <= 0 ? 0 : (cases + clients - 1) / clients;
}

std::vector<StreamFilter> MakeFilters(int streams, int clients, int pre_opened_per_client) {
  const Counts counts = CountsFor(streams);
  std::vector<StreamFilter> filters;
  filters.push_back({"all", {}, "", "", "", std::nullopt});
  const std::vector<std::vector<v1::Role>> role_sets = {
      {v1::ROLE_WARD_DISCHARGE_COORDINATOR},
      {v1::ROLE_CARE_TRANSFER_HUB},
      {v1::ROLE_CHC_COORDINATOR},
      {v1::ROLE_GP},
      {v1::ROLE_CARE_PROVIDER, v1::ROLE_LA_SOCIAL_WORKER}};
  for (int i = 0; i < counts.role; ++i) {
    filters.push_back(
        {"role", role_sets[static_cast<size_t>(i) % role_sets.size()], "", "", "", std::nullopt});
  }
  for (int i = 0; i < counts.team; ++i) {
    StreamFilter filter{"team", {}, "", "", "", std::nullopt};
    if (i % 2 == 0) {
      filter.party = "hub-" + scale::ProviderCode(i / 2 % kProviders);
      if (i % 3 != 0) filter.roles = {v1::ROLE_CARE_TRANSFER_HUB};
    } else {
      filter.party = "chc-" + scale::IcbCode(i / 2 % kIcbs);
      if (i % 3 != 0) filter.roles = {v1::ROLE_CHC_COORDINATOR};
    }
    filters.push_back(filter);
  }
  for (int i = 0; i < counts.la; ++i) {
    filters.push_back(
        {"la", {}, "", scale::LocalAuthorityCode(i % kLocalAuthorities), "", std::nullopt});
  }
  for (int i = 0; i < counts.icb; ++i) {
    filters.push_back({"icb", {}, "", "", scale::IcbCode(i % kIcbs), std::nullopt});
  }
  for (int i = 0; i < counts.role_la; ++i) {
    filters.push_back({"role+la",
                       {i % 2 == 0 ? v1::ROLE_GP : v1::ROLE_WARD_DISCHARGE_COORDINATOR},
                       "",
                       scale::LocalAuthorityCode((i * 7) % kLocalAuthorities),
                       "",
                       std::nullopt});
  }
  for (int i = 0; i < counts.cases && clients > 0; ++i) {
    const int64_t client = i % clients;
    const int64_t p = i / clients;
    if (p >= pre_opened_per_client) break;
    filters.push_back({"case", {}, "", "", "", client * kClientSpan + kPreOpenedBase + p});
  }
  return filters;
}

bool Matches(const StreamFilter& filter, int64_t case_key, const Place& place,
             const ExpectedAlert& alert) {
  if (filter.case_key && *filter.case_key != case_key) return false;
  if (!filter.local_authority.empty() && filter.local_authority != place.local_authority) {
    return false;
  }
  if (!filter.icb.empty() && filter.icb != place.icb) return false;
  if (!filter.roles.empty()) {
    const bool any = std::any_of(
        alert.recipients.begin(), alert.recipients.end(), [&](const v1::AlertRecipient& r) {
          return std::find(filter.roles.begin(), filter.roles.end(), r.role()) !=
                 filter.roles.end();
        });
    if (!any) return false;
  }
  if (!filter.party.empty()) {
    const bool any =
        std::any_of(alert.recipients.begin(), alert.recipients.end(),
                    [&](const v1::AlertRecipient& r) { return r.party() == filter.party; });
    if (!any) return false;
  }
  return true;
}

v1::AlertFilter ToWire(const StreamFilter& filter, const std::string& case_id) {
  v1::AlertFilter wire;
  for (v1::Role role : filter.roles) wire.add_roles(role);
  wire.set_party(filter.party);
  wire.set_local_authority(filter.local_authority);
  wire.set_icb(filter.icb);
  if (filter.case_key) wire.set_case_id(case_id);
  return wire;
}

}  // namespace bench::fanout
