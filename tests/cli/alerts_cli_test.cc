// tocflow alerts list|watch|ack.
#include <signal.h>

#include "cli_fixture.h"
#include "tocflow/v1/alerts.pb.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;

class AlertsCliTest : public CliTest {
 protected:
  v1::ListAlertsResponse List(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"alerts", "list", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliRun run = Cli(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return ParseJson<v1::ListAlertsResponse>(run.out);
  }
};

TEST_F(AlertsCliTest, ListShowsTheAlertsCasesRaised) {
  std::string id = OpenCase("A1");
  auto alerts = List({"--case", id});
  ASSERT_FALSE(alerts.alerts().empty());
  EXPECT_EQ(alerts.alerts(0).case_id(), id);
  EXPECT_GT(alerts.alerts(0).cursor(), 0);
  CliRun table = Cli({"alerts", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr(id));
  EXPECT_THAT(table.out, HasSubstr("CURSOR"));
  EXPECT_TRUE(List({"--case", "none-such"}).alerts().empty());
  EXPECT_EQ(Cli({"alerts", "list", "--role", "astronaut"}).exit_code, 2);
}

TEST_F(AlertsCliTest, WatchFollowsLiveAlertsAndResumesAfterServerRestart) {
  std::string first = OpenCase("W1");
  auto stored = List();
  ASSERT_FALSE(stored.alerts().empty());
  int64_t last = stored.alerts(stored.alerts_size() - 1).cursor();

  auto watch = Process::Start({TOCFLOW_BIN, "--server", server_->address(), "alerts", "watch",
                               "--json", "--from", std::to_string(last)});
  ASSERT_NE(watch, nullptr);
  std::string second = OpenCase("W2");
  size_t line = 0;
  auto got = watch->WaitForLine(second, std::chrono::seconds(20), 0, &line);
  ASSERT_TRUE(got) << watch->out() << watch->err();
  auto alert = ParseJson<v1::Alert>(*got);
  EXPECT_EQ(alert.case_id(), second);
  EXPECT_GT(alert.cursor(), last);

  // Restart tocflowd on the same database and port; the watch reconnects by itself.
  const std::string address = server_->address();
  ASSERT_EQ(TocflowdProcess::ExitCode(server_->Stop()), 0) << server_->Output();
  ASSERT_TRUE(server_->Restart()) << server_->Output();
  ASSERT_EQ(server_->address(), address);
  std::string third = OpenCase("W3");
  auto resumed = watch->WaitForLine(third, std::chrono::seconds(30), line + 1);
  ASSERT_TRUE(resumed) << watch->out() << watch->err();
  EXPECT_GT(ParseJson<v1::Alert>(*resumed).cursor(), alert.cursor());
  EXPECT_THAT(watch->err(), HasSubstr("resuming after cursor"));
  // Nothing seen twice, nothing from before --from.
  std::string out = watch->out();
  EXPECT_EQ(out.find(first), std::string::npos);
  size_t count = 0;
  for (size_t at = 0; (at = out.find(second, at)) != std::string::npos; ++at) ++count;
  EXPECT_EQ(count, List({"--case", second}).alerts_size());
  watch->Signal(SIGTERM);
  EXPECT_TRUE(watch->Wait(std::chrono::seconds(10)));
}

TEST_F(AlertsCliTest, WatchUsageErrors) {
  EXPECT_EQ(Cli({"alerts", "watch", "--from", "-4"}).exit_code, 2);
  EXPECT_EQ(Cli({"alerts", "watch", "--role", "astronaut"}).exit_code, 2);
  EXPECT_EQ(RunTocflow({"--server", "127.0.0.1:1", "alerts", "watch"}).exit_code, 3);
}

TEST_F(AlertsCliTest, AckRecordsTheFirstAcknowledgementIdempotently) {
  OpenCase("K1");
  auto alerts = List();
  ASSERT_FALSE(alerts.alerts().empty());
  std::string cursor = std::to_string(alerts.alerts(0).cursor());

  CliRun first = Cli({"alerts", "ack", cursor, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto acked = ParseJson<v1::Alert>(first.out);
  EXPECT_EQ(acked.acknowledged_by(), "tester");
  EXPECT_TRUE(acked.has_acknowledged_at());

  CliRun again = Cli({"alerts", "ack", cursor, "--by", "someone-else", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto same = ParseJson<v1::Alert>(again.out);
  EXPECT_EQ(same.acknowledged_by(), "tester");
  EXPECT_EQ(same.acknowledged_at().seconds(), acked.acknowledged_at().seconds());

  auto listed = List({"--acked"});
  ASSERT_EQ(listed.alerts_size(), 1);
  EXPECT_EQ(listed.alerts(0).cursor(), acked.cursor());
  CliRun table = Cli({"alerts", "ack", cursor});
  EXPECT_THAT(table.out, HasSubstr("acknowledged by tester"));

  EXPECT_EQ(Cli({"alerts", "ack", "0"}).exit_code, 2);
  CliRun missing = Cli({"alerts", "ack", "999999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));
}

}  // namespace
}  // namespace tocflow::cli::testing
