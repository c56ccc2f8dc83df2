// tocflow event <type> <case> --field value: every event type from the protobuf descriptors.
#include "cli_fixture.h"
#include "tocflow/v1/events.pb.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, EventRecordsWithShortEnumNamesAndLondonTimes) {
  std::string id = OpenCase("E1");
  CliRun moved =
      Cli({"event", "ward_transferred", id, "--ward", "Elm", "--at", "2026-10-02 11:00", "--json"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_EQ(ParseJson<v1::RecordEventResponse>(moved.out).version(), 2);
  CliRun edd = Cli({"event", "expected_discharge_date_set", id, "--expected_discharge_date",
                    "09/10/2026", "--at", "2026-10-02T11:30:00+01:00"});
  ASSERT_EQ(edd.exit_code, 0) << edd.err;
  EXPECT_THAT(edd.out, HasSubstr("version 3"));
  EXPECT_THAT(edd.out, HasSubstr("expected_discharge_date=09/10/2026"));

  CliRun pathway = Cli({"event", "pathway_agreed", id, "--pathway", "1", "--json"});
  ASSERT_EQ(pathway.exit_code, 0) << pathway.err;
  CliRun ready = Cli({"event", "ready_for_discharge", id});
  ASSERT_EQ(ready.exit_code, 0) << ready.err;

  auto c = ParseJson<v1::Case>(Cli({"case", "show", id, "--json"}).out);
  EXPECT_EQ(c.version(), 5);
  EXPECT_EQ(c.facts().stay().pathway(), v1::PATHWAY_1);
  EXPECT_EQ(c.facts().stay().expected_discharge_date().day(), 9);
  EXPECT_EQ(c.facts().identity().ward(), "Elm");
  EXPECT_TRUE(c.facts().stay().has_discharge_ready_date());
  auto history = ParseJson<v1::GetHistoryResponse>(Cli({"case", "history", id, "--json"}).out);
  ASSERT_EQ(history.events_size(), 5);
  EXPECT_EQ(history.events(1).occurred_at().seconds(), 1790935200);  // 10:00Z = 11:00 BST
  EXPECT_EQ(history.events(2).occurred_at().seconds(), 1790937000);
}

TEST_F(CliTest, EventNestedFieldsByDottedName) {
  std::string id = OpenCase("E2");
  std::vector<std::string> args = {"event", "checklist_completed", id};
  for (const char* domain : {"breathing", "nutrition", "continence", "skin_integrity", "mobility",
                             "communication", "psychological", "cognition", "behaviour",
                             "drug_therapies", "altered_states_of_consciousness"}) {
    args.push_back(std::string("--scores.") + domain);
    args.push_back("B");
  }
  CliRun run = Cli(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto c = ParseJson<v1::Case>(Cli({"case", "show", id, "--json"}).out);
  ASSERT_TRUE(c.facts().chc().has_checklist_positive());
  EXPECT_TRUE(c.facts().chc().checklist_positive());  // two or more B: positive
}

TEST_F(CliTest, EventHelpListsEveryTypeAndItsFields) {
  CliRun help = Cli({"event", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  const auto* oneof = v1::Event::descriptor()->FindOneofByName("event");
  for (int i = 0; i < oneof->field_count(); ++i) {
    EXPECT_THAT(help.out, HasSubstr(oneof->field(i)->name()));
  }
  EXPECT_THAT(help.out, HasSubstr("--proposed_discharge_date"));
  CliRun one = Cli({"event", "checklist_completed", "--help"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_THAT(one.out, HasSubstr("--scores.mobility a|b|c"));
}

TEST_F(CliTest, EventUsageErrorsExitTwo) {
  std::string id = OpenCase("E3");
  CliRun unknown_field = Cli({"event", "pathway_agreed", id, "--route", "1"});
  EXPECT_EQ(unknown_field.exit_code, 2);
  EXPECT_THAT(unknown_field.err, HasSubstr("valid fields: --pathway"));
  CliRun bad_value = Cli({"event", "pathway_agreed", id, "--pathway", "9"});
  EXPECT_EQ(bad_value.exit_code, 2);
  EXPECT_THAT(bad_value.err, HasSubstr("0|1|2|3"));
  CliRun unknown_type = Cli({"event", "teleported", id});
  EXPECT_EQ(unknown_type.exit_code, 2);
  EXPECT_THAT(unknown_type.err, HasSubstr("unknown event type \"teleported\"; valid types: "));
  EXPECT_THAT(unknown_type.err, HasSubstr("pathway_agreed"));
  EXPECT_EQ(Cli({"event"}).exit_code, 2);
  EXPECT_EQ(Cli({"event", "died"}).exit_code, 2);  // no case
  EXPECT_EQ(Cli({"event", "died", id, "--at", "teatime"}).exit_code, 2);
}

TEST_F(CliTest, EventRefusedByServerExitsOneWithItsReason) {
  std::string id = OpenCase("E4");
  CliRun invalid = Cli({"event", "la_services_in_place", id});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_THAT(invalid.err, HasSubstr("FAILED_PRECONDITION"));
  CliRun stale = Cli({"event", "ready_for_discharge", id, "--expected-version", "7"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("ABORTED"));
  CliRun scheduler_only = Cli({"event", "deadline_elapsed", id, "--kind", "edd_missing"});
  EXPECT_EQ(scheduler_only.exit_code, 1);
  EXPECT_THAT(scheduler_only.err, HasSubstr("PERMISSION_DENIED"));
}

TEST_F(CliTest, EventRetryWithTheSameRequestIdAppliesOnce) {
  std::string id = OpenCase("E5");
  for (int attempt = 0; attempt < 2; ++attempt) {
    CliRun run =
        Cli({"event", "ward_transferred", id, "--ward", "Elm", "--request-id", "req-1", "--json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(ParseJson<v1::RecordEventResponse>(run.out).version(), 2);
  }
  auto history = ParseJson<v1::GetHistoryResponse>(Cli({"case", "history", id, "--json"}).out);
  EXPECT_EQ(history.events_size(), 2);
  EXPECT_EQ(history.events(1).request_id(), "req-1");
}

}  // namespace
}  // namespace tocflow::cli::testing
