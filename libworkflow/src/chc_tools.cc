#include "workflow/chc_tools.h"

#include <algorithm>

namespace workflow {

namespace {
constexpr bool CanCarryPriority(ChecklistDomain domain) {
  return domain == ChecklistDomain::kBreathing || domain == ChecklistDomain::kBehaviour ||
         domain == ChecklistDomain::kDrugTherapies ||
         domain == ChecklistDomain::kAlteredStatesOfConsciousness;
}
}  // namespace

bool ChecklistIsPositive(const std::array<ChecklistScore, 11>& scores) {
  int a = 0;
  int b = 0;
  bool a_in_priority_domain = false;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] == ChecklistScore::kA) {
      ++a;
      if (CanCarryPriority(static_cast<ChecklistDomain>(i))) a_in_priority_domain = true;
    } else if (scores[i] == ChecklistScore::kB) {
      ++b;
    }
  }
  return a >= 2 || b >= 5 || (a == 1 && b >= 4) || a_in_priority_domain;
}

bool DstDomainCanBePriority(DstDomain domain) {
  return domain == DstDomain::kBreathing || domain == DstDomain::kBehaviour ||
         domain == DstDomain::kDrugTherapies || domain == DstDomain::kAlteredStatesOfConsciousness;
}

bool DstRecommendsEligibility(const std::array<DstLevel, 12>& levels) {
  const auto severe = std::count(levels.begin(), levels.end(), DstLevel::kSevere);
  const bool priority =
      std::find(levels.begin(), levels.end(), DstLevel::kPriority) != levels.end();
  return priority || severe >= 2;
}

}  // namespace workflow
