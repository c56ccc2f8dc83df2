// ReportService against a real tocflowd: cases are built through CaseService, then each report is
// checked against figures worked out by hand.
//
// The scenario (all times UTC; London is on GMT until 29 March 2026, so London days are UTC days):
//  Case A (spell S1, RXX, LA E09000001, ICB QXX, acute), admitted Mon 2 Mar 09:00:
//    ready for discharge 3 Mar 10:00; delay reason DTOC A / social care 3 Mar 12:00;
//    referred for a full CHC assessment 3 Mar 13:00, assessment scheduled, DST 5 Mar,
//    decided (not eligible) 6 Mar 10:00; pathway 1 agreed 9 Mar; discharged 10 Mar 11:00.
//  Case B (spell S2, same provider, LA and ICB), admitted 2 Mar 09:00:
//    referred for a full CHC assessment 2 Mar 10:00, never decided;
//    ready for discharge 5 Mar 10:00, no delay reason, still in hospital.
#include <gmock/gmock.h>

#include <optional>

#include "server_fixture.h"
#include "support/raw_sqlite.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace tocflow::server::testing {
namespace {

using ::testing::DoubleNear;
using ::testing::HasSubstr;

v1::Date D(int year, int month, int day) {
  v1::Date out;
  out.set_year(year);
  out.set_month(month);
  out.set_day(day);
  return out;
}

// Days in the cell (reason, attribution) of a table; 0 when the cell is absent.
int64_t Cell(const v1::DelayedDayTable& table, v1::DtocReason reason, v1::Attribution attribution) {
  int64_t days = 0;
  for (const auto& cell : table.cells()) {
    if (cell.reason() == reason && cell.attribution() == attribution) days += cell.days();
  }
  return days;
}

class ReportTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    reports_ = v1::ReportService::NewStub(channel_);
  }

  void TearDown() override {
    reports_.reset();
    ServerTest::TearDown();
  }

  // Records `event` at `at` on `case_id`, failing the test on error.
  void Must(const std::string& case_id, const char* utc, const v1::Event& event) {
    v1::RecordEventResponse response;
    grpc::Status status = Record(case_id, case_id + "@" + utc + "#" + std::to_string(++sequence_),
                                 T(utc), event, &response);
    ASSERT_TRUE(status.ok()) << utc << ": " << status.error_message();
  }

  void BuildScenario() {
    const std::string a = Create("S1");
    const std::string b = Create("S2");
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());

    Must(a, "2026-03-03T10:00:00Z", ReadyForDischarge());
    v1::Event reason;
    reason.mutable_delay_reason_recorded()->set_dtoc(v1::DTOC_REASON_A);
    reason.mutable_delay_reason_recorded()->set_attribution(v1::ATTRIBUTION_SOCIAL_CARE);
    Must(a, "2026-03-03T12:00:00Z", reason);
    v1::Event referred;
    referred.mutable_referred_for_full_assessment();
    Must(a, "2026-03-03T13:00:00Z", referred);
    v1::Event scheduled;
    *scheduled.mutable_chc_assessment_scheduled()->mutable_scheduled_for() = D(2026, 3, 5);
    Must(a, "2026-03-03T14:00:00Z", scheduled);
    v1::Event dst;
    auto* levels = dst.mutable_dst_completed()->mutable_levels();
    for (auto setter :
         {&v1::DstLevels::set_behaviour, &v1::DstLevels::set_cognition,
          &v1::DstLevels::set_psychological, &v1::DstLevels::set_communication,
          &v1::DstLevels::set_mobility, &v1::DstLevels::set_nutrition,
          &v1::DstLevels::set_continence, &v1::DstLevels::set_skin, &v1::DstLevels::set_breathing,
          &v1::DstLevels::set_drug_therapies, &v1::DstLevels::set_altered_states_of_consciousness,
          &v1::DstLevels::set_other}) {
      (levels->*setter)(v1::DST_LEVEL_LOW);
    }
    Must(a, "2026-03-05T10:00:00Z", dst);
    v1::Event decided;
    decided.mutable_eligibility_decided()->set_eligible(false);
    Must(a, "2026-03-06T10:00:00Z", decided);
    v1::Event pathway;
    pathway.mutable_pathway_agreed()->set_pathway(v1::PATHWAY_1);
    Must(a, "2026-03-09T10:00:00Z", pathway);
    v1::Event discharged;
    discharged.mutable_discharged()->set_destination("usual residence");
    Must(a, "2026-03-10T11:00:00Z", discharged);

    Must(b, "2026-03-02T10:00:00Z", referred);
    Must(b, "2026-03-05T10:00:00Z", ReadyForDischarge());
  }

  grpc::Status Dtoc(const v1::DelayedTransfersMonthlyRequest& request,
                    v1::DelayedTransfersMonthlyResponse* out) {
    grpc::ClientContext context;
    return reports_->DelayedTransfersMonthly(&context, request, out);
  }
  grpc::Status Daily(const v1::DischargeReadyDailyRequest& request,
                     v1::DischargeReadyDailyResponse* out) {
    grpc::ClientContext context;
    return reports_->DischargeReadyDaily(&context, request, out);
  }
  grpc::Status Chc(const v1::ChcTimelinessRequest& request, v1::ChcTimelinessResponse* out) {
    grpc::ClientContext context;
    return reports_->ChcTimeliness(&context, request, out);
  }
  grpc::Status Reimburse(const v1::ReimbursementRequest& request, v1::ReimbursementResponse* out) {
    grpc::ClientContext context;
    return reports_->Reimbursement(&context, request, out);
  }

  static v1::DischargeReadyDailyRequest DailyRequest(v1::Date day, const char* as_at) {
    v1::DischargeReadyDailyRequest request;
    *request.mutable_day() = day;
    if (as_at != nullptr) *request.mutable_as_at() = Wire(T(as_at));
    return request;
  }

  std::unique_ptr<v1::ReportService::Stub> reports_;
  int sequence_ = 0;
};

TEST_F(ReportTest, DelayedTransfersMonthlyCountsDelayedDaysByReasonAndAttribution) {
  BuildScenario();
  v1::DelayedTransfersMonthlyRequest request;
  request.set_year(2026);
  request.set_month(3);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));  // after the whole month
  (*request.mutable_adult_population())["E09000001"] = 100000;
  v1::DelayedTransfersMonthlyResponse out;
  grpc::Status status = Dtoc(request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();

  EXPECT_EQ(out.year(), 2026);
  EXPECT_EQ(out.month(), 3);
  EXPECT_EQ(out.days_in_month(), 31);
  // Mon 2 Mar 2026: Thursdays are 5, 12, 19 and 26 March.
  EXPECT_EQ(out.last_thursday().day(), 26);
  EXPECT_EQ(out.last_thursday().month(), 3);
  // A: ready 3 Mar, discharged 10 Mar: days 3..9 = 10 - 3 = 7, under A / social care.
  // B: ready 5 Mar, still in at the month's end: days 5..31 = 27, nothing recorded.
  EXPECT_EQ(Cell(out.acute(), v1::DTOC_REASON_A, v1::ATTRIBUTION_SOCIAL_CARE), 7);
  EXPECT_EQ(Cell(out.acute(), v1::DTOC_REASON_UNSPECIFIED, v1::ATTRIBUTION_UNSPECIFIED), 27);
  EXPECT_EQ(out.acute().cells_size(), 2);
  EXPECT_EQ(out.acute().total_days(), 34);
  EXPECT_EQ(out.non_acute().total_days(), 0);
  EXPECT_EQ(out.non_acute().cells_size(), 0);
  EXPECT_THAT(out.dtoc_beds(), DoubleNear(34.0 / 31.0, 1e-9));
  // At the midnight ending Thu 26 Mar only B is delayed.
  ASSERT_TRUE(out.has_snapshot_patients());
  EXPECT_EQ(out.snapshot_patients(), 1);

  ASSERT_EQ(out.rows_size(), 1);
  EXPECT_EQ(out.rows(0).provider_ods(), "RXX");
  EXPECT_EQ(out.rows(0).local_authority(), "E09000001");
  EXPECT_EQ(out.rows(0).patients(), 2);
  EXPECT_EQ(out.rows(0).acute().total_days(), 34);
  ASSERT_TRUE(out.rows(0).has_snapshot_patients());
  EXPECT_EQ(out.rows(0).snapshot_patients(), 1);

  ASSERT_EQ(out.local_authorities_size(), 1);
  const auto& la = out.local_authorities(0);
  EXPECT_EQ(la.local_authority(), "E09000001");
  EXPECT_EQ(la.days().total_days(), 34);
  EXPECT_EQ(la.social_care_days(), 7);
  EXPECT_THAT(la.dtoc_beds(), DoubleNear(34.0 / 31.0, 1e-9));
  EXPECT_THAT(la.social_care_beds(), DoubleNear(7.0 / 31.0, 1e-9));
  ASSERT_TRUE(la.has_adult_population());
  EXPECT_EQ(la.adult_population(), 100000);
  // Per 100,000 adults with exactly 100,000 adults: the beds themselves.
  ASSERT_TRUE(la.has_rate_per_100k());
  EXPECT_THAT(la.rate_per_100k(), DoubleNear(34.0 / 31.0, 1e-9));
  ASSERT_TRUE(la.has_social_care_rate_per_100k());
  EXPECT_THAT(la.social_care_rate_per_100k(), DoubleNear(7.0 / 31.0, 1e-9));
  ASSERT_TRUE(la.has_meets_2017_social_care_test());
  EXPECT_TRUE(la.meets_2017_social_care_test());  // 0.226 <= 2.6
}

TEST_F(ReportTest, DelayedTransfersMonthlyDefaultsAsAtToTheServerClock) {
  BuildScenario();
  // Now is 8 Mar 12:00: the days ending by 8 Mar 00:00 count. A: 3..7 = 5, B: 5..7 = 3.
  clock_.Set(T("2026-03-08T12:00:00Z"));
  v1::DelayedTransfersMonthlyRequest request;
  request.set_year(2026);
  request.set_month(3);
  v1::DelayedTransfersMonthlyResponse out;
  grpc::Status status = Dtoc(request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.acute().total_days(), 8);
  // Before the month's last Thursday: no snapshot, and no population given: no rates.
  EXPECT_FALSE(out.has_snapshot_patients());
  ASSERT_EQ(out.local_authorities_size(), 1);
  EXPECT_FALSE(out.local_authorities(0).has_rate_per_100k());
  EXPECT_FALSE(out.local_authorities(0).has_meets_2017_social_care_test());
}

TEST_F(ReportTest, DelayedTransfersMonthlyRejectsBadMonthYearAndPopulation) {
  v1::DelayedTransfersMonthlyRequest request;
  request.set_year(2026);
  request.set_month(13);
  v1::DelayedTransfersMonthlyResponse out;
  grpc::Status status = Dtoc(request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("month"));

  request.set_month(3);
  request.set_year(1899);
  EXPECT_EQ(Dtoc(request, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  request.set_year(2026);
  (*request.mutable_adult_population())["E09000001"] = 0;
  status = Dtoc(request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("E09000001"));
}

TEST_F(ReportTest, DischargeReadyDailyOnTheDischargeDay) {
  BuildScenario();
  v1::DischargeReadyDailyResponse out;
  grpc::Status status = Daily(DailyRequest(D(2026, 3, 10), "2026-03-11T12:00:00Z"), &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.day().day(), 10);
  // as_at after the day: the position is the midnight ending 10 Mar.
  EXPECT_EQ(out.position_at().seconds(), workflow::ToUnixSeconds(T("2026-03-11T00:00:00Z")));
  EXPECT_EQ(out.not_meeting_criteria(), 1);  // B
  EXPECT_EQ(out.discharges(), 1);            // A
  ASSERT_EQ(out.discharges_by_pathway_size(), 1);
  EXPECT_EQ(out.discharges_by_pathway(0).pathway(), v1::PATHWAY_1);
  EXPECT_EQ(out.discharges_by_pathway(0).discharges(), 1);
  EXPECT_EQ(out.discharges_pathway_unknown(), 0);
  // A's discharge delay: 10 Mar - 3 Mar = 7 days.
  ASSERT_EQ(out.discharge_delay_bands_size(), 1);
  EXPECT_EQ(out.discharge_delay_bands(0).band(), v1::DISCHARGE_DELAY_BAND_7_TO_13_DAYS);
  EXPECT_EQ(out.discharge_delay_bands(0).discharges(), 1);
  EXPECT_EQ(out.discharges_without_drd(), 0);
  // B's current delay at the end of 10 Mar: 11 Mar - 5 Mar = 6, under 7.
  EXPECT_EQ(out.delayed_7_plus().patients(), 0);

  // Another provider's view of the same day is empty.
  auto other = DailyRequest(D(2026, 3, 10), "2026-03-11T12:00:00Z");
  other.set_provider_ods("RYY");
  ASSERT_TRUE(Daily(other, &out).ok());
  EXPECT_EQ(out.not_meeting_criteria(), 0);
  EXPECT_EQ(out.discharges(), 0);
}

TEST_F(ReportTest, DischargeReadyDailyCountsLongDelays) {
  BuildScenario();
  v1::DischargeReadyDailyResponse out;
  grpc::Status status = Daily(DailyRequest(D(2026, 3, 11), "2026-03-12T12:00:00Z"), &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.discharges(), 0);
  EXPECT_EQ(out.not_meeting_criteria(), 1);
  // B at the end of 11 Mar: 12 Mar - 5 Mar = 7 delayed days; no reason recorded.
  EXPECT_EQ(out.delayed_7_plus().patients(), 1);
  EXPECT_EQ(out.delayed_7_plus().reason_not_recorded(), 1);
  EXPECT_EQ(out.delayed_7_plus().attribution_not_recorded(), 1);
  EXPECT_EQ(out.delayed_7_plus().by_reason_size(), 0);
  EXPECT_EQ(out.delayed_21_plus().patients(), 0);
}

TEST_F(ReportTest, DischargeReadyDailyWithoutAsAtTakesThePositionNow) {
  BuildScenario();
  // The clock is still at 2 Mar 09:00, inside the day: the position is taken now.
  v1::DischargeReadyDailyResponse out;
  grpc::Status status = Daily(DailyRequest(D(2026, 3, 2), nullptr), &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.position_at().seconds(), workflow::ToUnixSeconds(kStart));
  EXPECT_EQ(out.not_meeting_criteria(), 0);
}

TEST_F(ReportTest, DischargeReadyDailyRejectsABadDayOrAsAt) {
  v1::DischargeReadyDailyResponse out;
  v1::DischargeReadyDailyRequest no_day;
  EXPECT_EQ(Daily(no_day, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Daily(DailyRequest(D(2026, 2, 30), nullptr), &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  grpc::Status status = Daily(DailyRequest(D(2026, 3, 10), "2026-03-09T12:00:00Z"), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("as_at"));
  // No as_at, and the day has not begun by the server's clock (2 Mar).
  EXPECT_EQ(Daily(DailyRequest(D(2026, 3, 3), nullptr), &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ReportTest, ChcTimelinessCountsDecisionsAndBreaches) {
  BuildScenario();
  v1::ChcTimelinessRequest request;
  request.set_year(2026);
  request.set_month(3);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));
  v1::ChcTimelinessResponse out;
  grpc::Status status = Chc(request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.year(), 2026);
  EXPECT_EQ(out.month(), 3);
  // A: received 3 Mar, decided 6 Mar (day 3 <= 28). B: received 2 Mar, no decision; its breach
  // instant is the start of 2 Mar + 29 = 31 Mar, passed by the month's end.
  EXPECT_EQ(out.total().decided(), 1);
  EXPECT_EQ(out.total().decided_within_28_days(), 1);
  ASSERT_TRUE(out.total().has_percent_within_28_days());
  EXPECT_THAT(out.total().percent_within_28_days(), DoubleNear(100.0, 1e-9));
  EXPECT_EQ(out.total().incomplete_over_28_days(), 1);
  EXPECT_EQ(out.total().fast_track(), 0);
  ASSERT_EQ(out.by_icb_size(), 1);
  EXPECT_EQ(out.by_icb(0).icb(), "QXX");
  EXPECT_EQ(out.by_icb(0).counts().decided(), 1);
  EXPECT_EQ(out.by_icb(0).counts().incomplete_over_28_days(), 1);

  // As at 5 Mar 12:00, A's decision had not been made and B's 28 days had not passed.
  *request.mutable_as_at() = Wire(T("2026-03-05T12:00:00Z"));
  ASSERT_TRUE(Chc(request, &out).ok());
  EXPECT_EQ(out.total().decided(), 0);
  EXPECT_FALSE(out.total().has_percent_within_28_days());
  EXPECT_EQ(out.total().incomplete_over_28_days(), 0);
}

TEST_F(ReportTest, ChcTimelinessRejectsBadMonthOrYear) {
  v1::ChcTimelinessRequest request;
  request.set_year(2026);
  request.set_month(0);
  v1::ChcTimelinessResponse out;
  grpc::Status status = Chc(request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("month"));
  request.set_month(3);
  request.set_year(10000);
  EXPECT_EQ(Chc(request, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ReportTest, ReimbursementUnderTheDefaultRuleSetOwesNothing) {
  // Discharge to assess 2022 (the default) has no notices, so no liability arises.
  BuildScenario();
  v1::ReimbursementRequest request;
  *request.mutable_from_day() = D(2026, 3, 1);
  *request.mutable_to_day() = D(2026, 3, 31);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));
  v1::ReimbursementResponse out;
  grpc::Status status = Reimburse(request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.from_day().day(), 1);
  EXPECT_EQ(out.to_day().day(), 31);
  EXPECT_EQ(out.to_day().month(), 3);
  EXPECT_EQ(out.local_authorities_size(), 0);
  EXPECT_EQ(out.liable_days(), 0);
  EXPECT_EQ(out.amount_pence(), 0);
}

TEST_F(ReportTest, ReimbursementRejectsABadPeriod) {
  v1::ReimbursementRequest request;
  v1::ReimbursementResponse out;
  *request.mutable_to_day() = D(2026, 3, 31);
  EXPECT_EQ(Reimburse(request, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  *request.mutable_from_day() = D(2026, 4, 1);
  grpc::Status status = Reimburse(request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("from_day"));
  *request.mutable_from_day() = D(2026, 13, 1);
  EXPECT_EQ(Reimburse(request, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Reports read each case's stored facts; a case whose facts are missing (a file from before
// schema 5) or unreadable is replayed instead, with the same figures.
TEST_F(ReportTest, ReportsGiveTheSameFiguresFromStoredFactsAndFromReplay) {
  BuildScenario();
  const std::string db = dir_.File("tocflow.db");
  EXPECT_EQ(::tocflow::testing::RawCount(db, "SELECT COUNT(*) FROM cases WHERE facts IS NOT NULL"),
            2);
  v1::DelayedTransfersMonthlyRequest request;
  request.set_year(2026);
  request.set_month(3);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));
  v1::DelayedTransfersMonthlyResponse stored;
  ASSERT_TRUE(Dtoc(request, &stored).ok());
  EXPECT_EQ(stored.acute().total_days(), 34);

  ::tocflow::testing::RawExec(db,
                              "UPDATE cases SET facts = x'ffff' WHERE case_id = "
                              "(SELECT MIN(case_id) FROM cases);"
                              "UPDATE cases SET facts = NULL WHERE case_id = "
                              "(SELECT MAX(case_id) FROM cases);");
  EXPECT_EQ(::tocflow::testing::RawCount(db, "SELECT COUNT(*) FROM cases WHERE facts IS NOT NULL"),
            1);
  v1::DelayedTransfersMonthlyResponse replayed;
  ASSERT_TRUE(Dtoc(request, &replayed).ok());
  EXPECT_EQ(replayed.SerializeAsString(), stored.SerializeAsString());
}

TEST_F(ReportTest, DelayedTransfersMonthlyForOneLocalAuthority) {
  BuildScenario();
  v1::DelayedTransfersMonthlyRequest request;
  request.set_year(2026);
  request.set_month(3);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));
  (*request.mutable_adult_population())["E09000001"] = 100000;
  (*request.mutable_adult_population())["E09000002"] = 50000;
  request.set_local_authority("E09000001");
  v1::DelayedTransfersMonthlyResponse out;
  ASSERT_TRUE(Dtoc(request, &out).ok());
  EXPECT_EQ(out.acute().total_days(), 34);     // both cases are E09000001's
  ASSERT_EQ(out.local_authorities_size(), 1);  // E09000002's population entry is left out
  EXPECT_EQ(out.local_authorities(0).local_authority(), "E09000001");

  request.set_local_authority("E09000002");  // an LA with no cases: an empty return
  ASSERT_TRUE(Dtoc(request, &out).ok());
  EXPECT_EQ(out.rows_size(), 0);
  EXPECT_EQ(out.acute().total_days(), 0);
  ASSERT_EQ(out.local_authorities_size(), 1);
  EXPECT_EQ(out.local_authorities(0).days().total_days(), 0);
  EXPECT_EQ(out.local_authorities(0).adult_population(), 50000);
}

}  // namespace
}  // namespace tocflow::server::testing
