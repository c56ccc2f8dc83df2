// AlertService, the deadline scheduler and the standard services against a real tocflowd.
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <future>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

v1::WatchAlertsRequest FromCursor(std::optional<int64_t> after, const std::string& case_id = "") {
  v1::WatchAlertsRequest request;
  if (after) request.set_after_cursor(*after);
  if (!case_id.empty()) request.mutable_filter()->set_case_id(case_id);
  return request;
}

v1::Event Discharged() {
  v1::Event event;
  event.mutable_discharged()->set_destination("home");
  return event;
}

TEST_F(ServerTest, WatchAlertsDeliversTheAlertsOfARecordedEventInOrderAndResumes) {
  std::string id = Create("S1");
  Watcher live(alerts_.get(), FromCursor(std::nullopt));
  ASSERT_TRUE(live.WaitUntilRegistered());
  v1::RecordEventResponse first;
  ASSERT_TRUE(Record(id, "r2", kStart + std::chrono::hours(1), Discharged(), &first).ok());
  ASSERT_GT(first.alerts_size(), 0) << "discharged raised no alert";

  ASSERT_TRUE(live.WaitFor(first.alerts_size()));
  auto got = live.received();
  ASSERT_EQ(got.size(), static_cast<size_t>(first.alerts_size()));
  for (int i = 0; i < first.alerts_size(); ++i) {
    EXPECT_EQ(got[i].cursor(), first.alerts(i).cursor());
    EXPECT_EQ(got[i].case_id(), id);
    EXPECT_EQ(got[i].kind(), first.alerts(i).kind());
    if (i > 0) {
      EXPECT_GT(got[i].cursor(), got[i - 1].cursor());
    }
  }
  const int64_t last_seen = got.back().cursor();
  live.Cancel();
  ASSERT_TRUE(live.WaitDone());
  EXPECT_EQ(live.status().error_code(), grpc::StatusCode::CANCELLED);

  // Alerts raised while nobody watches arrive when the watch resumes from the cursor.
  std::vector<int64_t> expected;
  for (const char* spell : {"S2", "S3"}) {
    std::string other = Create(spell);
    v1::RecordEventResponse response;
    ASSERT_TRUE(Record(other, std::string("d-") + spell, kStart + std::chrono::hours(2),
                       Discharged(), &response)
                    .ok());
    for (const auto& alert : response.alerts()) expected.push_back(alert.cursor());
  }
  Watcher resumed(alerts_.get(), FromCursor(last_seen));
  // Backlog first, then live alerts.
  std::string live_case = Create("S4");
  v1::RecordEventResponse fourth;
  ASSERT_TRUE(
      Record(live_case, "d-S4", kStart + std::chrono::hours(4), Discharged(), &fourth).ok());
  for (const auto& alert : fourth.alerts()) expected.push_back(alert.cursor());
  // Every alert after the cursor (case openings raise alerts too), once, in order.
  const size_t count = static_cast<size_t>(expected.back() - last_seen);
  ASSERT_TRUE(resumed.WaitFor(count));
  std::vector<int64_t> cursors;
  for (const auto& alert : resumed.received()) cursors.push_back(alert.cursor());
  ASSERT_EQ(cursors.size(), count);
  for (size_t i = 0; i < count; ++i) EXPECT_EQ(cursors[i], last_seen + 1 + static_cast<int64_t>(i));
  for (int64_t cursor : expected) {
    EXPECT_NE(std::find(cursors.begin(), cursors.end(), cursor), cursors.end()) << cursor;
  }
}

TEST_F(ServerTest, WatchAlertBatchesSendsTheBacklogInFewMessagesThenLiveAlertsInOrder) {
  // A backlog of alerts (each case opening and discharge raises some) ...
  std::vector<std::string> ids;
  for (const char* spell : {"S1", "S2", "S3", "S4", "S5"}) {
    ids.push_back(Create(spell));
    v1::RecordEventResponse discharged;
    ASSERT_TRUE(Record(ids.back(), std::string("d-") + spell, kStart + std::chrono::hours(1),
                       Discharged(), &discharged)
                    .ok());
  }
  Watcher backlog(alerts_.get(), FromCursor(0), WatchRpc::kWatchAlertBatches);
  ASSERT_TRUE(backlog.WaitUntilRegistered());
  // ... then one live discharge.
  std::string live = Create("S6");
  v1::RecordEventResponse last;
  ASSERT_TRUE(Record(live, "d-S6", kStart + std::chrono::hours(2), Discharged(), &last).ok());
  ASSERT_GT(last.alerts_size(), 0);
  const int64_t last_cursor = last.alerts(last.alerts_size() - 1).cursor();

  ASSERT_TRUE(backlog.WaitFor(static_cast<size_t>(last_cursor)));
  const std::deque<v1::Alert> got = backlog.received();
  ASSERT_EQ(got.size(), static_cast<size_t>(last_cursor));  // every alert, once
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].cursor(), static_cast<int64_t>(i) + 1);
  }
  EXPECT_EQ(got.back().case_id(), live);
  // The stored backlog was ready at once: it came in one message, not one message per alert.
  const std::vector<size_t> sizes = backlog.message_sizes();
  ASSERT_FALSE(sizes.empty());
  EXPECT_GT(sizes.front(), 5u);
  EXPECT_LT(sizes.size(), got.size());
  for (size_t size : sizes) EXPECT_GT(size, 0u);  // never an empty batch

  // A filter applies to batches as to single alerts.
  Watcher one_case(alerts_.get(), FromCursor(0, ids[2]), WatchRpc::kWatchAlertBatches);
  ASSERT_TRUE(one_case.WaitFor(2));
  for (const auto& alert : one_case.received()) EXPECT_EQ(alert.case_id(), ids[2]);
}

TEST_F(ServerTest, WatchAlertsFromZeroFiltersByCase) {
  std::string a = Create("S1");
  std::string b = Create("S2");
  v1::RecordEventResponse ra;
  v1::RecordEventResponse rb;
  ASSERT_TRUE(Record(a, "ra", kStart + std::chrono::hours(1), Discharged(), &ra).ok());
  ASSERT_TRUE(Record(b, "rb", kStart + std::chrono::hours(1), Discharged(), &rb).ok());
  ASSERT_GT(rb.alerts_size(), 0);
  Watcher only_b(alerts_.get(), FromCursor(0, b));
  ASSERT_TRUE(only_b.WaitFor(rb.alerts_size()));
  for (const auto& alert : only_b.received()) EXPECT_EQ(alert.case_id(), b);
}

TEST_F(ServerTest, WatchAlertsRefusesANegativeCursorAndAnUnspecifiedRole) {
  Watcher negative(alerts_.get(), FromCursor(-1));
  ASSERT_TRUE(negative.WaitDone());
  EXPECT_EQ(negative.status().error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::WatchAlertsRequest request;
  request.mutable_filter()->add_roles(v1::ROLE_UNSPECIFIED);
  Watcher bad_role(alerts_.get(), request);
  ASSERT_TRUE(bad_role.WaitDone());
  EXPECT_EQ(bad_role.status().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, ListAlertsPagesInCursorOrder) {
  std::vector<int64_t> expected;
  std::string first_case;
  for (const char* spell : {"S1", "S2"}) {
    std::string id = Create(spell);
    if (first_case.empty()) first_case = id;
    v1::RecordEventResponse response;
    ASSERT_TRUE(Record(id, std::string("d-") + spell, kStart + std::chrono::hours(1), Discharged(),
                       &response)
                    .ok());
    for (const auto& alert : response.alerts()) expected.push_back(alert.cursor());
  }
  ASSERT_GE(expected.size(), 2u);

  std::vector<int64_t> cursors;
  std::string token;
  int pages = 0;
  do {
    v1::ListAlertsRequest request;
    request.set_page_size(1);
    request.set_page_token(token);
    grpc::ClientContext context;
    v1::ListAlertsResponse out;
    grpc::Status status = alerts_->ListAlerts(&context, request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_LE(out.alerts_size(), 1);
    for (const auto& alert : out.alerts()) cursors.push_back(alert.cursor());
    token = out.next_page_token();
    ASSERT_LT(++pages, 50);
  } while (!token.empty());
  // Every stored alert (case openings raise alerts too), in cursor order.
  ASSERT_EQ(cursors.size(), static_cast<size_t>(expected.back()));
  for (size_t i = 0; i < cursors.size(); ++i) EXPECT_EQ(cursors[i], static_cast<int64_t>(i + 1));

  v1::ListAlertsRequest one_case;
  one_case.mutable_filter()->set_case_id(first_case);
  grpc::ClientContext context;
  v1::ListAlertsResponse out;
  ASSERT_TRUE(alerts_->ListAlerts(&context, one_case, &out).ok());
  for (const auto& alert : out.alerts()) EXPECT_EQ(alert.case_id(), first_case);
  EXPECT_GT(out.alerts_size(), 0);
}

TEST_F(ServerTest, SchedulerFiresADeadlineWhenTheClockPassesIt) {
  // An emergency admission without an expected discharge date: EDD_MISSING falls due at 48 h.
  std::string id = Create("S1");
  v1::Case before;
  ASSERT_TRUE(Get(id, &before).ok());
  bool edd_pending = false;
  for (const auto& deadline : before.open_deadlines()) {
    if (deadline.kind() == v1::DEADLINE_KIND_EDD_MISSING) edd_pending = true;
  }
  ASSERT_TRUE(edd_pending);

  Watcher watch(alerts_.get(), FromCursor(std::nullopt, id));
  ASSERT_TRUE(watch.WaitUntilRegistered());
  clock_.Advance(std::chrono::hours(47));
  server_->PokeScheduler();
  clock_.Advance(std::chrono::hours(2));
  server_->PokeScheduler();
  ASSERT_TRUE(watch.WaitFor(1)) << "no alert after the deadline fell due";
  EXPECT_EQ(watch.received().front().case_id(), id);

  grpc::ClientContext context;
  v1::GetHistoryRequest request;
  request.set_case_id(id);
  v1::GetHistoryResponse history;
  ASSERT_TRUE(cases_->GetHistory(&context, request, &history).ok());
  ASSERT_EQ(history.events_size(), 2);
  EXPECT_EQ(history.events(1).event().deadline_elapsed().kind(), v1::DEADLINE_KIND_EDD_MISSING);
  EXPECT_EQ(history.events(1).actor(), "tocflowd-scheduler");
  v1::Case after;
  ASSERT_TRUE(Get(id, &after).ok());
  for (const auto& deadline : after.open_deadlines()) {
    EXPECT_NE(deadline.kind(), v1::DEADLINE_KIND_EDD_MISSING);
  }
  // Once the scheduler thread has stopped, its count is final: exactly one firing.
  server_->Shutdown();
  EXPECT_EQ(server_->deadlines_fired(), 1);
}

// grpc.health.v1.Health/Check by hand: the request is {1: service}, the answer {1: status}
// with SERVING = 1.
grpc::Status HealthCheck(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                         int* serving_status) {
  std::string request_bytes;
  request_bytes.push_back(0x0a);
  request_bytes.push_back(static_cast<char>(service.size()));
  request_bytes += service;
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  auto future = done.get_future();
  if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "no answer");
  }
  grpc::Status status = future.get();
  if (!status.ok()) return status;
  std::vector<grpc::Slice> slices;
  (void)response.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  *serving_status = bytes.size() == 2 && bytes[0] == 0x08 ? bytes[1] : 0;
  return status;
}

TEST_F(ServerTest, HealthCheckReportsServing) {
  for (const char* service : {"", "tocflow.v1.CaseService", "tocflow.v1.AlertService"}) {
    int serving = 0;
    grpc::Status status = HealthCheck(channel_, service, &serving);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(serving, 1) << service;
  }
}

TEST_F(ServerTest, ShutdownEndsWatchStreamsWithUnavailable) {
  Watcher watch(alerts_.get(), FromCursor(std::nullopt));
  ASSERT_TRUE(watch.WaitUntilRegistered());
  Create("S1");
  server_->Shutdown();
  ASSERT_TRUE(watch.WaitDone());
  EXPECT_EQ(watch.status().error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace tocflow::server::testing
