#include "wire/event_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <variant>

#include "event_dump.h"
#include "event_samples.h"
#include "google/protobuf/descriptor.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;
using testing::DumpEvent;
using testing::DumpPayload;
using ::testing::HasSubstr;
using testing::SampleOfEveryEvent;
using ::testing::StartsWith;

const wf::Timestamp kAt = wf::FromUnixSeconds(1777890000);

// The sample of event type T.
template <typename T>
wf::EventPayload Sample() {
  for (const wf::EventPayload& payload : SampleOfEveryEvent()) {
    if (std::holds_alternative<T>(payload)) return payload;
  }
  ADD_FAILURE() << "no sample";
  return T{};
}

// The message of a failed result, or a note that it did not fail.
template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  if (result.ok()) return "(ok)";
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  return std::string(result.status().message());
}

v1::RecordEventRequest Request(const v1::Event& event) {
  v1::RecordEventRequest request;
  request.set_case_id("c1");
  request.set_request_id("r1");
  request.set_actor("nurse.a");
  request.mutable_occurred_at()->set_seconds(wf::ToUnixSeconds(kAt));
  *request.mutable_event() = event;
  return request;
}

TEST(EventCodec, SamplesCoverEveryEventType) {
  std::set<size_t> types;
  for (const wf::EventPayload& payload : SampleOfEveryEvent()) types.insert(payload.index());
  EXPECT_EQ(types.size(), std::variant_size_v<wf::EventPayload>);
}

TEST(EventCodec, OneofFieldsAreNamedAfterTheEvents) {
  const google::protobuf::OneofDescriptor* oneof =
      v1::Event::descriptor()->FindOneofByName("event");
  ASSERT_NE(oneof, nullptr);
  const auto& names = wf::AllEventNames();
  ASSERT_EQ(static_cast<size_t>(oneof->field_count()), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(oneof->field(static_cast<int>(i))->name(), names[i]);
  }
}

TEST(EventCodec, EveryEventRoundTripsThroughTheWire) {
  for (const wf::EventPayload& payload : SampleOfEveryEvent()) {
    const wf::Event event{"nurse.a", kAt, payload};
    const v1::RecordedEvent wire = ToWire(event);
    // The set oneof field is the one named after the event.
    const auto* field = v1::Event::descriptor()->FindFieldByNumber(wire.event().event_case());
    ASSERT_NE(field, nullptr) << DumpPayload(payload);
    EXPECT_EQ(field->name(), wf::EventName(payload));
    // Through bytes, as a client would see it.
    v1::RecordedEvent parsed;
    ASSERT_TRUE(parsed.ParseFromString(wire.SerializeAsString()));
    auto back = FromWire(parsed);
    ASSERT_TRUE(back.ok()) << DumpPayload(payload) << ": " << back.status();
    EXPECT_EQ(DumpEvent(*back), DumpEvent(event));
    // And as a RecordEvent request.
    auto recorded = FromWire(Request(parsed.event()));
    ASSERT_TRUE(recorded.ok()) << recorded.status();
    EXPECT_EQ(DumpEvent(*recorded), DumpEvent(event));
  }
}

TEST(EventCodec, AbsentOptionalsStayAbsent) {
  wf::CaseOpened opened = std::get<wf::CaseOpened>(Sample<wf::CaseOpened>());
  opened.rule_set.reset();
  const v1::Event wire = ToWire(wf::EventPayload(opened));
  EXPECT_EQ(wire.case_opened().rule_set(), v1::RULE_SET_UNSPECIFIED);
  auto back = FromWire(wire);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_FALSE(std::get<wf::CaseOpened>(*back).rule_set.has_value());

  auto reason = FromWire(ToWire(wf::EventPayload(wf::DelayReasonRecorded{
      std::nullopt, wf::NctrReason::kHomelessness, wf::Attribution::kNhs})));
  ASSERT_TRUE(reason.ok()) << reason.status();
  EXPECT_EQ(DumpPayload(*reason), "delay_reason_recorded{-|homelessness|nhs}");
}

TEST(EventCodec, MissingEventIsInvalid) {
  v1::RecordEventRequest request = Request(v1::Event());
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("event: required"));
  request.clear_event();
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("event: required"));
  EXPECT_THAT(ErrorOf(FromWire(v1::Event(), "body")), StartsWith("body: required"));
}

TEST(EventCodec, MissingOccurredAtIsInvalid) {
  v1::Event event;
  event.mutable_died();
  v1::RecordEventRequest request = Request(event);
  request.clear_occurred_at();
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("occurred_at: required"));
}

TEST(EventCodec, UnspecifiedRequiredEnumNamesFieldAndValues) {
  v1::Event event;
  event.mutable_pathway_agreed();
  const std::string error = ErrorOf(FromWire(Request(event)));
  EXPECT_THAT(error, StartsWith("event.pathway_agreed.pathway: required"));
  EXPECT_THAT(error, HasSubstr("PATHWAY_0, PATHWAY_1, PATHWAY_2, PATHWAY_3"));
}

TEST(EventCodec, UnknownEnumValuesAreInvalid) {
  v1::Event event;
  event.mutable_deadline_elapsed()->set_kind(static_cast<v1::DeadlineKind>(42));
  EXPECT_THAT(ErrorOf(FromWire(event)),
              StartsWith("event.deadline_elapsed.kind: unknown value 42"));

  v1::Event reason;
  reason.mutable_delay_reason_recorded()->set_attribution(v1::ATTRIBUTION_NHS);
  reason.mutable_delay_reason_recorded()->set_nctr(static_cast<v1::NctrReason>(-3));
  EXPECT_THAT(ErrorOf(FromWire(reason)),
              StartsWith("event.delay_reason_recorded.nctr: unknown value -3"));
}

TEST(EventCodec, MissingOrMalformedDatesAreInvalid) {
  v1::Event event;
  event.mutable_expected_discharge_date_set();
  EXPECT_THAT(ErrorOf(FromWire(event)),
              StartsWith("event.expected_discharge_date_set.expected_discharge_date: required"));
  v1::Date* date = event.mutable_expected_discharge_date_set()->mutable_expected_discharge_date();
  date->set_year(2026);
  date->set_month(2);
  date->set_day(30);
  EXPECT_THAT(ErrorOf(FromWire(event)),
              StartsWith("event.expected_discharge_date_set.expected_discharge_date: day 30"));
}

TEST(EventCodec, EveryChecklistDomainMustBeScored) {
  v1::Event event;
  event.mutable_checklist_completed();
  EXPECT_THAT(ErrorOf(FromWire(event)), StartsWith("event.checklist_completed.scores: required"));
  *event.mutable_checklist_completed() =
      ToWire(Sample<wf::ChecklistCompleted>()).checklist_completed();
  ASSERT_TRUE(FromWire(event).ok());
  event.mutable_checklist_completed()->mutable_scores()->clear_cognition();
  EXPECT_THAT(ErrorOf(FromWire(event)),
              StartsWith("event.checklist_completed.scores.cognition: required"));
}

TEST(EventCodec, EveryDstDomainMustBeGiven) {
  v1::Event event = ToWire(wf::EventPayload(wf::DstCompleted{}));
  ASSERT_TRUE(FromWire(event).ok());
  event.mutable_dst_completed()->mutable_levels()->clear_other();
  EXPECT_THAT(ErrorOf(FromWire(event)), StartsWith("event.dst_completed.levels.other: required"));
}

TEST(EventCodec, CreateCaseOpensAtTheAdmissionUnlessTold) {
  v1::CreateCaseRequest request;
  request.set_request_id("r1");
  request.set_actor("pas");
  *request.mutable_opening() = ToWire(Sample<wf::CaseOpened>()).case_opened();
  auto event = FromWire(request);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->actor, "pas");
  EXPECT_EQ(event->occurred_at, std::get<wf::CaseOpened>(Sample<wf::CaseOpened>()).admitted_at);
  EXPECT_EQ(DumpPayload(event->payload), DumpPayload(Sample<wf::CaseOpened>()));

  request.mutable_occurred_at()->set_seconds(wf::ToUnixSeconds(kAt));
  event = FromWire(request);
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->occurred_at, kAt);

  request.mutable_opening()->set_setting(v1::SETTING_UNSPECIFIED);
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("opening.setting: required"));
  request.mutable_opening()->set_setting(v1::SETTING_ACUTE);
  request.mutable_opening()->clear_admitted_at();
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("opening.admitted_at: required"));
  request.clear_opening();
  EXPECT_THAT(ErrorOf(FromWire(request)), StartsWith("opening: required"));
}

TEST(EventCodec, AssignPartyIsAPartyAssignedEvent) {
  v1::AssignPartyRequest request;
  request.set_case_id("c1");
  request.set_actor("hub");
  request.set_role(v1::ROLE_LA_SOCIAL_WORKER);
  request.set_party("sw-7");
  auto event = FromWire(request, kAt);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(DumpEvent(*event), "hub@2026-05-04T10:20:00Z party_assigned{la_social_worker|sw-7}");

  request.mutable_occurred_at()->set_seconds(wf::ToUnixSeconds(kAt) - 60);
  event = FromWire(request, kAt);
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->occurred_at, kAt - std::chrono::seconds(60));

  request.set_role(v1::ROLE_UNSPECIFIED);
  EXPECT_THAT(ErrorOf(FromWire(request, kAt)), StartsWith("role: required"));
}

}  // namespace
}  // namespace tocflow::wire
