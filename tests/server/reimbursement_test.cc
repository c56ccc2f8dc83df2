// Reimbursement end to end: a Care Act 2014 case driven through its notices by RPCs while the
// injected clock moves and the scheduler fires the relevant day, then the report owes money.
#include <gmock/gmock.h>

#include "server_fixture.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace tocflow::server::testing {
namespace {

v1::Date Day(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

class ReimbursementTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    reports_ = v1::ReportService::NewStub(channel_);
  }

  // Moves the clock to `utc` (the scheduler fires what fell due), then records `event` then.
  void RecordAt(const std::string& case_id, const char* utc, v1::Event event) {
    const workflow::Timestamp at = T(utc);
    if (at > clock_.Now())
      clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(at - clock_.Now()));
    server_->PokeScheduler();
    v1::RecordEventResponse response;
    grpc::Status status = Record(case_id, "r" + std::to_string(++sequence_), at, event, &response);
    ASSERT_TRUE(status.ok()) << utc << ": " << status.error_message();
  }

  std::unique_ptr<v1::ReportService::Stub> reports_;
  int sequence_ = 0;
};

TEST_F(ReimbursementTest, LateLaAssessmentUnderTheCareAct2014OwesThreeDaysAtTheStandardRate) {
  v1::CreateCaseRequest opening = Opening("open-V1", "V1");
  opening.mutable_opening()->set_rule_set(v1::RULE_SET_CARE_ACT_2014);
  grpc::ClientContext context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&context, opening, &created).ok());
  const std::string id = created.case_id();
  // Watch the case, to know when the scheduler has fired the relevant day.
  v1::WatchAlertsRequest watch_request;
  watch_request.mutable_filter()->set_case_id(id);
  watch_request.set_after_cursor(0);
  Watcher watch(alerts_.get(), watch_request);

  v1::Event event;
  *event.mutable_expected_discharge_date_set()->mutable_expected_discharge_date() = Day(2026, 3, 6);
  RecordAt(id, "2026-03-03T09:00:00Z", event);
  RecordAt(id, "2026-03-05T11:00:00Z", ReadyForDischarge());
  event.Clear();
  event.mutable_pathway_agreed()->set_pathway(v1::PATHWAY_1);
  RecordAt(id, "2026-03-05T12:00:00Z", event);
  // Awaiting a care package at home, attributed to social care: the LA is liable once the
  // relevant day passes.
  event.Clear();
  event.mutable_delay_reason_recorded()->set_dtoc(v1::DTOC_REASON_E);
  event.mutable_delay_reason_recorded()->set_attribution(v1::ATTRIBUTION_SOCIAL_CARE);
  RecordAt(id, "2026-03-05T12:30:00Z", event);
  // Friday 15:10: treated as given on Saturday; the minimum period is Sunday and Monday.
  event.Clear();
  auto* notice = event.mutable_assessment_notice_given();
  notice->set_patient_consulted(true);
  notice->set_carer_consulted(true);
  notice->set_chc_considered(true);
  notice->set_chc_outcome("Checklist negative");
  RecordAt(id, "2026-03-06T15:10:00Z", event);
  event.Clear();
  event.mutable_la_assessment_started();
  RecordAt(id, "2026-03-09T09:00:00Z", event);
  event.Clear();
  *event.mutable_discharge_notice_given()->mutable_proposed_discharge_date() = Day(2026, 3, 10);
  RecordAt(id, "2026-03-09T10:00:00Z", event);

  // Wednesday: the relevant day (Tuesday) has passed with the LA's assessment unfinished.
  clock_.Advance(
      std::chrono::duration_cast<std::chrono::seconds>(T("2026-03-11T08:00:00Z") - clock_.Now()));
  server_->PokeScheduler();
  ASSERT_TRUE([&] {
    for (int attempt = 0; attempt < 40; ++attempt) {
      for (const auto& alert : watch.received()) {
        if (alert.has_pence_per_day()) return true;
      }
      watch.WaitFor(watch.received().size() + 1, std::chrono::seconds(1));
    }
    return false;
  }()) << "no alert of liability accruing; " << [&] {
    v1::Case now;
    EXPECT_TRUE(Get(id, &now).ok());
    return now.DebugString();
  }();

  event.Clear();
  event.mutable_la_assessment_completed()->set_services_decided("home care, four calls a day");
  RecordAt(id, "2026-03-12T16:00:00Z", event);
  event.Clear();
  event.mutable_discharged()->set_destination("usual residence");
  RecordAt(id, "2026-03-13T11:00:00Z", event);

  v1::ReimbursementRequest request;
  *request.mutable_from_day() = Day(2026, 3, 1);
  *request.mutable_to_day() = Day(2026, 3, 31);
  *request.mutable_as_at() = Wire(T("2026-04-01T12:00:00Z"));
  v1::ReimbursementResponse out;
  grpc::ClientContext report_context;
  grpc::Status status = reports_->Reimbursement(&report_context, request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Wednesday 11, Thursday 12 and Friday 13 March at £130 a day.
  EXPECT_EQ(out.liable_days(), 3);
  EXPECT_EQ(out.amount_pence(), 3 * 13000);
  ASSERT_EQ(out.local_authorities_size(), 1);
  const auto& la = out.local_authorities(0);
  EXPECT_EQ(la.local_authority(), "E09000001");
  EXPECT_FALSE(la.higher_rate());
  EXPECT_EQ(la.amount_pence(), 39000);
  ASSERT_EQ(la.cases_size(), 1);
  EXPECT_EQ(la.cases(0).case_id(), id);
  EXPECT_EQ(la.cases(0).spell_id(), "V1");
  EXPECT_EQ(la.cases(0).liable_days(), 3);
}

}  // namespace
}  // namespace tocflow::server::testing
