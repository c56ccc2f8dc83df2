// HistoryImporter: a case imported whole is stored as the command engine stores its commands one
// by one; a case that fails is not imported at all; a failed commit stops the import.
#include "engine/history_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace tocflow::engine::testing {
namespace {

using ::testing::HasSubstr;

// A case's history: opened (an alert and the EDD deadline), a coordinator assigned, the EDD
// deadline elapsing (an alert), ready for discharge (the 7- and 21-day deadlines).
std::vector<Command> History(const std::string& prefix, const std::string& spell_id) {
  std::vector<Command> history;
  history.push_back(OpenCommand(prefix + "-1", spell_id));
  history.push_back(Command{prefix + "-2", "", std::nullopt, Assign("coordinator-9")});
  history.push_back(
      Command{"", "", std::nullopt,
              At("2026-06-03T08:00Z",
                 workflow::DeadlineElapsed{workflow::DeadlineKind::kEddMissing}, "scheduler")});
  history.push_back(Command{prefix + "-4", "", std::nullopt,
                            At("2026-06-03T10:00Z", workflow::ReadyForDischarge{})});
  return history;
}

std::unique_ptr<HistoryImporter> StartImporter(EngineHarness& target, int batch = 16384) {
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(target.path());
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return nullptr;
  ImportOptions options;
  options.engine.clock = &target.clock();
  options.batch = batch;
  absl::StatusOr<std::unique_ptr<HistoryImporter>> importer =
      HistoryImporter::Start(*std::move(store), options);
  EXPECT_TRUE(importer.ok()) << importer.status();
  return importer.ok() ? *std::move(importer) : nullptr;
}

TEST(HistoryImport, AnImportedCaseIsStoredAsTheEngineStoresItsCommandsOneByOne) {
  const std::string case_id = "0123456789abcdef0123456789abcdef";
  EngineHarness engine_file;
  ASSERT_TRUE(engine_file.Start([&] { return case_id; }));
  std::vector<CommandOutcome> outcomes;
  for (Command command : History("r", "V100")) {
    if (!std::holds_alternative<workflow::CaseOpened>(command.event.payload)) {
      command.case_id = case_id;
    }
    Outcome outcome = engine_file.engine().Execute(std::move(command));
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    outcomes.push_back(*outcome);
  }
  engine_file.Stop();

  EngineHarness imported;
  std::unique_ptr<HistoryImporter> importer = StartImporter(imported);
  ASSERT_NE(importer, nullptr);
  ASSERT_TRUE(importer->Add(case_id, History("r", "V100")).ok());
  ASSERT_TRUE(importer->Finish().ok());
  EXPECT_EQ(importer->committed(), 4);

  std::unique_ptr<store::StoreReader> want = engine_file.Reader();
  std::unique_ptr<store::StoreReader> got = imported.Reader();
  EXPECT_EQ(*got->GetCaseSummary(case_id), *want->GetCaseSummary(case_id));
  EXPECT_EQ(*got->CaseFacts(case_id), *want->CaseFacts(case_id));
  EXPECT_EQ(*got->CaseDeadlines(case_id), *want->CaseDeadlines(case_id));
  absl::StatusOr<std::vector<store::StoredEvent>> got_events = got->LoadEvents(case_id);
  absl::StatusOr<std::vector<store::StoredEvent>> want_events = want->LoadEvents(case_id);
  ASSERT_EQ(got_events->size(), 4u);
  ASSERT_EQ(want_events->size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ((*got_events)[i].seq, (*want_events)[i].seq);
    EXPECT_EQ((*got_events)[i].event.type, (*want_events)[i].event.type);
    EXPECT_EQ((*got_events)[i].event.payload, (*want_events)[i].event.payload);
    EXPECT_EQ((*got_events)[i].event.occurred_at, (*want_events)[i].event.occurred_at);
    EXPECT_EQ((*got_events)[i].event.recorded_at, (*want_events)[i].event.recorded_at);
    EXPECT_EQ((*got_events)[i].event.request_id, (*want_events)[i].event.request_id);
  }
  absl::StatusOr<std::vector<store::StoredAlert>> got_alerts = got->AlertsAfter(0, {}, 100);
  absl::StatusOr<std::vector<store::StoredAlert>> want_alerts = want->AlertsAfter(0, {}, 100);
  ASSERT_GE(want_alerts->size(), 2u);  // case opened, EDD not set
  ASSERT_EQ(got_alerts->size(), want_alerts->size());
  for (size_t i = 0; i < got_alerts->size(); ++i) {
    EXPECT_EQ((*got_alerts)[i].cursor, (*want_alerts)[i].cursor);
    EXPECT_EQ((*got_alerts)[i].alert.kind, (*want_alerts)[i].alert.kind);
    EXPECT_EQ((*got_alerts)[i].alert.message, (*want_alerts)[i].alert.message);
    EXPECT_EQ((*got_alerts)[i].scope, (*want_alerts)[i].scope);
  }
  for (const char* request_id : {"r-1", "r-2", "r-4"}) {
    absl::StatusOr<store::StoredRequest> got_request = got->LookupRequest(request_id);
    ASSERT_TRUE(got_request.ok()) << got_request.status();
    EXPECT_EQ(got_request->result, want->LookupRequest(request_id)->result);
    EXPECT_EQ(got_request->version, want->LookupRequest(request_id)->version);
  }

  // A tocflowd serving the imported file answers a retry with the original outcome.
  ASSERT_TRUE(imported.Start());
  Outcome retried = imported.engine().Execute(
      CaseCommand("r-4", case_id, At("2026-06-03T10:00Z", workflow::ReadyForDischarge{})));
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_TRUE(retried->replayed);
  EXPECT_EQ(retried->version, outcomes[3].version);
  EXPECT_EQ(retried->states, outcomes[3].states);
}

TEST(HistoryImport, ACaseThatFailsIsNotImportedAndItsErrorNamesTheCommand) {
  EngineHarness imported;
  std::unique_ptr<HistoryImporter> importer = StartImporter(imported, /*batch=*/1);
  ASSERT_NE(importer, nullptr);
  ASSERT_TRUE(importer->Add("case-a", History("a", "V1")).ok());

  std::vector<Command> bad = History("b", "V2");
  bad[3].event = At("2026-06-03T10:00Z", workflow::DischargeCancelled{});  // nothing to cancel
  absl::Status refused = importer->Add("case-b", bad);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("case case-b, command 4 (discharge_cancelled)"));
  EXPECT_THAT(std::string(refused.message()), HasSubstr("nothing of the case was imported"));

  std::vector<Command> no_opening = History("c", "V3");
  no_opening.erase(no_opening.begin());
  absl::Status unopened = importer->Add("case-c", no_opening);
  EXPECT_EQ(unopened.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unopened.message()), HasSubstr("starts with case_opened"));

  EXPECT_EQ(importer->Add("case-e", {}).code(), absl::StatusCode::kInvalidArgument);

  ASSERT_TRUE(importer->Add("case-d", History("d", "V4")).ok());
  ASSERT_TRUE(importer->Finish().ok());
  std::unique_ptr<store::StoreReader> reader = imported.Reader();
  EXPECT_EQ(*reader->CaseCount(), 2);
  EXPECT_EQ(reader->GetCaseSummary("case-b").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader->LookupRequest("b-1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader->LoadEvents("case-d")->size(), 4u);
}

TEST(HistoryImport, AFailedCommitStopsTheImportAndIsReported) {
  EngineHarness imported;
  std::unique_ptr<HistoryImporter> importer = StartImporter(imported, /*batch=*/4);
  ASSERT_NE(importer, nullptr);
  ASSERT_TRUE(importer->Add("case-a", History("a", "V1")).ok());
  // The same request ids again: the store refuses the batch.
  (void)importer->Add("case-b", History("a", "V2"));
  absl::Status finished = importer->Finish();
  EXPECT_EQ(finished.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(finished.message()), HasSubstr("request id 'a-1'"));
  EXPECT_EQ(importer->Finish().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(importer->Add("case-c", History("c", "V3")).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(importer->committed(), 4);

  std::unique_ptr<store::StoreReader> reader = imported.Reader();
  EXPECT_EQ(*reader->CaseCount(), 1);
  EXPECT_EQ(reader->LoadEvents("case-a")->size(), 4u);
}

TEST(HistoryImport, StartNeedsAClockAndABatch) {
  EngineHarness target;
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(target.path());
  ASSERT_TRUE(store.ok());
  ImportOptions options;
  EXPECT_EQ(HistoryImporter::Start(*std::move(store), options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.engine.clock = &target.clock();
  options.batch = 0;
  absl::StatusOr<std::unique_ptr<store::Store>> again = store::Store::Open(target.path());
  ASSERT_TRUE(again.ok());
  absl::StatusOr<std::unique_ptr<HistoryImporter>> refused =
      HistoryImporter::Start(*std::move(again), options);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("batch"));
}

}  // namespace
}  // namespace tocflow::engine::testing
