// tocflow case open|show|list|history, assign, and the exit codes shared by every command.
#include "cli_fixture.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, CaseOpenShowListHistoryInJsonAndTables) {
  std::string id = OpenCase("S1");
  ASSERT_FALSE(id.empty());

  CliRun show = Cli({"case", "show", id, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto c = ParseJson<v1::Case>(show.out);
  EXPECT_EQ(c.case_id(), id);
  EXPECT_EQ(c.facts().identity().nhs_number(), "9434765919");
  EXPECT_EQ(c.version(), 1) << Cli({"case", "history", id}).out;
  EXPECT_FALSE(c.valid_next_events().empty());

  CliRun table = Cli({"case", "show", id});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("943 476 5919"));
  EXPECT_THAT(table.out, HasSubstr("28/09/2026 10:15"));  // London time, UK date
  EXPECT_THAT(table.out, HasSubstr("Valid next events"));
  EXPECT_THAT(table.out, HasSubstr("ready_for_discharge"));

  CliRun list = Cli({"case", "list", "--json", "--la", "E09000007"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto cases = ParseJson<v1::ListCasesResponse>(list.out);
  ASSERT_EQ(cases.cases_size(), 1);
  EXPECT_EQ(cases.cases(0).case_id(), id);
  CliRun list_table = Cli({"case", "list"});
  EXPECT_THAT(list_table.out, HasSubstr("943 476 5919"));
  EXPECT_THAT(list_table.out, HasSubstr("1 case(s)"));

  CliRun history = Cli({"case", "history", id, "--json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto events = ParseJson<v1::GetHistoryResponse>(history.out);
  ASSERT_EQ(events.events_size(), 1);
  EXPECT_TRUE(events.events(0).event().has_case_opened());
  EXPECT_EQ(events.events(0).actor(), "tester");
  CliRun history_table = Cli({"case", "history", id});
  EXPECT_THAT(history_table.out, HasSubstr("case_opened"));
}

TEST_F(CliTest, CaseOpenRefusedByServerExitsOneWithItsReason) {
  CliRun run = Cli({"case", "open", "--spell_id", "S2"});  // many required fields missing
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_EQ(run.out, "");
}

TEST_F(CliTest, CaseShowOfUnknownCaseExitsOneNamingNotFound) {
  CliRun run = Cli({"case", "show", "no-such-case"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("NOT_FOUND"));
}

TEST_F(CliTest, CaseOpenWithUnknownFieldIsUsageError) {
  CliRun run = Cli({"case", "open", "--colour", "blue"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("valid fields: --nhs_number"));
}

TEST_F(CliTest, UsageErrorsExitTwoAndHelpExitsZero) {
  EXPECT_EQ(Cli({}).exit_code, 2);
  EXPECT_EQ(Cli({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Cli({"case", "show"}).exit_code, 2);  // case id missing
  EXPECT_EQ(Cli({"case", "list", "--ready", "perhaps"}).exit_code, 2);
  CliRun help = Cli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("import"));
}

TEST_F(CliTest, UnreachableServerExitsThree) {
  CliRun run = RunTocflow({"--server", "127.0.0.1:1", "case", "list"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("cannot reach tocflowd at 127.0.0.1:1"));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr("terminate")));
}

TEST_F(CliTest, ServerAddressComesFromTheEnvironment) {
  OpenCase("S3");
  CliRun run = RunTocflow({"case", "list", "--json"}, {"TOCFLOW_SERVER=" + server_->address()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ParseJson<v1::ListCasesResponse>(run.out).cases_size(), 1);
}

TEST_F(CliTest, ServerFlagBeforeTheCommandOverridesTheEnvironment) {
  CliRun unreachable = RunTocflow({"--server", "127.0.0.1:1", "case", "list"},
                                  {"TOCFLOW_SERVER=" + server_->address()});
  EXPECT_EQ(unreachable.exit_code, 3) << unreachable.out;
  CliRun reached = RunTocflow({"--server", server_->address(), "case", "list", "--json"},
                              {"TOCFLOW_SERVER=127.0.0.1:1"});
  EXPECT_EQ(reached.exit_code, 0) << reached.err;
}

TEST_F(CliTest, AssignPutsAPartyOnARole) {
  std::string id = OpenCase("S4");
  CliRun run = Cli({"assign", id, "chc_coordinator", "Jo Bloggs", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ParseJson<v1::AssignPartyResponse>(run.out).version(), 2);
  auto c = ParseJson<v1::Case>(Cli({"case", "show", id, "--json"}).out);
  ASSERT_EQ(c.parties_size(), 1);
  EXPECT_EQ(c.parties(0).role(), v1::ROLE_CHC_COORDINATOR);
  EXPECT_EQ(c.parties(0).party(), "Jo Bloggs");

  EXPECT_EQ(Cli({"assign", id, "astronaut", "x"}).exit_code, 2);
  CliRun stale = Cli({"assign", id, "gp", "Dr A", "--expected-version", "1"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("ABORTED"));
}

}  // namespace
}  // namespace tocflow::cli::testing
