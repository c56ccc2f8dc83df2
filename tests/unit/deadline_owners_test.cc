#include "workflow/deadline_owners.h"

#include <gtest/gtest.h>

#include "journey_fixtures.h"

namespace workflow::testing {
namespace {

std::vector<Role> RolesOf(const DeadlineOwners& owners) {
  std::vector<Role> roles;
  for (const AlertRecipient& r : owners.recipients) roles.push_back(r.role);
  return roles;
}

TEST(DeadlineOwners, EddDeadlineIsOwnedByTheWardCoordinatorAssignedOnTheCase) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-01T09:10Z", PartyAssigned{Role::kWardDischargeCoordinator, "sister-jones"});

  std::vector<DeadlineOwners> owners = PendingDeadlineOwners(driver.journey());
  ASSERT_EQ(owners.size(), 1u);
  EXPECT_EQ(owners[0].kind, DeadlineKind::kEddMissing);
  EXPECT_EQ(owners[0].due, T("2026-05-03T08:00Z"));
  ASSERT_EQ(owners[0].recipients.size(), 1u);
  EXPECT_EQ(owners[0].recipients[0].role, Role::kWardDischargeCoordinator);
  EXPECT_EQ(owners[0].recipients[0].party, "sister-jones");
}

TEST(DeadlineOwners, UnassignedRolesFallBackToTheTeamDefault) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  TeamDirectory teams;
  teams.SetDefault(Role::kWardDischargeCoordinator, "RRV/Ward 7", "ward7-coordinators");

  std::vector<DeadlineOwners> without = PendingDeadlineOwners(driver.journey());
  std::vector<DeadlineOwners> with = PendingDeadlineOwners(driver.journey(), teams);
  ASSERT_EQ(without.size(), 1u);
  ASSERT_EQ(with.size(), 1u);
  ASSERT_EQ(without[0].recipients.size(), 1u);
  EXPECT_EQ(without[0].recipients[0].party, "");
  ASSERT_EQ(with[0].recipients.size(), 1u);
  EXPECT_EQ(with[0].recipients[0].party, "ward7-coordinators");
}

TEST(DeadlineOwners, ReadyCaseListsItsDeadlinesSoonestFirstWithTheRolesTheirAlertsName) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-01T11:00Z", ExpectedDischargeDateSet{D("2026-05-05")});
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  const int64_t version = driver.journey().version();
  const auto open_before = driver.facts().open_deadlines;

  std::vector<DeadlineOwners> owners = PendingDeadlineOwners(driver.journey());
  ASSERT_GE(owners.size(), 2u);
  for (size_t i = 1; i < owners.size(); ++i) EXPECT_LE(owners[i - 1].due, owners[i].due);
  EXPECT_EQ(owners[0].kind, DeadlineKind::kPathwayNotAgreed);
  EXPECT_EQ(RolesOf(owners[0]), std::vector<Role>{Role::kCareTransferHub});
  bool seven_days_seen = false;
  for (const DeadlineOwners& o : owners) {
    if (o.kind != DeadlineKind::kDelayedSevenDays) continue;
    seven_days_seen = true;
    EXPECT_EQ(RolesOf(o), (std::vector<Role>{Role::kCareTransferHub, Role::kSeniorEscalation}));
  }
  EXPECT_TRUE(seven_days_seen);
  // Asking changes nothing: the trial runs on a copy.
  EXPECT_EQ(driver.journey().version(), version);
  EXPECT_EQ(driver.facts().open_deadlines, open_before);
}

TEST(DeadlineOwners, NoPendingDeadlinesNoOwners) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-01T11:00Z", ExpectedDischargeDateSet{D("2026-05-05")});
  EXPECT_TRUE(PendingDeadlineOwners(driver.journey()).empty());
}

}  // namespace
}  // namespace workflow::testing
