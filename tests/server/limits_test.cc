// Input limits against a real tocflowd: oversized strings and messages, runaway cases and too
// many watch streams are refused with a clear status, and nothing is stored.
#include <gmock/gmock.h>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using ::testing::HasSubstr;

class LimitsTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.max_events_per_case = 3;
    options.max_watches_per_client = 2;
    options.max_message_bytes = 64 * 1024;
  }

  grpc::Status Assign(const std::string& id, const std::string& request_id) {
    v1::AssignPartyRequest request;
    request.set_case_id(id);
    request.set_request_id(request_id);
    request.set_actor("hub");
    *request.mutable_occurred_at() = Wire(kStart + std::chrono::hours(1));
    request.set_role(v1::ROLE_GP);
    request.set_party("gp-" + request_id);
    v1::AssignPartyResponse response;
    grpc::ClientContext context;
    return cases_->AssignParty(&context, request, &response);
  }
};

TEST_F(LimitsTest, AnOverlongStringIsInvalidArgumentNamingTheField) {
  v1::CreateCaseRequest request = Opening("open-1", "S1");
  request.mutable_opening()->set_ward(std::string(5000, 'w'));
  grpc::ClientContext context;
  v1::Case created;
  grpc::Status status = cases_->CreateCase(&context, request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("opening.ward: longer than 1024 bytes"));
  v1::ListCasesRequest all;
  all.mutable_filter()->set_include_closed(true);
  v1::ListCasesResponse page;
  grpc::ClientContext list_context;
  ASSERT_TRUE(cases_->ListCases(&list_context, all, &page).ok());
  EXPECT_EQ(page.cases_size(), 0);
}

TEST_F(LimitsTest, PageSizesMustNotBeNegativeAndLargeOnesAreCapped) {
  const std::string id = Create("S1");
  {
    v1::ListCasesRequest request;
    request.set_page_size(-1);
    v1::ListCasesResponse out;
    grpc::ClientContext context;
    grpc::Status status = cases_->ListCases(&context, request, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
  {
    v1::ListAlertsRequest request;
    request.set_page_size(-5);
    v1::ListAlertsResponse out;
    grpc::ClientContext context;
    grpc::Status status = alerts_->ListAlerts(&context, request, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
  {
    v1::GetHistoryRequest request;
    request.set_case_id(id);
    request.set_page_size(-1);
    v1::GetHistoryResponse out;
    grpc::ClientContext context;
    EXPECT_EQ(cases_->GetHistory(&context, request, &out).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  // A page size above the maximum (1000) is served as the maximum, not refused.
  v1::ListCasesRequest large;
  large.set_page_size(2'000'000'000);
  v1::ListCasesResponse out;
  grpc::ClientContext context;
  ASSERT_TRUE(cases_->ListCases(&context, large, &out).ok());
  EXPECT_EQ(out.cases_size(), 1);
}

TEST_F(LimitsTest, AnOversizedMessageIsRefusedByTheTransport) {
  v1::RecordEventRequest request;
  request.set_case_id("c");
  request.set_request_id(std::string(100 * 1024, 'r'));
  grpc::ClientContext context;
  v1::RecordEventResponse response;
  grpc::Status status = cases_->RecordEvent(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
}

TEST_F(LimitsTest, ACaseStopsGrowingAtItsEventLimit) {
  const std::string id = Create("S1");
  ASSERT_TRUE(Assign(id, "a1").ok());
  ASSERT_TRUE(Assign(id, "a2").ok());
  grpc::Status full = Assign(id, "a3");
  EXPECT_EQ(full.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(full.error_message(), HasSubstr("holds 3 events"));
  v1::Case got;
  ASSERT_TRUE(Get(id, &got).ok());
  EXPECT_EQ(got.version(), 3);
}

TEST_F(LimitsTest, AClientMayHoldOnlySoManyWatchStreams) {
  v1::WatchAlertsRequest request;
  auto first = std::make_unique<Watcher>(alerts_.get(), request);
  Watcher second(alerts_.get(), request);
  ASSERT_TRUE(first->WaitUntilRegistered());
  ASSERT_TRUE(second.WaitUntilRegistered());
  {
    Watcher third(alerts_.get(), request);
    ASSERT_TRUE(third.WaitDone());
    EXPECT_EQ(third.status().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(third.status().error_message(), HasSubstr("at most 2 WatchAlerts streams"));
  }
  first->Cancel();
  ASSERT_TRUE(first->WaitDone());
  first.reset();
  // The slot is released when the server has finished the cancelled stream.
  bool admitted = false;
  for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {
    Watcher again(alerts_.get(), request);
    if (again.WaitUntilRegistered(std::chrono::seconds(1)) &&
        !again.WaitDone(std::chrono::seconds(0))) {
      admitted = true;
    }
  }
  EXPECT_TRUE(admitted);
}

}  // namespace
}  // namespace tocflow::server::testing
