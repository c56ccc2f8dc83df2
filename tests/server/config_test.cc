// The tocflowd configuration file: parsing, and its effect on a running server (alert routing
// to default teams, the default rule set of new cases).
#include "server/config.h"

#include <gmock/gmock.h>

#include <fstream>

#include "server_fixture.h"
#include "workflow/case_facts.h"

namespace tocflow::server::testing {
namespace {

using ::testing::HasSubstr;

workflow::CaseIdentity Identity() {
  workflow::CaseIdentity identity;
  identity.provider_ods = "RXX";
  identity.ward = "Ward 7";
  identity.local_authority = "E09000001";
  identity.icb = "QXX";
  return identity;
}

TEST(ParseConfig, ReadsEverySetting) {
  ::tocflow::testing::TempDir dir;
  {
    std::ofstream holidays(dir.File("holidays.txt"));
    holidays << "# test list\n2026-12-25\n2026-12-28\n";
  }
  auto config = ParseConfig(
      "# tocflowd settings\n"
      "default_rule_set = CARE_ACT_2014\n"
      "bank_holidays = holidays.txt\n"
      "higher_rate_authorities = E09000001, E09000033\n"
      "\n"
      "team ward_discharge_coordinator RXX/Ward 7 = ward-7-discharge\n"
      "team chc_coordinator QXX = chc-north\n",
      dir.File(""));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->default_rule_set, workflow::RuleSetId::kCareAct2014);
  EXPECT_EQ(config->team_defaults, 2);
  EXPECT_TRUE(config->reference->PaysHigherRate("E09000033"));
  EXPECT_FALSE(config->reference->PaysHigherRate("E09000002"));
  EXPECT_TRUE(config->reference->holidays->Contains(*workflow::Date::Parse("2026-12-28")));
  EXPECT_FALSE(config->reference->holidays->Contains(*workflow::Date::Parse("2026-08-31")))
      << "the file replaces the built-in list";
  EXPECT_EQ(config->teams->Resolve(workflow::Role::kWardDischargeCoordinator, Identity()),
            "ward-7-discharge");
  EXPECT_EQ(config->teams->Resolve(workflow::Role::kChcCoordinator, Identity()), "chc-north");
  EXPECT_EQ(config->teams->Resolve(workflow::Role::kLaSocialWorker, Identity()), "");
}

TEST(ParseConfig, NamesTheLineOfAMistake) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"default_rule_set = SECTION_2\n", "line 1: unknown rule set \"SECTION_2\""},
           Case{"\n# x\nbogus = 1\n", "line 3: unknown setting \"bogus\""},
           Case{"team nurse W1 = x\n", "line 1: unknown role \"nurse\""},
           Case{"team chc_coordinator = x\n", "line 1: expected `team <role> <scope> = <party>`"},
           Case{"just words\n", "line 1: expected `key = value`"},
           Case{"bank_holidays = missing.txt\n", "line 1: "},
       }) {
    auto config = ParseConfig(c.text, "/nonexistent");
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(LoadConfig, MissingFileIsNotFound) {
  EXPECT_EQ(LoadConfig("/nonexistent/tocflowd.conf").status().code(), absl::StatusCode::kNotFound);
}

class ConfiguredServerTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    auto config = ParseConfig(
        "default_rule_set = CARE_ACT_2014\n"
        "team ward_discharge_coordinator RXX/W1 = ward-1-team\n",
        "");
    ASSERT_TRUE(config.ok()) << config.status();
    options.teams = config->teams;
    options.default_rule_set = config->default_rule_set;
  }
};

TEST_F(ConfiguredServerTest, AlertsGoToTheDefaultTeamAndNewCasesTakeTheDefaultRuleSet) {
  grpc::ClientContext context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&context, Opening("open-1", "S1", "W1"), &created).ok());
  EXPECT_EQ(created.facts().rule_set(), v1::RULE_SET_CARE_ACT_2014);

  v1::ListAlertsRequest request;
  request.mutable_filter()->set_party("ward-1-team");
  v1::ListAlertsResponse response;
  grpc::ClientContext list_context;
  ASSERT_TRUE(alerts_->ListAlerts(&list_context, request, &response).ok());
  ASSERT_EQ(response.alerts_size(), 1);
  EXPECT_EQ(response.alerts(0).kind(), v1::ALERT_KIND_CASE_OPENED);
  bool routed = false;
  for (const auto& recipient : response.alerts(0).recipients()) {
    if (recipient.role() == v1::ROLE_WARD_DISCHARGE_COORDINATOR) {
      EXPECT_EQ(recipient.party(), "ward-1-team");
      routed = true;
    } else {
      EXPECT_EQ(recipient.party(), "") << "no default for role " << recipient.role();
    }
  }
  EXPECT_TRUE(routed);

  // A case on another ward has no default team.
  grpc::ClientContext other_context;
  v1::Case other;
  ASSERT_TRUE(cases_->CreateCase(&other_context, Opening("open-2", "S2", "W2"), &other).ok());
  grpc::ClientContext again_context;
  v1::ListAlertsResponse again;
  ASSERT_TRUE(alerts_->ListAlerts(&again_context, request, &again).ok());
  EXPECT_EQ(again.alerts_size(), 1);
}

}  // namespace
}  // namespace tocflow::server::testing
