// A WatchAlerts client that stops reading: the server finishes its stream with
// RESOURCE_EXHAUSTED instead of buffering without bound, and the watcher resumes from the last
// cursor it received with nothing missing or repeated.
#include <gmock/gmock.h>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using namespace std::chrono_literals;

class SlowWatcherTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.watch_buffer = 4;
    options.watch_stall_timeout = 200ms;
  }
};

TEST_F(SlowWatcherTest, IsFinishedWithResourceExhaustedAndResumesWithoutGaps) {
  // Its own connection with flow control left small, so that unread alerts back up quickly.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  args.SetString("tocflow.test.connection", "slow");
  auto channel =
      grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args);
  auto stub = v1::AlertService::NewStub(channel);
  grpc::ClientContext context;
  v1::WatchAlertsRequest request;
  request.set_after_cursor(0);
  auto reader = stub->WatchAlerts(&context, request);
  reader->WaitForInitialMetadata();

  // Each opening raises one alert; keep going until the server gives up on the watcher.
  int opened = 0;
  while (server_->stalled_watchers_finished() == 0 && opened < 3000) {
    for (int i = 0; i < 50; ++i, ++opened) Create("S" + std::to_string(opened));
    WaitUntil([&] { return server_->stalled_watchers_finished() > 0; }, 400ms);
  }
  ASSERT_EQ(server_->stalled_watchers_finished(), 1) << "after " << opened << " alerts";

  std::vector<int64_t> cursors;
  v1::Alert alert;
  while (reader->Read(&alert)) cursors.push_back(alert.cursor());
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("resume from the last cursor"));
  ASSERT_FALSE(cursors.empty());
  ASSERT_LT(cursors.size(), static_cast<size_t>(opened));

  Watcher resumed(alerts_.get(), [&] {
    v1::WatchAlertsRequest again;
    again.set_after_cursor(cursors.back());
    return again;
  }());
  const size_t rest = static_cast<size_t>(opened) - cursors.size();
  ASSERT_TRUE(resumed.WaitFor(rest, std::chrono::seconds(20)));
  for (const auto& a : resumed.received()) cursors.push_back(a.cursor());
  ASSERT_EQ(cursors.size(), static_cast<size_t>(opened));
  for (size_t i = 0; i < cursors.size(); ++i) {
    ASSERT_EQ(cursors[i], static_cast<int64_t>(i + 1)) << "gap or repeat at " << i;
  }
}

}  // namespace
}  // namespace tocflow::server::testing
