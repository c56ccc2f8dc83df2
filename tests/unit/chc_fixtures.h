// Shared builders for the CHC track tests: positive and negative Checklists and DSTs.
#pragma once

#include <array>

#include "journey_fixtures.h"
#include "workflow/chc_tools.h"

namespace workflow::testing {

// Positive: two A (nutrition, continence), the 2-A rule (p).
inline std::array<ChecklistScore, 11> PositiveChecklist() {
  std::array<ChecklistScore, 11> scores;
  scores.fill(ChecklistScore::kC);
  scores[static_cast<size_t>(ChecklistDomain::kNutrition)] = ChecklistScore::kA;
  scores[static_cast<size_t>(ChecklistDomain::kContinence)] = ChecklistScore::kA;
  return scores;
}

// Negative: three B and nothing else (p: fewer than 5 B, no A).
inline std::array<ChecklistScore, 11> NegativeChecklist() {
  std::array<ChecklistScore, 11> scores;
  scores.fill(ChecklistScore::kC);
  scores[static_cast<size_t>(ChecklistDomain::kMobility)] = ChecklistScore::kB;
  scores[static_cast<size_t>(ChecklistDomain::kCognition)] = ChecklistScore::kB;
  scores[static_cast<size_t>(ChecklistDomain::kNutrition)] = ChecklistScore::kB;
  return scores;
}

// Severe in cognition and mobility: two Severe, eligibility expected (p).
inline DstCompleted DstTwoSevere() {
  DstCompleted dst;
  dst.levels.fill(DstLevel::kNoNeeds);
  dst.levels[static_cast<size_t>(DstDomain::kCognition)] = DstLevel::kSevere;
  dst.levels[static_cast<size_t>(DstDomain::kMobility)] = DstLevel::kSevere;
  return dst;
}

// Moderate everywhere: no Severe, no Priority, eligibility not expected (p).
inline DstCompleted DstModerate() {
  DstCompleted dst;
  dst.levels.fill(DstLevel::kModerate);
  return dst;
}

}  // namespace workflow::testing
