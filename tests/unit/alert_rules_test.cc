// The alert table (domain.md, "Alerts: who is told what") and routing to parties.
#include "workflow/alert_rules.h"

#include <gmock/gmock.h>

#include <set>

#include "journey_fixtures.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;

TEST(AlertRules, OneRuleForEveryKindInOrder) {
  ASSERT_EQ(AlertRules().size(), static_cast<size_t>(kAlertKindCount));
  for (int k = 0; k < kAlertKindCount; ++k) {
    const auto kind = static_cast<AlertKind>(k);
    EXPECT_EQ(GetAlertRule(kind).kind, kind) << Name(kind);
    EXPECT_FALSE(GetAlertRule(kind).roles.empty()) << Name(kind);
    EXPECT_FALSE(GetAlertRule(kind).when.empty()) << Name(kind);
  }
}

// The minimum set in domain.md: recipients and severity per row.
TEST(AlertRules, DomainTableRecipientsAndSeverities) {
  using enum Role;
  EXPECT_THAT(GetAlertRule(AlertKind::kCaseOpened).roles,
              ElementsAre(kWardDischargeCoordinator, kCareTransferHub));
  EXPECT_EQ(GetAlertRule(AlertKind::kCaseOpened).severity, Severity::kInfo);
  EXPECT_EQ(GetAlertRule(AlertKind::kEddNotSet).severity, Severity::kWarning);
  EXPECT_THAT(GetAlertRule(AlertKind::kPathwayNotAgreed).roles, ElementsAre(kCareTransferHub));
  EXPECT_EQ(GetAlertRule(AlertKind::kDelayedSevenDays).severity, Severity::kWarning);
  EXPECT_EQ(GetAlertRule(AlertKind::kDelayedTwentyOneDays).severity, Severity::kCritical);
  EXPECT_THAT(GetAlertRule(AlertKind::kDelayedTwentyOneDays).roles,
              ElementsAre(kCareTransferHub, kSeniorEscalation));
  EXPECT_THAT(GetAlertRule(AlertKind::kMinimumPeriodEndsTomorrow).roles,
              ElementsAre(kLaTeamManager));
  EXPECT_THAT(GetAlertRule(AlertKind::kLiabilityAccruing).roles,
              ElementsAre(kLaTeamManager, kLaFinance));
  EXPECT_EQ(GetAlertRule(AlertKind::kLiabilityAccruing).severity, Severity::kCritical);
  EXPECT_THAT(GetAlertRule(AlertKind::kChcBreach).roles, ElementsAre(kChcCoordinator, kChcManager));
  EXPECT_EQ(GetAlertRule(AlertKind::kFastTrackReferral).severity, Severity::kCritical);
  EXPECT_THAT(GetAlertRule(AlertKind::kCareStartConfirmed).roles,
              ElementsAre(kWardDischargeCoordinator, kTransport));
  EXPECT_THAT(GetAlertRule(AlertKind::kDischarged).roles, ElementsAre(kGp, kCareProvider));
}

CaseIdentity Identity() {
  CaseIdentity id;
  id.provider_ods = "RRV";
  id.ward = "Ward 7";
  id.local_authority = "E09000007";
  id.icb = "QMJ";
  return id;
}

TEST(TeamDirectory, ScopesByWardLaAndIcb) {
  const CaseIdentity id = Identity();
  EXPECT_EQ(TeamDirectory::ScopeFor(Role::kWardDischargeCoordinator, id), "RRV/Ward 7");
  EXPECT_EQ(TeamDirectory::ScopeFor(Role::kLaTeamManager, id), "E09000007");
  EXPECT_EQ(TeamDirectory::ScopeFor(Role::kChcCoordinator, id), "QMJ");
  EXPECT_EQ(TeamDirectory::ScopeFor(Role::kCareTransferHub, id), "RRV");
}

TEST(TeamDirectory, ResolvesDefaultsAndLaterSettingsWin) {
  TeamDirectory directory;
  directory.SetDefault(Role::kLaTeamManager, "E09000007", "camden-duty-manager");
  directory.SetDefault(Role::kLaTeamManager, "E09000007", "camden-team-b");
  directory.SetDefault(Role::kLaTeamManager, "E09000001", "city-team");
  EXPECT_EQ(directory.Resolve(Role::kLaTeamManager, Identity()), "camden-team-b");
  EXPECT_EQ(directory.Resolve(Role::kLaFinance, Identity()), "");
}

// Routing: a party assigned on the case wins; an unassigned role falls back to the team
// default for its scope; with neither, the recipient stays unresolved (empty party).
TEST(TeamDirectory, AssignedPartyWinsOverTeamDefault) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-01T09:10Z", PartyAssigned{Role::kCareTransferHub, "hub-nurse-1"});
  driver.Apply("2026-05-04T10:00Z", ReadyForDischarge{});
  const Effects& effects = driver.Fire(DeadlineKind::kDelayedSevenDays);
  ASSERT_EQ(effects.alerts.size(), 1u);

  TeamDirectory directory;
  directory.SetDefault(Role::kCareTransferHub, "RRV", "hub-team");
  directory.SetDefault(Role::kSeniorEscalation, "RRV", "site-manager");
  const auto routed = RouteAlert(effects.alerts[0], driver.facts().identity, directory);
  ASSERT_EQ(routed.size(), 2u);
  EXPECT_EQ(routed[0].role, Role::kCareTransferHub);
  EXPECT_EQ(routed[0].party, "hub-nurse-1");
  EXPECT_EQ(routed[1].role, Role::kSeniorEscalation);
  EXPECT_EQ(routed[1].party, "site-manager");
  EXPECT_EQ(RouteAlert(effects.alerts[0], driver.facts().identity, TeamDirectory())[1].party, "");
}

// Every enum's names are unique and parse back to the same value.
template <class E>
void ExpectNamesRoundTrip() {
  const int first = std::is_same_v<E, CriterionToReside> ? 1 : 0;
  std::set<std::string_view> seen;
  for (int i = first; i < first + kEnumSize<E>; ++i) {
    const E value = static_cast<E>(i);
    const std::string_view name = Name(value);
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(seen.insert(name).second) << "duplicate name " << name;
    EXPECT_EQ(Parse<E>(name), value) << name;
  }
  EXPECT_EQ(Parse<E>("no such name"), std::nullopt);
}

TEST(Codes, NamesRoundTrip) {
  ExpectNamesRoundTrip<Setting>();
  ExpectNamesRoundTrip<AdmissionMethod>();
  ExpectNamesRoundTrip<NoticeExclusion>();
  ExpectNamesRoundTrip<Pathway>();
  ExpectNamesRoundTrip<DtocReason>();
  ExpectNamesRoundTrip<NctrReason>();
  ExpectNamesRoundTrip<Attribution>();
  ExpectNamesRoundTrip<CriterionToReside>();
  ExpectNamesRoundTrip<Role>();
  ExpectNamesRoundTrip<Severity>();
  ExpectNamesRoundTrip<ChecklistScore>();
  ExpectNamesRoundTrip<DstLevel>();
  ExpectNamesRoundTrip<CareType>();
  ExpectNamesRoundTrip<Funder>();
  EXPECT_EQ(Name(DtocReason::kDii_AwaitingNursingHome), "Dii");
  EXPECT_EQ(Name(CriterionToReside::kInvasiveProcedure24h), "invasive_procedure_24h");
}

TEST(Codes, DeadlineAndAlertKindNamesRoundTrip) {
  for (int k = 0; k < kDeadlineKindCount; ++k) {
    const auto kind = static_cast<DeadlineKind>(k);
    EXPECT_EQ(Parse<DeadlineKind>(Name(kind)), kind);
  }
  for (int k = 0; k < kAlertKindCount; ++k) {
    const auto kind = static_cast<AlertKind>(k);
    EXPECT_EQ(Parse<AlertKind>(Name(kind)), kind);
  }
}

TEST(Codes, EventNamesAreUniqueAndMatchPayloads) {
  const auto& names = AllEventNames();
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()).size(), names.size());
  EXPECT_EQ(EventName(EventPayload(ReadyForDischarge{})), "ready_for_discharge");
  EXPECT_EQ(EventName(EventPayload(DeadlineElapsed{})), "deadline_elapsed");
}

}  // namespace
}  // namespace workflow::testing
