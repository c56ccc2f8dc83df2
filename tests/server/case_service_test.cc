// CaseService against a real tocflowd.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(ServerTest, CreateCaseThenGetCaseShowsStatesAndValidNextEvents) {
  grpc::ClientContext context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&context, Opening("r1", "S1"), &created).ok());
  EXPECT_FALSE(created.case_id().empty());
  EXPECT_EQ(created.version(), 1);

  v1::Case got;
  ASSERT_TRUE(Get(created.case_id(), &got).ok());
  EXPECT_EQ(got.case_id(), created.case_id());
  EXPECT_EQ(got.version(), 1);
  ASSERT_GE(got.states_size(), 1);
  EXPECT_EQ(got.states(0).region(), "stay");
  EXPECT_EQ(got.states(0).state(), "Admitted");
  bool ready_is_valid = false;
  for (const auto& valid : got.valid_next_events()) {
    if (valid.event() == "ready_for_discharge") ready_is_valid = true;
  }
  EXPECT_TRUE(ready_is_valid);
  EXPECT_EQ(got.facts().identity().spell_id(), "S1");
  EXPECT_FALSE(got.closed());
}

TEST_F(ServerTest, RecordEventMovesTheCase) {
  std::string id = Create("S1");
  v1::RecordEventResponse response;
  grpc::Status status =
      Record(id, "r2", kStart + std::chrono::hours(2), ReadyForDischarge(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.version(), 2);
  ASSERT_GE(response.states_size(), 1);
  EXPECT_EQ(response.states(0).state(), "ReadyForDischarge");

  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  EXPECT_EQ(got.version(), 2);
  EXPECT_EQ(got.states(0).state(), "ReadyForDischarge");
}

// Sets the case's stay state and facts in its summary row behind the server's back.
void OverwriteCaseRow(const std::string& db_path, const std::string& case_id,
                      const std::string& stay_state, const std::string& facts) {
  SQLite::Database db(db_path, SQLite::OPEN_READWRITE);
  SQLite::Statement update(db, "UPDATE cases SET stay_state = ?, facts = ? WHERE case_id = ?");
  update.bind(1, stay_state);
  update.bind(2, facts.data(), static_cast<int>(facts.size()));
  update.bind(3, case_id);
  ASSERT_EQ(update.exec(), 1);
}

std::string StoredFacts(const std::string& db_path, const std::string& case_id) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT facts FROM cases WHERE case_id = ?");
  query.bind(1, case_id);
  EXPECT_TRUE(query.executeStep());
  return query.getColumn(0).getString();
}

// GetCase restores the case from the states and facts its summary row keeps (one row read)
// instead of replaying its history: a state changed in the row behind the server's back shows.
TEST_F(ServerTest, GetCaseRestoresTheCaseFromItsRowWithoutReplayingTheHistory) {
  std::string id = Create("S1");
  v1::RecordEventResponse response;
  ASSERT_TRUE(
      Record(id, "r2", kStart + std::chrono::hours(2), ReadyForDischarge(), &response).ok());
  const std::string db_path = dir_.File("tocflow.db");
  OverwriteCaseRow(db_path, id, "Admitted", StoredFacts(db_path, id));

  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  EXPECT_EQ(got.version(), 2);
  EXPECT_EQ(got.states(0).state(), "Admitted");
}

// Facts the server cannot read (written by a newer tocflowd, say) are not trusted: the case is
// replayed from its events, states included.
TEST_F(ServerTest, GetCaseReplaysTheHistoryWhenTheStoredFactsCannotBeRead) {
  std::string id = Create("S1");
  v1::RecordEventResponse response;
  ASSERT_TRUE(
      Record(id, "r2", kStart + std::chrono::hours(2), ReadyForDischarge(), &response).ok());
  v1::Case before;
  ASSERT_TRUE(Get(id, &before).ok());
  OverwriteCaseRow(dir_.File("tocflow.db"), id, "Admitted", std::string("\xff\xff\xff\xff", 4));

  v1::Case after;
  ASSERT_TRUE(Get(id, &after).ok());
  EXPECT_EQ(after.states(0).state(), "ReadyForDischarge");
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(before, after)) << difference;
}

TEST_F(ServerTest, BadNhsNumberIsInvalidArgument) {
  auto request = Opening("r1", "S1");
  request.mutable_opening()->set_nhs_number("1234567890");
  grpc::ClientContext context;
  v1::Case created;
  grpc::Status status = cases_->CreateCase(&context, request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("nhs_number"));
}

TEST_F(ServerTest, MissingRequestIdIsInvalidArgument) {
  auto request = Opening("", "S1");
  grpc::ClientContext context;
  v1::Case created;
  EXPECT_EQ(cases_->CreateCase(&context, request, &created).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, EventInvalidNowIsFailedPreconditionNamingTheStates) {
  std::string id = Create("S1");
  v1::Event event;
  event.mutable_discharge_cancelled();
  v1::RecordEventResponse response;
  grpc::Status status = Record(id, "r2", kStart + std::chrono::hours(1), event, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("Admitted"));
}

TEST_F(ServerTest, UnknownCaseIsNotFound) {
  v1::Case got;
  EXPECT_EQ(Get("no-such-case", &got).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::RecordEventResponse response;
  EXPECT_EQ(Record("no-such-case", "r1", kStart, ReadyForDischarge(), &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext context;
  v1::GetHistoryRequest request;
  request.set_case_id("no-such-case");
  v1::GetHistoryResponse history;
  EXPECT_EQ(cases_->GetHistory(&context, request, &history).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServerTest, EmptyCaseIdIsInvalidArgument) {
  v1::Case got;
  EXPECT_EQ(Get("", &got).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, StaleExpectedVersionIsAbortedWithTheCurrentVersion) {
  std::string id = Create("S1");
  v1::RecordEventResponse response;
  grpc::Status status =
      Record(id, "r2", kStart + std::chrono::hours(1), ReadyForDischarge(), &response, 5);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(status.error_message(), HasSubstr("1"));
  EXPECT_TRUE(
      Record(id, "r3", kStart + std::chrono::hours(1), ReadyForDischarge(), &response, 1).ok());
}

TEST_F(ServerTest, DeadlineElapsedFromAClientIsPermissionDenied) {
  std::string id = Create("S1");
  v1::Event event;
  event.mutable_deadline_elapsed()->set_kind(v1::DEADLINE_KIND_EDD_MISSING);
  v1::RecordEventResponse response;
  EXPECT_EQ(Record(id, "r2", kStart + std::chrono::hours(49), event, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ServerTest, CaseOpenedThroughRecordEventIsInvalidArgument) {
  std::string id = Create("S1");
  v1::Event event;
  *event.mutable_case_opened() = Opening("x", "S2").opening();
  v1::RecordEventResponse response;
  EXPECT_EQ(Record(id, "r2", kStart, event, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, RetriedRequestIdReturnsTheSameVersionAndAppliesOnce) {
  std::string id = Create("S1");
  v1::RecordEventResponse first;
  v1::RecordEventResponse again;
  ASSERT_TRUE(Record(id, "same", kStart + std::chrono::hours(1), ReadyForDischarge(), &first).ok());
  grpc::Status status =
      Record(id, "same", kStart + std::chrono::hours(1), ReadyForDischarge(), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.version(), first.version());

  grpc::ClientContext context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&context, Opening("open-S1", "S1"), &created).ok());
  EXPECT_EQ(created.case_id(), id);
  // The original result: the case as opened, not as it is now.
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(created.states(0).state(), "Admitted");

  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  EXPECT_EQ(got.version(), 2);
}

TEST_F(ServerTest, SecondCaseForTheSameSpellIsAlreadyExists) {
  Create("S1");
  grpc::ClientContext context;
  v1::Case created;
  EXPECT_EQ(cases_->CreateCase(&context, Opening("other", "S1"), &created).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(ServerTest, ListCasesFiltersAndPages) {
  std::string a = Create("S1", "W1");
  std::string b = Create("S2", "W2");
  std::string c = Create("S3", "W1", "RYY");
  v1::RecordEventResponse response;
  ASSERT_TRUE(Record(b, "rb", kStart + std::chrono::hours(1), ReadyForDischarge(), &response).ok());

  auto list = [&](v1::ListCasesRequest request) {
    grpc::ClientContext context;
    v1::ListCasesResponse out;
    grpc::Status status = cases_->ListCases(&context, request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::set<std::string> ids;
    for (const auto& summary : out.cases()) ids.insert(summary.case_id());
    return ids;
  };
  v1::ListCasesRequest by_ward;
  by_ward.mutable_filter()->set_ward("W1");
  EXPECT_EQ(list(by_ward), (std::set<std::string>{a, c}));

  v1::ListCasesRequest by_provider;
  by_provider.mutable_filter()->set_provider_ods("RYY");
  EXPECT_EQ(list(by_provider), (std::set<std::string>{c}));

  v1::ListCasesRequest ready;
  ready.mutable_filter()->set_ready_for_discharge(true);
  EXPECT_EQ(list(ready), (std::set<std::string>{b}));

  v1::ListCasesRequest by_state;
  by_state.mutable_filter()->mutable_state()->set_region("stay");
  by_state.mutable_filter()->mutable_state()->set_state("Admitted");
  EXPECT_EQ(list(by_state), (std::set<std::string>{a, c}));

  v1::ListCasesRequest bad_region;
  bad_region.mutable_filter()->mutable_state()->set_region("nowhere");
  bad_region.mutable_filter()->mutable_state()->set_state("Admitted");
  grpc::ClientContext bad_context;
  v1::ListCasesResponse bad_out;
  EXPECT_EQ(cases_->ListCases(&bad_context, bad_region, &bad_out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Paging one at a time visits every case once.
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListCasesRequest request;
    request.set_page_size(1);
    request.set_page_token(token);
    grpc::ClientContext context;
    v1::ListCasesResponse out;
    ASSERT_TRUE(cases_->ListCases(&context, request, &out).ok());
    for (const auto& summary : out.cases()) EXPECT_TRUE(seen.insert(summary.case_id()).second);
    token = out.next_page_token();
    ASSERT_LT(++pages, 10);
  } while (!token.empty());
  EXPECT_EQ(seen, (std::set<std::string>{a, b, c}));

  v1::ListCasesRequest foreign;
  foreign.set_page_token("not-a-token");
  grpc::ClientContext foreign_context;
  v1::ListCasesResponse foreign_out;
  EXPECT_EQ(cases_->ListCases(&foreign_context, foreign, &foreign_out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, GetHistoryPagesThroughTheEventsInOrder) {
  std::string id = Create("S1");
  v1::RecordEventResponse response;
  ASSERT_TRUE(
      Record(id, "r2", kStart + std::chrono::hours(1), ReadyForDischarge(), &response).ok());
  v1::Event pathway;
  pathway.mutable_pathway_agreed()->set_pathway(v1::PATHWAY_1);
  grpc::Status status = Record(id, "r3", kStart + std::chrono::hours(2), pathway, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();

  std::vector<v1::RecordedEvent> events;
  std::string token;
  do {
    v1::GetHistoryRequest request;
    request.set_case_id(id);
    request.set_page_size(2);
    request.set_page_token(token);
    grpc::ClientContext context;
    v1::GetHistoryResponse out;
    ASSERT_TRUE(cases_->GetHistory(&context, request, &out).ok());
    ASSERT_LE(out.events_size(), 2);
    for (const auto& event : out.events()) events.push_back(event);
    token = out.next_page_token();
  } while (!token.empty() && events.size() < 10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].version(), 1);
  EXPECT_TRUE(events[0].event().has_case_opened());
  EXPECT_EQ(events[0].actor(), "ward-clerk");
  EXPECT_EQ(events[1].request_id(), "r2");
  EXPECT_TRUE(events[1].event().has_ready_for_discharge());
  EXPECT_EQ(events[2].version(), 3);
  EXPECT_TRUE(events[2].event().has_pathway_agreed());
  EXPECT_EQ(events[2].occurred_at().seconds(),
            workflow::ToUnixSeconds(kStart + std::chrono::hours(2)));

  v1::GetHistoryRequest foreign;
  foreign.set_case_id(id);
  foreign.set_page_token("a1:3");
  grpc::ClientContext context;
  v1::GetHistoryResponse out;
  EXPECT_EQ(cases_->GetHistory(&context, foreign, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, AssignPartyIsRecordedAndShownOnTheCase) {
  std::string id = Create("S1");
  v1::AssignPartyRequest request;
  request.set_case_id(id);
  request.set_request_id("assign-1");
  request.set_actor("manager");
  request.set_role(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  request.set_party("team-a");
  grpc::ClientContext context;
  v1::AssignPartyResponse response;
  grpc::Status status = cases_->AssignParty(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.version(), 2);
  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  ASSERT_EQ(got.parties_size(), 1);
  EXPECT_EQ(got.parties(0).party(), "team-a");

  request.set_role(v1::ROLE_UNSPECIFIED);
  request.set_request_id("assign-2");
  grpc::ClientContext bad_context;
  EXPECT_EQ(cases_->AssignParty(&bad_context, request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, CommandsOnACaseNameTheMissingIdAndStoreNothing) {
  std::string id = Create("S1");
  v1::RecordEventResponse recorded;
  grpc::Status no_case = Record("", "r2", kStart, ReadyForDischarge(), &recorded);
  EXPECT_EQ(no_case.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(no_case.error_message(), HasSubstr("case_id"));
  grpc::Status no_request = Record(id, "", kStart, ReadyForDischarge(), &recorded);
  EXPECT_EQ(no_request.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(no_request.error_message(), HasSubstr("request_id"));

  v1::AssignPartyRequest assign;
  assign.set_case_id(id);
  assign.set_role(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  assign.set_party("team-a");
  v1::AssignPartyResponse assigned;
  grpc::ClientContext no_request_context;
  grpc::Status unassigned = cases_->AssignParty(&no_request_context, assign, &assigned);
  EXPECT_EQ(unassigned.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unassigned.error_message(), HasSubstr("request_id"));
  assign.set_request_id("assign-1");
  assign.clear_case_id();
  grpc::ClientContext no_case_context;
  grpc::Status nowhere = cases_->AssignParty(&no_case_context, assign, &assigned);
  EXPECT_EQ(nowhere.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(nowhere.error_message(), HasSubstr("case_id"));

  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  EXPECT_EQ(got.version(), 1);
  EXPECT_EQ(got.parties_size(), 0);
}

}  // namespace
}  // namespace tocflow::server::testing
