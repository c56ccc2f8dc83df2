// AlertService.AckAlert against a real tocflowd: recorded through the command engine, idempotent,
// visible to ListAlerts and kept across a restart.
#include <gmock/gmock.h>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using ::testing::HasSubstr;

class AckAlertTest : public ServerTest {
 protected:
  // Opens a case and discharges it; returns the cursor of the first alert raised.
  int64_t RaiseAnAlert() {
    std::string id = Create("S1");
    v1::Event event;
    event.mutable_discharged()->set_destination("home");
    v1::RecordEventResponse response;
    grpc::Status status = Record(id, "d-S1", kStart + std::chrono::hours(1), event, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_GT(response.alerts_size(), 0) << "discharged raised no alert";
    return response.alerts_size() > 0 ? response.alerts(0).cursor() : 0;
  }

  grpc::Status Ack(int64_t cursor, const std::string& by, v1::Alert* out) {
    v1::AckAlertRequest request;
    request.set_cursor(cursor);
    request.set_acknowledged_by(by);
    grpc::ClientContext context;
    return alerts_->AckAlert(&context, request, out);
  }

  std::vector<int64_t> Listed(v1::AckState state) {
    v1::ListAlertsRequest request;
    request.set_ack_state(state);
    request.set_page_size(1000);
    v1::ListAlertsResponse response;
    grpc::ClientContext context;
    grpc::Status status = alerts_->ListAlerts(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<int64_t> cursors;
    for (const auto& alert : response.alerts()) cursors.push_back(alert.cursor());
    return cursors;
  }
};

TEST_F(AckAlertTest, AcknowledgesOnceAndAnswersARepeatWithTheFirstAcknowledgement) {
  const int64_t cursor = RaiseAnAlert();
  ASSERT_GT(cursor, 0);
  ASSERT_THAT(Listed(v1::ACK_STATE_UNACKNOWLEDGED), ::testing::Contains(cursor));

  v1::Alert first;
  ASSERT_TRUE(Ack(cursor, "chc-team-north", &first).ok());
  EXPECT_EQ(first.cursor(), cursor);
  EXPECT_EQ(first.acknowledged_by(), "chc-team-north");
  EXPECT_EQ(first.acknowledged_at().seconds(), workflow::ToUnixSeconds(kStart));

  clock_.Advance(std::chrono::hours(2));
  v1::Alert again;
  ASSERT_TRUE(Ack(cursor, "someone-else", &again).ok());
  EXPECT_EQ(again.acknowledged_by(), "chc-team-north");
  EXPECT_EQ(again.acknowledged_at().seconds(), workflow::ToUnixSeconds(kStart));

  EXPECT_THAT(Listed(v1::ACK_STATE_ACKNOWLEDGED), ::testing::ElementsAre(cursor));
  EXPECT_THAT(Listed(v1::ACK_STATE_UNACKNOWLEDGED), ::testing::Not(::testing::Contains(cursor)));
}

TEST_F(AckAlertTest, AcknowledgementSurvivesARestart) {
  const int64_t cursor = RaiseAnAlert();
  v1::Alert acked;
  ASSERT_TRUE(Ack(cursor, "la-hub", &acked).ok());
  cases_.reset();
  alerts_.reset();
  channel_.reset();
  server_->Shutdown();
  server_.reset();
  StartServer();
  EXPECT_THAT(Listed(v1::ACK_STATE_ACKNOWLEDGED), ::testing::ElementsAre(cursor));
  v1::Alert again;
  ASSERT_TRUE(Ack(cursor, "later", &again).ok());
  EXPECT_EQ(again.acknowledged_by(), "la-hub");
}

TEST_F(AckAlertTest, UnknownCursorIsNotFoundAndBadArgumentsAreInvalid) {
  v1::Alert out;
  grpc::Status missing = Ack(999, "someone", &out);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(missing.error_message(), HasSubstr("999"));

  grpc::Status zero = Ack(0, "someone", &out);
  EXPECT_EQ(zero.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(zero.error_message(), HasSubstr("cursor"));

  const int64_t cursor = RaiseAnAlert();
  grpc::Status nobody = Ack(cursor, "", &out);
  EXPECT_EQ(nobody.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(nobody.error_message(), HasSubstr("acknowledged_by"));
  EXPECT_THAT(Listed(v1::ACK_STATE_ACKNOWLEDGED), ::testing::IsEmpty());
}

}  // namespace
}  // namespace tocflow::server::testing
