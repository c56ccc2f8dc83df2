#include "storm/storm_plan.h"

#include <algorithm>
#include <cstdio>

#include "scale/journey_gen.h"

namespace bench::storm {
namespace {

using namespace std::chrono_literals;

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A valid NHS number (mod 11 check digit) made from `x`.
std::string NhsNumber(uint64_t x) {
  for (;; ++x) {
    std::string digits;
    uint64_t v = x;
    for (int i = 0; i < 9; ++i, v /= 10) digits += static_cast<char>('0' + v % 10);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
    const int check = (11 - sum % 11) % 11;
    if (check == 10) continue;
    return digits + static_cast<char>('0' + check);
  }
}

// Admission: the storm's cases at storm_at - 48 h exactly; the others spread over the next
// 46 hours, so that their EDD deadlines fall due after the storm.
workflow::Timestamp AdmittedAt(const StormPlan& plan, int64_t n) {
  const workflow::Timestamp first = plan.storm_at - 48h;
  if (plan.FallsDueAtOnce(n)) return first;
  const auto spread = std::chrono::seconds(1 + SplitMix(static_cast<uint64_t>(n)) % (46 * 3600));
  return first + spread;
}

}  // namespace

std::string CaseIdOf(int64_t n) {
  const uint64_t key = SplitMix(0x570a3ULL * 0x100000001b3ULL + static_cast<uint64_t>(n));
  char id[40];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(key),
                static_cast<unsigned long long>(SplitMix(key)));
  return id;
}

std::string SpellIdOf(const StormPlan& plan, int64_t n) {
  return (plan.FallsDueAtOnce(n) ? "due-" : "later-") + std::to_string(n);
}

workflow::Event OpeningOf(const StormPlan& plan, int64_t n) {
  const uint64_t r = SplitMix(static_cast<uint64_t>(n) ^ 0x5bd1e995ULL);
  const int provider = static_cast<int>(r % 12);
  const int la = static_cast<int>((r >> 16) % 150);
  workflow::CaseOpened opening;
  opening.nhs_number = NhsNumber(static_cast<uint64_t>(n) * 7919 + 100000000);
  opening.local_patient_id = "MRN" + std::to_string(n);
  opening.spell_id = SpellIdOf(plan, n);
  opening.provider_ods = scale::ProviderCode(provider);
  opening.site = "Main";
  opening.ward = scale::WardName(static_cast<int>((r >> 8) % 40));
  opening.bed = "B" + std::to_string(n % 30 + 1);
  opening.local_authority = scale::LocalAuthorityCode(la);
  opening.icb = scale::IcbCode(la % 42);
  opening.admitted_at = AdmittedAt(plan, n);
  opening.admission_method = workflow::AdmissionMethod::kEmergency;  // the 48 h EDD clock
  return workflow::Event{"storm-gen", opening.admitted_at, std::move(opening)};
}

workflow::Event ReadyOf(const StormPlan& plan, int64_t n) {
  // Ready more than 24 h after the storm's admissions (so the pathway deadline falls due after
  // the storm) and before before_storm().
  const workflow::Timestamp earliest =
      std::max(AdmittedAt(plan, n), plan.storm_at - 24h) + std::chrono::seconds(1 + n % 600);
  return workflow::Event{"storm-gen", earliest, workflow::ReadyForDischarge{}};
}

}  // namespace bench::storm
