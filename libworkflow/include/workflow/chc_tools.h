// Outcomes of the CHC screening and assessment tools, computed from their scores (p).
#pragma once

#include <array>

#include "workflow/codes.h"

namespace workflow {

// Checklist domains in Framework order; the four that can carry a Priority level in the DST
// are breathing, behaviour, drug therapies and medication, altered states of consciousness.
enum class ChecklistDomain {
  kBreathing, kNutrition, kContinence, kSkinIntegrity, kMobility, kCommunication,
  kPsychological, kCognition, kBehaviour, kDrugTherapies, kAlteredStatesOfConsciousness
};

// Positive when 2 or more A; or 5 or more B; or 1 A and 4 B; or any A in a domain that can
// carry a Priority level in the DST.
bool ChecklistIsPositive(const std::array<ChecklistScore, 11>& scores);

// DST domains in Framework order.
enum class DstDomain {
  kBehaviour, kCognition, kPsychological, kCommunication, kMobility, kNutrition, kContinence,
  kSkin, kBreathing, kDrugTherapies, kAlteredStatesOfConsciousness, kOther
};

// Eligibility is expected with a Priority level in any domain or Severe in two or more.
bool DstRecommendsEligibility(const std::array<DstLevel, 12>& levels);

// True when the DST allows a Priority level in the domain.
bool DstDomainCanBePriority(DstDomain domain);

}  // namespace workflow
