// tocflow report dtoc|drd|chc|reimbursement: tables, --csv and --json.
#include "cli_fixture.h"
#include "tocflow/v1/reports.pb.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST_F(CliTest, ReportDtocInTableCsvAndJson) {
  std::string id = OpenCase("R1", "2026-09-01 10:00", "E09000007");
  ASSERT_EQ(Cli({"event", "ready_for_discharge", id, "--at", "2026-09-10 12:00"}).exit_code, 0);
  OpenCase("R2", "2026-09-01 10:00", "E09000033");

  CliRun json = Cli({"report", "dtoc", "--month", "2026-09", "--la", "E09000007", "--population",
                     "200000", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto dtoc = ParseJson<v1::DelayedTransfersMonthlyResponse>(json.out);
  EXPECT_EQ(dtoc.days_in_month(), 30);
  ASSERT_EQ(dtoc.local_authorities_size(), 1);
  EXPECT_EQ(dtoc.local_authorities(0).local_authority(), "E09000007");
  EXPECT_EQ(dtoc.local_authorities(0).adult_population(), 200000);
  EXPECT_GT(dtoc.local_authorities(0).days().total_days(), 0);

  CliRun table = Cli({"report", "dtoc", "--month", "2026-09"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("09/2026"));
  EXPECT_THAT(table.out, HasSubstr("E09000007"));

  CliRun csv = Cli({"report", "dtoc", "--month", "2026-09", "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, StartsWith("LA,DELAYED DAYS,SOCIAL CARE DAYS,"));
  EXPECT_THAT(csv.out, HasSubstr("\nE09000007,"));
}

TEST_F(CliTest, ReportDrdChcAndReimbursement) {
  std::string id = OpenCase("R3", "2026-09-01 10:00");
  ASSERT_EQ(Cli({"event", "ready_for_discharge", id, "--at", "2026-09-10 12:00"}).exit_code, 0);

  CliRun drd = Cli({"report", "drd", "--day", "2026-09-20", "--json"});
  ASSERT_EQ(drd.exit_code, 0) << drd.err;
  auto daily = ParseJson<v1::DischargeReadyDailyResponse>(drd.out);
  EXPECT_EQ(daily.not_meeting_criteria(), 1);
  EXPECT_EQ(daily.delayed_7_plus().patients(), 1);
  CliRun drd_table = Cli({"report", "drd", "--day", "20/09/2026"});
  EXPECT_THAT(drd_table.out, HasSubstr("20/09/2026"));

  CliRun chc = Cli({"report", "chc", "--month", "2026-09", "--json"});
  ASSERT_EQ(chc.exit_code, 0) << chc.err;
  EXPECT_EQ(ParseJson<v1::ChcTimelinessResponse>(chc.out).month(), 9);
  CliRun chc_csv = Cli({"report", "chc", "--month", "2026-09", "--csv"});
  EXPECT_THAT(chc_csv.out, StartsWith("ICB,DECIDED,"));

  CliRun money = Cli({"report", "reimbursement", "--month", "2026-09", "--json"});
  ASSERT_EQ(money.exit_code, 0) << money.err;
  auto reimbursement = ParseJson<v1::ReimbursementResponse>(money.out);
  EXPECT_EQ(reimbursement.to_day().day(), 30);
  EXPECT_EQ(reimbursement.liable_days(), 0);  // discharge to assess: no notices, no liability
  CliRun money_table =
      Cli({"report", "reimbursement", "--from", "2026-09-01", "--to", "2026-09-30"});
  EXPECT_EQ(money_table.exit_code, 0);
  EXPECT_THAT(money_table.out, HasSubstr("01/09/2026 to 30/09/2026"));
}

TEST_F(CliTest, ReportUsageErrorsAndServerRefusals) {
  EXPECT_EQ(Cli({"report", "dtoc"}).exit_code, 2);                        // --month required
  EXPECT_EQ(Cli({"report", "dtoc", "--month", "2026-13"}).exit_code, 2);  // not a month
  EXPECT_EQ(Cli({"report", "dtoc", "--month", "2026-09", "--population", "5"}).exit_code, 2);
  EXPECT_EQ(Cli({"report", "reimbursement"}).exit_code, 2);
  CliRun refused = Cli({"report", "reimbursement", "--from", "2026-09-30", "--to", "2026-09-01"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("INVALID_ARGUMENT"));
}

}  // namespace
}  // namespace tocflow::cli::testing
