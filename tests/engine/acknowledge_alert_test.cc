// CommandEngine::AcknowledgeAlert: a writer task that runs in submission order with commands.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/command_engine.h"
#include "engine_fixture.h"

namespace tocflow::engine::testing {
namespace {

TEST(AcknowledgeAlert, RunsAfterTheCommandsQueuedBeforeIt) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  // The writer is held, so the opening below is still queued when the acknowledgement of the
  // alert it will raise is submitted: the acknowledgement must wait for it.
  const std::string first = h.OpenCase("r0", "V0");
  WriterGate gate;
  gate.Hold(h.engine(), CaseCommand("assign", first, Assign("team-a")));
  std::future<Outcome> opened = Submit(h.engine(), OpenCommand("r1", "V1"));
  const int64_t next_cursor = 2;  // the first case's opening alert is cursor 1
  std::promise<absl::StatusOr<store::AlertAck>> ack_promise;
  h.engine().AcknowledgeAlertAsync(
      next_cursor, "ward-7-coordinator",
      [&](absl::StatusOr<store::AlertAck> result) { ack_promise.set_value(std::move(result)); });
  std::future<absl::StatusOr<store::AlertAck>> acked = ack_promise.get_future();
  gate.Release();
  Outcome outcome = opened.get();
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  ASSERT_THAT(outcome->alerts, ::testing::SizeIs(1));
  ASSERT_EQ(outcome->alerts[0].cursor, next_cursor);
  absl::StatusOr<store::AlertAck> ack = acked.get();
  ASSERT_TRUE(ack.ok()) << ack.status();
  EXPECT_EQ(ack->acked_by, "ward-7-coordinator");
  EXPECT_EQ(ack->acked_at, h.clock().Now());
}

TEST(AcknowledgeAlert, IsIdempotentAndRefusesBadArguments) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  h.OpenCase("r1");
  absl::StatusOr<store::AlertAck> first = h.engine().AcknowledgeAlert(1, "a");
  ASSERT_TRUE(first.ok()) << first.status();
  h.clock().Advance(std::chrono::minutes(5));
  absl::StatusOr<store::AlertAck> second = h.engine().AcknowledgeAlert(1, "b");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, *first);

  EXPECT_EQ(h.engine().AcknowledgeAlert(7, "a").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(h.engine().AcknowledgeAlert(0, "a").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(h.engine().AcknowledgeAlert(1, "").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tocflow::engine::testing
