#include "scale/journey_gen.h"

#include <cstdio>
#include <random>

#include "workflow/calendar.h"
#include "workflow/deadline_runner.h"
#include "workflow/journey.h"

namespace bench::scale {
namespace {

using namespace workflow;

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string Letters(int i) {
  std::string code;
  code += static_cast<char>('A' + (i / 26) % 26);
  code += static_cast<char>('A' + i % 26);
  return code;
}

// A valid NHS number (mod 11 check digit) made from `x`.
std::string NhsNumber(uint64_t x) {
  for (;; ++x) {
    std::string digits;
    uint64_t v = x;
    for (int i = 0; i < 9; ++i, v /= 10) digits += static_cast<char>('0' + v % 10);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    return digits + static_cast<char>('0' + check);
  }
}

struct Place {
  int provider, ward, la;
};

Place PlaceOf(const World& world, uint64_t r) {
  Place place;
  place.provider = static_cast<int>(r % world.providers);
  place.ward = static_cast<int>((r >> 8) % world.wards_per_provider);
  // Most patients live in the provider's own band of local authorities.
  const int band = world.local_authorities / world.providers;
  if ((r >> 16) % 10 < 8) {
    place.la = place.provider * band + static_cast<int>((r >> 20) % (band + 1));
  } else {
    place.la = static_cast<int>((r >> 20) % world.local_authorities);
  }
  place.la %= world.local_authorities;
  return place;
}

}  // namespace

std::string ProviderCode(int p) { return "R" + Letters(p); }
std::string WardName(int w) { return "Ward " + std::to_string(w + 1); }
std::string LocalAuthorityCode(int la) {
  char code[16];
  std::snprintf(code, sizeof code, "E%08d", 6000001 + la);
  return code;
}
std::string IcbCode(int icb) { return "Q" + Letters(icb + 100); }

CaseIdentity IdentityOf(const World& world, int64_t n) {
  const uint64_t key = SplitMix(world.seed * 0x100000001b3ULL + static_cast<uint64_t>(n));
  char id[40];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(key),
                static_cast<unsigned long long>(SplitMix(key)));
  const Place place = PlaceOf(world, SplitMix(key ^ 0x5bd1e995));
  return {id, ProviderCode(place.provider), WardName(place.ward), LocalAuthorityCode(place.la),
          IcbCode(place.la * world.icbs / world.local_authorities)};
}

std::vector<Event> GenerateHistory(const World& world, int64_t n) {
  const CaseIdentity who = IdentityOf(world, n);
  std::mt19937_64 rng(SplitMix(world.seed ^ (static_cast<uint64_t>(n) << 1)));
  auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
  };
  auto hours = [&](int lo, int hi) {
    return std::chrono::hours(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  const int rule_roll = std::uniform_int_distribution<int>(0, 9)(rng);
  const RuleSetId rules = rule_roll < 8   ? RuleSetId::kDischargeToAssess2022
                          : rule_roll < 9 ? RuleSetId::kCareAct2014
                                          : RuleSetId::kCcdda2003;
  const Timestamp admitted =
      world.now - std::chrono::seconds(std::uniform_int_distribution<int64_t>(
                      0, int64_t{world.span_days} * 86400)(rng));
  Timestamp t = admitted;

  Journey journey;
  std::vector<Event> history;
  bool stopped = false;
  // Records `payload` some hours after the previous step, with the deadlines that fell due in
  // between; nothing once "now" is passed (the case stays open there).
  auto add = [&](EventPayload payload, int lo = 1, int hi = 20) {
    if (stopped) return;
    const Timestamp at = t + hours(lo, hi);
    if (at > world.now) {
      stopped = true;
      return;
    }
    t = at;
    auto fired = FireDueDeadlines(journey, t);
    if (fired.ok()) {
      for (AppliedEvent& applied : *fired) history.push_back(std::move(applied.event));
    }
    Event event{"gen", t, std::move(payload)};
    if (journey.Apply(event).ok()) history.push_back(std::move(event));
  };

  CaseOpened opening;
  opening.nhs_number = NhsNumber(static_cast<uint64_t>(n) * 7919 + 100000000);
  opening.local_patient_id = "MRN" + std::to_string(n);
  opening.spell_id = "S" + std::to_string(n);
  opening.provider_ods = who.provider_ods;
  opening.site = "Main";
  opening.ward = who.ward;
  opening.bed = "B" + std::to_string(n % 30 + 1);
  opening.local_authority = who.local_authority;
  opening.icb = who.icb;
  opening.admitted_at = admitted;
  opening.admission_method = chance(70) ? AdmissionMethod::kEmergency : AdmissionMethod::kElective;
  opening.rule_set = rules;
  history.push_back({"gen", admitted, opening});
  if (!journey.Apply(history.back()).ok()) return history;

  if (chance(1)) {
    add(AdmissionCancelled{});
    stopped = true;
  }
  if (chance(90)) add(ExpectedDischargeDateSet{LondonDate(t).AddDays(5)});
  add(PartyAssigned{Role::kWardDischargeCoordinator, "coordinator " + std::to_string(n % 40)});
  if (chance(60))
    add(PartyAssigned{Role::kLaSocialWorker, "social worker " + std::to_string(n % 90)});
  if (chance(50)) add(ExpectedDischargeDateSet{LondonDate(t).AddDays(3)}, 12, 48);
  if (chance(35)) add(WardTransferred{"", WardName(static_cast<int>(n % 7)), "B1"}, 4, 48);
  if (chance(15)) add(WardTransferred{"", WardName(static_cast<int>(n % 11)), "B2"}, 4, 48);
  if (chance(3)) {
    add(Died{}, 24, 240);
    stopped = true;
  }
  add(ReadyForDischarge{}, 24, 120);
  if (chance(15)) {
    add(CriteriaToResideMetAgain{});
    add(ReadyForDischarge{}, 12, 72);
  }
  add(PathwayAgreed{static_cast<Pathway>(n % 4)});
  if (chance(55)) {
    add(DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage, std::nullopt,
                            chance(50) ? Attribution::kSocialCare : Attribution::kNhs});
  }
  if (chance(30)) add(PartyAssigned{Role::kCareTransferHub, "hub"});
  if (chance(25)) {
    add(EquipmentOrdered{"bed and hoist", LondonDate(t).AddDays(2)});
    add(EquipmentDelivered{}, 12, 72);
  }
  if (rules != RuleSetId::kDischargeToAssess2022) {
    add(AssessmentNoticeGiven{true, false, false, true, ""});
    add(LaAssessmentStarted{});
  }
  if (chance(40)) {
    ChecklistCompleted checklist;
    checklist.scores[0] = ChecklistScore::kA;
    add(checklist);
    add(ChcAssessmentScheduled{LondonDate(t).AddDays(3)});
    DstCompleted dst;
    dst.levels[3] = DstLevel::kSevere;
    add(dst, 24, 200);
    add(EligibilityDecided{chance(30)}, 24, 200);
  }
  if (chance(75)) {
    add(CareNeedsIdentified{CareType::kHomeCare});
    add(SourcingStarted{});
    add(ProviderOffered{"Provider " + std::to_string(n % 50)}, 12, 96);
    add(FundingAgreed{45000, Funder::kLocalAuthority});
    add(StartConfirmed{LondonDate(t).AddDays(1), ""});
  }
  add(Discharged{"home"}, 4, 72);
  add(CareInPlace{});
  // Deadlines due by "now" have fired, as the scheduler would have fired them.
  auto fired = FireDueDeadlines(journey, world.now);
  if (fired.ok()) {
    for (AppliedEvent& applied : *fired) history.push_back(std::move(applied.event));
  }
  return history;
}

}  // namespace bench::scale
