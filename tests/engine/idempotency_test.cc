// Request ids: a retried command gets its original outcome and nothing is applied twice, from
// the store, within one group and after a restart; a request id reused for another command is
// refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "engine/command_engine.h"
#include "engine_fixture.h"
#include "support/raw_sqlite.h"
#include "tocflow/v1/cases.pb.h"
#include "workflow/journey.h"

namespace tocflow::engine::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Lt;
using ::testing::Not;
using ::testing::SizeIs;
using ::tocflow::testing::RawCount;
using ::tocflow::testing::RawExec;

void ExpectSameOutcome(const CommandOutcome& retry, const CommandOutcome& original) {
  EXPECT_EQ(retry.case_id, original.case_id);
  EXPECT_EQ(retry.version, original.version);
  EXPECT_EQ(retry.states, original.states);
  ASSERT_EQ(retry.alerts.size(), original.alerts.size());
  for (size_t i = 0; i < retry.alerts.size(); ++i) {
    EXPECT_EQ(retry.alerts[i].cursor, original.alerts[i].cursor) << i;
    EXPECT_EQ(retry.alerts[i].alert.kind, original.alerts[i].alert.kind) << i;
    EXPECT_EQ(retry.alerts[i].alert.message, original.alerts[i].alert.message) << i;
    EXPECT_EQ(retry.alerts[i].alert.raised_at, original.alerts[i].alert.raised_at) << i;
  }
}

// Ready for discharge on an emergency admission: raises alerts and sets a deadline.
Command Ready(const std::string& request_id, const std::string& case_id) {
  return CaseCommand(request_id, case_id, At("2026-06-02T10:00Z", workflow::ReadyForDischarge{}));
}

// A discharge: raises an alert.
Command Discharge(const std::string& request_id, const std::string& case_id) {
  return CaseCommand(request_id, case_id,
                     At("2026-06-03T10:00Z", workflow::Discharged{"usual residence"}));
}

TEST(Idempotency, ARetryReturnsTheOriginalOutcomeAndStoresNothing) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  Outcome opened = h.engine().Execute(OpenCommand("open-1"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  const std::string case_id = opened->case_id;
  // A second case raises alerts in between, so that cursors are not simply the case's positions.
  const std::string other = h.OpenCase("open-2", "V200");
  ASSERT_TRUE(h.engine().Execute(Discharge("discharge-2", other)).ok());

  Outcome discharged = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  ASSERT_THAT(discharged->alerts, SizeIs(1));
  EXPECT_EQ(discharged->alerts[0].alert.kind, workflow::AlertKind::kDischarged);
  ASSERT_TRUE(h.engine()
                  .Execute(CaseCommand("assign-1", case_id, Assign("ann", "2026-06-03T11:00Z")))
                  .ok());
  const size_t events = h.EventCount(case_id);
  ASSERT_EQ(events, 3u);

  Outcome retry = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  ExpectSameOutcome(*retry, *discharged);

  Outcome reopen = h.engine().Execute(OpenCommand("open-1"));
  ASSERT_TRUE(reopen.ok()) << reopen.status();
  EXPECT_TRUE(reopen->replayed);
  ExpectSameOutcome(*reopen, *opened);

  // A retry whose expected version has gone stale still gets the original answer.
  Command stale = Discharge("discharge-1", case_id);
  stale.expected_version = 1;
  Outcome stale_retry = h.engine().Execute(stale);
  ASSERT_TRUE(stale_retry.ok()) << stale_retry.status();
  EXPECT_EQ(stale_retry->version, 2);

  EXPECT_EQ(h.EventCount(case_id), events);
  EXPECT_EQ(*h.Reader()->CaseCount(), 2);
}

TEST(Idempotency, ARetryInTheSameGroupIsAppliedOnce) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  const std::string holder = h.OpenCase("open-2", "V200");
  std::future<Outcome> first;
  std::future<Outcome> second;
  std::future<Outcome> opened;
  std::future<Outcome> reopened;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", holder, Assign("x")));
    first = Submit(h.engine(), Ready("ready-1", case_id));
    second = Submit(h.engine(), Ready("ready-1", case_id));
    opened = Submit(h.engine(), OpenCommand("open-3", "V300"));
    reopened = Submit(h.engine(), OpenCommand("open-3", "V300"));
  }
  Outcome a = first.get();
  Outcome b = second.get();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_FALSE(a->replayed);
  EXPECT_TRUE(b->replayed);
  ExpectSameOutcome(*b, *a);
  EXPECT_EQ(a->version, 2);
  EXPECT_EQ(h.EventCount(case_id), 2u);

  Outcome c = opened.get();
  Outcome d = reopened.get();
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->replayed);
  EXPECT_EQ(d->case_id, c->case_id);
  EXPECT_EQ(*h.Reader()->CaseCount(), 3);

  // And from the store afterwards, the same answer again.
  Outcome later = h.engine().Execute(Ready("ready-1", case_id));
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_TRUE(later->replayed);
  ExpectSameOutcome(*later, *a);
}

TEST(Idempotency, ARequestIdReusedForAnotherCommandIsAlreadyExists) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string first = h.OpenCase("open-1", "V1");
  const std::string second = h.OpenCase("open-2", "V2");
  ASSERT_TRUE(h.engine().Execute(CaseCommand("assign", first, Assign("ann"))).ok());

  Outcome other_case = h.engine().Execute(CaseCommand("assign", second, Assign("ann")));
  ASSERT_EQ(other_case.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(other_case.status().message()), HasSubstr(first));
  EXPECT_THAT(std::string(other_case.status().message()), HasSubstr("\"assign\""));

  Outcome other_type = h.engine().Execute(Ready("assign", first));
  EXPECT_EQ(other_type.status().code(), absl::StatusCode::kAlreadyExists);

  Outcome other_spell = h.engine().Execute(OpenCommand("open-1", "V3"));
  EXPECT_EQ(other_spell.status().code(), absl::StatusCode::kAlreadyExists);

  EXPECT_EQ(h.EventCount(first), 2u);
  EXPECT_EQ(h.EventCount(second), 1u);
  EXPECT_EQ(*h.Reader()->CaseCount(), 2);

  // Within one group too.
  const std::string holder = h.OpenCase("open-4", "V4");
  std::future<Outcome> a;
  std::future<Outcome> b;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", holder, Assign("x")));
    a = Submit(h.engine(), CaseCommand("same", first, Assign("bob")));
    b = Submit(h.engine(), CaseCommand("same", second, Assign("bob")));
  }
  EXPECT_TRUE(a.get().ok());
  EXPECT_EQ(b.get().status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(h.EventCount(second), 1u);
}

TEST(Idempotency, ARetryAfterARestartReturnsTheOriginalOutcome) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  Outcome ready = h.engine().Execute(Ready("ready-1", case_id));
  ASSERT_TRUE(ready.ok()) << ready.status();

  ASSERT_TRUE(h.Start());
  Outcome retry = h.engine().Execute(Ready("ready-1", case_id));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  ExpectSameOutcome(*retry, *ready);
  EXPECT_EQ(h.EventCount(case_id), 2u);

  // The replayed case knows how many alerts it has: a later command's alerts are found on a
  // retry after another restart.
  const std::string other = h.OpenCase("open-2", "V200");
  Outcome discharged = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  ASSERT_THAT(discharged->alerts, SizeIs(1));
  ASSERT_TRUE(h.engine().Execute(Discharge("discharge-2", other)).ok());
  ASSERT_TRUE(h.Start());
  Outcome again = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replayed);
  ExpectSameOutcome(*again, *discharged);
  EXPECT_EQ(h.EventCount(case_id), 3u);
}

void PutBigEndian(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

// A request's result as the engine stored it before TFO2 (outcome_codec.h): the event type, the
// position of the first alert, then the whole RecordEventResponse, alerts and region names too.
std::string Version1Result(std::string_view event_type, int64_t first_alert,
                           const CommandOutcome& outcome) {
  tocflow::v1::RecordEventResponse response;
  response.set_version(outcome.version);
  for (const StoredAlertRef& ref : outcome.alerts) {
    tocflow::v1::Alert* alert = response.add_alerts();
    alert->set_case_id(outcome.case_id);
    alert->set_message(ref.alert.message);
  }
  for (size_t r = 0; r < outcome.states.size(); ++r) {
    tocflow::v1::RegionState* state = response.add_states();
    state->set_region(std::string(workflow::Name(static_cast<workflow::Region>(r))));
    state->set_state(outcome.states[r]);
  }
  std::string bytes = "TFO1";
  PutBigEndian(bytes, event_type.size(), 4);
  bytes.append(event_type);
  PutBigEndian(bytes, static_cast<uint64_t>(first_alert), 8);
  bytes.append(response.SerializeAsString());
  return bytes;
}

std::string HexLiteral(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex = "X'";
  for (const char c : bytes) {
    hex.push_back(kDigits[static_cast<unsigned char>(c) >> 4]);
    hex.push_back(kDigits[static_cast<unsigned char>(c) & 0xF]);
  }
  return hex + "'";
}

// The stored result names no alert and no region: the alerts are in their own table.
TEST(Idempotency, AStoredResultKeepsOnlyWhatTheAlertsTableDoesNot) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  Outcome discharged = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  ASSERT_THAT(discharged->alerts, Not(IsEmpty()));
  h.Stop();
  const std::string row = " FROM requests WHERE request_id = 'discharge-1'";
  EXPECT_EQ(RawCount(h.path(), "SELECT CAST(substr(result, 1, 4) AS TEXT) = 'TFO2'" + row), 1);
  int64_t named = 0;
  for (const StoredAlertRef& ref : discharged->alerts)
    named += static_cast<int64_t>(ref.alert.message.size());
  EXPECT_THAT(RawCount(h.path(), "SELECT length(result)" + row), Lt(named));
  EXPECT_THAT(RawCount(h.path(), "SELECT length(result)" + row), Lt(100));
}

// A stored result that cannot be read answers a retry with DATA_LOSS, naming it, and stores
// nothing: the request id is not taken as new.
TEST(Idempotency, AnUnreadableStoredResultIsDataLossAndNothingIsStored) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  ASSERT_TRUE(h.engine().Execute(Discharge("discharge-1", case_id)).ok());
  h.Stop();
  using namespace std::string_literals;
  const std::string type = "\x0A"s + "discharged";  // its length, then the event type
  for (const std::string& result : {
           "\x00\x11\x22\x33"s,  // no known format
           "TFO2"s,              // nothing after the format
           "TFO2\x0A"s + "dis",  // a truncated event type
           "TFO2"s + type + "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02\x00\x00"s,  // over 64 bits
           "TFO2"s + type + "\x00\x00\x00"s + "extra",    // bytes after the states
           "TFO2"s + type + "\x00\x00\x05\x03"s + "abc",  // fewer states than counted
           "TFO1\x00\x00\x00\x01"s,                       // a truncated TFO1 result
       }) {
    SCOPED_TRACE(HexLiteral(result));
    RawExec(h.path(), "UPDATE requests SET result = " + HexLiteral(result) +
                          " WHERE request_id = 'discharge-1'");
    ASSERT_TRUE(h.Start());
    Outcome retry = h.engine().Execute(Discharge("discharge-1", case_id));
    EXPECT_EQ(retry.status().code(), absl::StatusCode::kDataLoss) << retry.status();
    EXPECT_THAT(std::string(retry.status().message()), HasSubstr("unreadable"));
    h.Stop();
    EXPECT_EQ(RawCount(h.path(), "SELECT COUNT(*) FROM events WHERE case_id = '" + case_id + "'"),
              2);
  }
}

// A file written before TFO2 keeps its results: a retry of such a request still gets the
// original outcome, alerts read back from their position.
TEST(Idempotency, ARetryOfARequestStoredInTheEarlierFormatReturnsTheOriginalOutcome) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  // Another case's alert in between, so that the position is not the cursor.
  h.OpenCase("open-2", "V200");
  Outcome discharged = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(discharged.ok()) << discharged.status();
  ASSERT_THAT(discharged->alerts, Not(IsEmpty()));
  h.Stop();
  const int64_t first_alert =
      RawCount(h.path(), "SELECT count(*) FROM alerts WHERE case_id = '" + case_id + "' AND id < " +
                             std::to_string(discharged->alerts[0].cursor));
  RawExec(h.path(),
          "UPDATE requests SET result = " +
              HexLiteral(Version1Result(workflow::Discharged::kName, first_alert, *discharged)) +
              " WHERE request_id = 'discharge-1'");

  ASSERT_TRUE(h.Start());
  Outcome retry = h.engine().Execute(Discharge("discharge-1", case_id));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  ExpectSameOutcome(*retry, *discharged);
  EXPECT_EQ(h.EventCount(case_id), 2u);

  // The same request id for another command is still refused against the old result.
  Outcome reused = h.engine().Execute(Ready("discharge-1", case_id));
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists) << reused.status();
}

}  // namespace
}  // namespace tocflow::engine::testing
