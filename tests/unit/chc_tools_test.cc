// The CHC screening and assessment tools (National Framework 2022, p): the Checklist's
// positivity rule, the Decision Support Tool's recommendation, and which DST domains can carry a
// Priority level. Every expected outcome is worked out by hand from the rule in domain.md.
#include "workflow/chc_tools.h"

#include <gmock/gmock.h>

#include <initializer_list>
#include <utility>

#include "journey_fixtures.h"

namespace workflow::testing {
namespace {

using ::testing::HasSubstr;

// A Checklist scored C everywhere except the marks given.
std::array<ChecklistScore, 11> Checklist(
    std::initializer_list<std::pair<ChecklistDomain, ChecklistScore>> marks) {
  std::array<ChecklistScore, 11> scores;
  scores.fill(ChecklistScore::kC);
  for (const auto& [domain, score] : marks) scores[static_cast<size_t>(domain)] = score;
  return scores;
}

// A DST with no needs everywhere except the levels given.
std::array<DstLevel, 12> Dst(std::initializer_list<std::pair<DstDomain, DstLevel>> marks) {
  std::array<DstLevel, 12> levels;
  levels.fill(DstLevel::kNoNeeds);
  for (const auto& [domain, level] : marks) levels[static_cast<size_t>(domain)] = level;
  return levels;
}

constexpr ChecklistScore kA = ChecklistScore::kA;
constexpr ChecklistScore kB = ChecklistScore::kB;

// The eleven Checklist domains in Framework order (p): breathing is domain 1, behaviour 9, drug
// therapies 10, altered states of consciousness 11; the enum indexes them from 0.
TEST(ChcTools, ChecklistDomainsFollowFrameworkOrder) {
  EXPECT_EQ(static_cast<int>(ChecklistDomain::kBreathing), 0);
  EXPECT_EQ(static_cast<int>(ChecklistDomain::kBehaviour), 8);
  EXPECT_EQ(static_cast<int>(ChecklistDomain::kDrugTherapies), 9);
  EXPECT_EQ(static_cast<int>(ChecklistDomain::kAlteredStatesOfConsciousness), 10);
}

// (p) Nothing scored A or B: negative.
TEST(ChcTools, ChecklistAllCIsNegative) { EXPECT_FALSE(ChecklistIsPositive(Checklist({}))); }

// (p) 2 or more A: positive, even in domains that cannot carry a Priority (nutrition, mobility).
TEST(ChcTools, ChecklistTwoAIsPositive) {
  EXPECT_TRUE(ChecklistIsPositive(
      Checklist({{ChecklistDomain::kNutrition, kA}, {ChecklistDomain::kMobility, kA}})));
}

// (p) 1 A and 4 B: positive. The A is in nutrition, not a Priority-capable domain, so only the
// 1 A + 4 B rule can make it positive.
TEST(ChcTools, ChecklistOneAAndFourBIsPositive) {
  EXPECT_TRUE(ChecklistIsPositive(Checklist({{ChecklistDomain::kNutrition, kA},
                                             {ChecklistDomain::kContinence, kB},
                                             {ChecklistDomain::kSkinIntegrity, kB},
                                             {ChecklistDomain::kMobility, kB},
                                             {ChecklistDomain::kCommunication, kB}})));
}

// (p) 1 A and 3 B, the A not in a Priority-capable domain: 1 A < 2, 3 B < 5, 3 B < 4 with the
// single A, no Priority-capable A: negative.
TEST(ChcTools, ChecklistOneAAndThreeBIsNegative) {
  EXPECT_FALSE(ChecklistIsPositive(Checklist({{ChecklistDomain::kNutrition, kA},
                                              {ChecklistDomain::kContinence, kB},
                                              {ChecklistDomain::kSkinIntegrity, kB},
                                              {ChecklistDomain::kMobility, kB}})));
}

// (p) 5 or more B: positive.
TEST(ChcTools, ChecklistFiveBIsPositive) {
  EXPECT_TRUE(ChecklistIsPositive(Checklist({{ChecklistDomain::kNutrition, kB},
                                             {ChecklistDomain::kContinence, kB},
                                             {ChecklistDomain::kSkinIntegrity, kB},
                                             {ChecklistDomain::kMobility, kB},
                                             {ChecklistDomain::kCognition, kB}})));
}

// (p) 4 B and no A: below 5 B: negative. B in Priority-capable domains (breathing, behaviour)
// does not count as an A there.
TEST(ChcTools, ChecklistFourBIsNegative) {
  EXPECT_FALSE(ChecklistIsPositive(Checklist({{ChecklistDomain::kBreathing, kB},
                                              {ChecklistDomain::kBehaviour, kB},
                                              {ChecklistDomain::kMobility, kB},
                                              {ChecklistDomain::kCognition, kB}})));
}

// (p) Any A in a domain that can carry a Priority level in the DST: positive on its own.
TEST(ChcTools, ChecklistSingleAInPriorityDomainIsPositive) {
  for (ChecklistDomain domain :
       {ChecklistDomain::kBreathing, ChecklistDomain::kBehaviour, ChecklistDomain::kDrugTherapies,
        ChecklistDomain::kAlteredStatesOfConsciousness}) {
    SCOPED_TRACE(static_cast<int>(domain));
    EXPECT_TRUE(ChecklistIsPositive(Checklist({{domain, kA}})));
  }
}

// (p) A single A in any of the seven other domains, nothing else: 1 A, 0 B: negative.
TEST(ChcTools, ChecklistSingleAInOtherDomainIsNegative) {
  for (ChecklistDomain domain :
       {ChecklistDomain::kNutrition, ChecklistDomain::kContinence, ChecklistDomain::kSkinIntegrity,
        ChecklistDomain::kMobility, ChecklistDomain::kCommunication,
        ChecklistDomain::kPsychological, ChecklistDomain::kCognition}) {
    SCOPED_TRACE(static_cast<int>(domain));
    EXPECT_FALSE(ChecklistIsPositive(Checklist({{domain, kA}})));
  }
}

// (p) Priority exists in four DST domains only: breathing, behaviour, drug therapies and
// medication, altered states of consciousness.
TEST(ChcTools, DstPriorityOnlyInFourDomains) {
  EXPECT_TRUE(DstDomainCanBePriority(DstDomain::kBreathing));
  EXPECT_TRUE(DstDomainCanBePriority(DstDomain::kBehaviour));
  EXPECT_TRUE(DstDomainCanBePriority(DstDomain::kDrugTherapies));
  EXPECT_TRUE(DstDomainCanBePriority(DstDomain::kAlteredStatesOfConsciousness));
  for (DstDomain domain : {DstDomain::kCognition, DstDomain::kPsychological,
                           DstDomain::kCommunication, DstDomain::kMobility, DstDomain::kNutrition,
                           DstDomain::kContinence, DstDomain::kSkin, DstDomain::kOther}) {
    SCOPED_TRACE(static_cast<int>(domain));
    EXPECT_FALSE(DstDomainCanBePriority(domain));
  }
}

// (p) A Priority in any domain: eligibility expected.
TEST(ChcTools, DstPriorityInAnyDomainRecommendsEligibility) {
  for (DstDomain domain : {DstDomain::kBreathing, DstDomain::kBehaviour, DstDomain::kDrugTherapies,
                           DstDomain::kAlteredStatesOfConsciousness}) {
    SCOPED_TRACE(static_cast<int>(domain));
    EXPECT_TRUE(DstRecommendsEligibility(Dst({{domain, DstLevel::kPriority}})));
  }
}

// (p) Severe in two or more domains: eligibility expected.
TEST(ChcTools, DstSevereInTwoDomainsRecommendsEligibility) {
  EXPECT_TRUE(DstRecommendsEligibility(Dst(
      {{DstDomain::kCognition, DstLevel::kSevere}, {DstDomain::kMobility, DstLevel::kSevere}})));
}

// (p) One Severe and High everywhere else: 1 Severe < 2, no Priority: not eligible.
TEST(ChcTools, DstOneSevereAndManyHighDoesNotRecommendEligibility) {
  std::array<DstLevel, 12> levels;
  levels.fill(DstLevel::kHigh);
  levels[static_cast<size_t>(DstDomain::kMobility)] = DstLevel::kSevere;
  EXPECT_FALSE(DstRecommendsEligibility(levels));
}

// (p) No needs anywhere: not eligible.
TEST(ChcTools, DstNoNeedsDoesNotRecommendEligibility) {
  EXPECT_FALSE(DstRecommendsEligibility(Dst({})));
}

// Opens a case and takes the CHC track to AssessmentScheduled, where a DST is accepted.
Driver AssessmentScheduledCase() {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z", Opening(T("2026-06-01T08:00Z")));
  driver.Apply("2026-06-01T09:00Z", ReferredForFullAssessment{});
  driver.Apply("2026-06-02T09:00Z", ChcAssessmentScheduled{D("2026-06-10")});
  return driver;
}

// (p) A DST scoring Priority where the Framework has no Priority level is malformed:
// INVALID_ARGUMENT, naming the domain (1-based: cognition is domain 2, "other" domain 12).
TEST(ChcTools, DstPriorityInDomainThatCannotCarryItIsInvalid) {
  for (const auto& [domain, number] : {std::pair{DstDomain::kCognition, "domain 2 "},
                                       std::pair{DstDomain::kOther, "domain 12 "}}) {
    SCOPED_TRACE(number);
    Driver driver = AssessmentScheduledCase();
    const absl::Status status =
        driver.Reject("2026-06-10T12:00Z", DstCompleted{Dst({{domain, DstLevel::kPriority}})});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr(number));
    EXPECT_THAT(status.message(), HasSubstr("cannot be scored Priority"));
    EXPECT_EQ(driver.State(Region::kChc), "AssessmentScheduled");
  }
}

// (p) The same Priority in a domain that can carry it is accepted and recommends eligibility.
TEST(ChcTools, DstPriorityInPriorityDomainIsAccepted) {
  Driver driver = AssessmentScheduledCase();
  driver.Apply(
      "2026-06-10T12:00Z",
      DstCompleted{Dst({{DstDomain::kAlteredStatesOfConsciousness, DstLevel::kPriority}})});
  EXPECT_EQ(driver.State(Region::kChc), "Recommended");
  EXPECT_EQ(driver.facts().chc.dst_recommends_eligible, true);
}

}  // namespace
}  // namespace workflow::testing
