// FactsFromWire: the stored facts read back are the facts that were stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "wire/case_view.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;

wf::Timestamp T(const char* utc) { return *wf::ParseUtc(utc); }
wf::Date D(int y, int m, int d) { return wf::Date::FromYmd(y, m, d); }

// Every field set, none to its default, so that a field the codec drops shows.
wf::CaseFacts EveryFieldSet() {
  wf::CaseFacts f;
  f.identity = {"9434765919",
                true,
                "MRN001",
                "V100",
                "RRV",
                "Main site",
                "Ward 7",
                "Bed 3",
                wf::Setting::kCommunity,
                "E09000007",
                "QMJ",
                T("2026-05-04T08:00:00Z"),
                wf::AdmissionMethod::kElective,
                wf::NoticeExclusion::kSelfFunded};
  f.rule_set = wf::RuleSetId::kCareAct2014;
  f.opened_at = T("2026-05-04T08:01:00Z");
  f.last_event_at = T("2026-05-20T10:00:00Z");
  wf::DelayReason reason{wf::DtocReason::kB_AwaitingPublicFunding, wf::NctrReason::kAwaitingTherapy,
                         wf::Attribution::kBoth};
  f.stay.expected_discharge_date = D(2026, 5, 9);
  f.stay.pathway = wf::Pathway::kPathway2;
  f.stay.delay_reason = reason;
  f.stay.delay_reason_history = {
      {T("2026-05-06T09:00:00Z"), reason},
      {T("2026-05-07T09:00:00Z"), {std::nullopt, std::nullopt, wf::Attribution::kSocialCare}}};
  f.stay.ready_periods = {
      {T("2026-05-05T09:00:00Z"), T("2026-05-06T09:00:00Z"), wf::ReadyPeriodEnd::kCriteriaMetAgain},
      {T("2026-05-08T09:00:00Z"), T("2026-05-20T10:00:00Z"), wf::ReadyPeriodEnd::kDischarged}};
  f.stay.discharged_at = T("2026-05-20T10:00:00Z");
  f.stay.died_at = T("2026-05-21T10:00:00Z");
  f.stay.cancelled_at = T("2026-05-22T10:00:00Z");
  f.stay.discharge_destination = "19";
  f.notices.assessment_notice_at = T("2026-05-05T12:00:00Z");
  f.notices.deemed_given = D(2026, 5, 6);
  f.notices.minimum_period_end = D(2026, 5, 8);
  f.notices.patient_consulted = true;
  f.notices.patient_objected = true;
  f.notices.discharge_notice_at = T("2026-05-07T12:00:00Z");
  f.notices.proposed_discharge = D(2026, 5, 10);
  f.notices.relevant_day = D(2026, 5, 11);
  f.notices.relevant_day_passed = true;
  f.notices.la_assessment_started = true;
  f.notices.la_assessment_completed = true;
  f.notices.services_decided = "home care";
  f.notices.la_services_in_place = true;
  f.notices.liability = {{T("2026-05-12T00:00:00Z"), T("2026-05-20T10:00:00Z"), true},
                         {T("2026-05-21T00:00:00Z"), std::nullopt, false}};
  f.notices.closed_by_discharge = true;
  f.chc.checklist_positive = false;  // false is not "unset"
  f.chc.referral_received_at = T("2026-05-05T13:00:00Z");
  f.chc.decision_due = D(2026, 6, 2);
  f.chc.fast_track = true;
  f.chc.fast_track_at = T("2026-05-06T13:00:00Z");
  f.chc.assessment_scheduled_for = D(2026, 5, 15);
  f.chc.dst_recommends_eligible = false;
  f.chc.eligible = true;
  f.chc.decided_at = T("2026-05-16T13:00:00Z");
  f.chc.first_decided_at = T("2026-05-15T13:00:00Z");
  f.chc.review_due = D(2026, 8, 15);
  f.chc.appeals = 2;
  f.care.care_type = wf::CareType::kNursing;
  f.care.provider = "Oak House";
  f.care.offers_declined = 1;
  f.care.weekly_cost_pence = 0;  // zero is not "unset"
  f.care.funder = wf::Funder::kJoint;
  f.care.start_date = D(2026, 5, 19);
  f.care.in_place_at = T("2026-05-19T15:00:00Z");
  f.care.equipment_items = "hoist";
  f.care.equipment_due = D(2026, 5, 18);
  f.care.equipment_delivered_at = T("2026-05-18T15:00:00Z");
  return f;
}

// The paths of the fields of `m` (recursively) that are not set.
void UnsetFields(const google::protobuf::Message& m, const std::string& prefix,
                 std::vector<std::string>& unset) {
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const google::protobuf::Reflection* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = d->field(i);
    const std::string path = prefix + field->name();
    if (field->is_repeated()) {
      if (r->FieldSize(m, field) == 0) unset.push_back(path);
      continue;
    }
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!r->HasField(m, field)) {
        unset.push_back(path);
      } else if (field->message_type()->file()->package() == "tocflow.v1") {
        UnsetFields(r->GetMessage(m, field), path + ".", unset);
      }
      continue;
    }
    if (!r->HasField(m, field)) {  // a scalar without presence: "has" means not default
      unset.push_back(path);
    }
  }
}

TEST(FactsFromWire, EveryFieldOfTheMessageIsFilledFromTheFacts) {
  std::vector<std::string> unset;
  UnsetFields(ToWire(EveryFieldSet()), "", unset);
  EXPECT_THAT(unset, testing::IsEmpty());
}

TEST(FactsFromWire, ReadsBackWhatWasEncoded) {
  const wf::CaseFacts original = EveryFieldSet();
  const v1::CaseFacts encoded = ToWire(original);
  v1::CaseFacts parsed;
  ASSERT_TRUE(parsed.ParseFromString(encoded.SerializeAsString()));
  absl::StatusOr<wf::CaseFacts> decoded = FactsFromWire(parsed);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(ToWire(*decoded).SerializeAsString(), encoded.SerializeAsString());
  // A few fields compared directly, those the reports lean on among them.
  EXPECT_EQ(decoded->identity.local_authority, "E09000007");
  EXPECT_EQ(decoded->identity.setting, wf::Setting::kCommunity);
  EXPECT_EQ(decoded->rule_set, wf::RuleSetId::kCareAct2014);
  ASSERT_EQ(decoded->stay.ready_periods.size(), 2u);
  EXPECT_EQ(decoded->stay.ready_periods[0].ended_by, wf::ReadyPeriodEnd::kCriteriaMetAgain);
  EXPECT_EQ(decoded->stay.ready_periods[1].end, T("2026-05-20T10:00:00Z"));
  ASSERT_EQ(decoded->stay.delay_reason_history.size(), 2u);
  EXPECT_FALSE(decoded->stay.delay_reason_history[1].reason.dtoc.has_value());
  EXPECT_EQ(decoded->stay.delay_reason_history[1].reason.attribution, wf::Attribution::kSocialCare);
  ASSERT_EQ(decoded->notices.liability.size(), 2u);
  EXPECT_FALSE(decoded->notices.liability[1].end.has_value());
  EXPECT_TRUE(decoded->notices.liability[0].ended_by_discharge);
  EXPECT_EQ(decoded->chc.checklist_positive, std::optional<bool>(false));
  EXPECT_EQ(decoded->chc.first_decided_at, T("2026-05-15T13:00:00Z"));
  EXPECT_EQ(decoded->care.weekly_cost_pence, std::optional<int64_t>(0));
}

TEST(FactsFromWire, LeavesUnsetTimesUnset) {
  wf::CaseFacts sparse;
  sparse.identity.admitted_at = T("2026-05-04T08:00:00Z");
  absl::StatusOr<wf::CaseFacts> decoded = FactsFromWire(ToWire(sparse));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_FALSE(decoded->opened_at.has_value());
  EXPECT_FALSE(decoded->stay.discharged_at.has_value());
  EXPECT_FALSE(decoded->stay.pathway.has_value());
  EXPECT_FALSE(decoded->chc.checklist_positive.has_value());
  EXPECT_FALSE(decoded->care.weekly_cost_pence.has_value());
  EXPECT_TRUE(decoded->stay.ready_periods.empty());
}

TEST(FactsFromWire, NamesTheFieldItCannotRead) {
  v1::CaseFacts encoded = ToWire(EveryFieldSet());
  encoded.mutable_stay()->mutable_ready_periods(1)->set_ended_by(
      static_cast<v1::ReadyPeriodEnd>(99));  // a value a newer version might write
  absl::StatusOr<wf::CaseFacts> decoded = FactsFromWire(encoded);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(decoded.status().message(), testing::HasSubstr("stay.ready_periods.ended_by"));

  encoded = ToWire(EveryFieldSet());
  encoded.mutable_identity()->clear_admitted_at();
  decoded = FactsFromWire(encoded);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(decoded.status().message(), testing::HasSubstr("identity.admitted_at"));
}

}  // namespace
}  // namespace tocflow::wire
