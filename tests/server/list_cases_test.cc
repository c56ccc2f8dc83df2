// ListCases against a real tocflowd: every filter, the open/closed split and the orderings.
#include <gmock/gmock.h>

#include <map>
#include <set>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using Ids = std::vector<std::string>;

class ListCasesTest : public ServerTest {
 protected:
  Ids List(v1::ListCasesRequest request) {
    grpc::ClientContext context;
    v1::ListCasesResponse out;
    grpc::Status status = cases_->ListCases(&context, request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    Ids ids;
    for (const auto& summary : out.cases()) ids.push_back(summary.case_id());
    return ids;
  }
  // Opens a case admitted `hours` after kStart.
  std::string CreateAdmittedAt(const std::string& spell, int hours) {
    v1::CreateCaseRequest request = Opening("open-" + spell, spell);
    *request.mutable_opening()->mutable_admitted_at() = Wire(kStart + std::chrono::hours(hours));
    grpc::ClientContext context;
    v1::Case created;
    grpc::Status status = cases_->CreateCase(&context, request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.case_id();
  }
  static std::set<std::string> Set(const Ids& ids) { return {ids.begin(), ids.end()}; }

  void Move(const std::string& id, const std::string& request_id, int hours, v1::Event event) {
    v1::RecordEventResponse response;
    grpc::Status status =
        Record(id, request_id, kStart + std::chrono::hours(hours), event, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
};

TEST_F(ListCasesTest, ClosedAndDischargedCasesAreHiddenUnlessAskedFor) {
  const std::string open = Create("S1");
  const std::string died = Create("S2");
  const std::string cancelled = Create("S3");
  const std::string home = Create("S4");
  v1::Event event;
  event.mutable_died();
  Move(died, "r-died", 1, event);
  event.Clear();
  event.mutable_admission_cancelled();
  Move(cancelled, "r-cancel", 1, event);
  event.Clear();
  event.mutable_discharged()->set_destination("home");
  Move(home, "r-home", 1, event);

  EXPECT_THAT(List({}), ::testing::ElementsAre(open));
  v1::ListCasesRequest all;
  all.mutable_filter()->set_include_closed(true);
  grpc::ClientContext context;
  v1::ListCasesResponse out;
  ASSERT_TRUE(cases_->ListCases(&context, all, &out).ok());
  std::map<std::string, bool> closed;
  for (const auto& summary : out.cases()) closed[summary.case_id()] = summary.closed();
  EXPECT_EQ(closed, (std::map<std::string, bool>{
                        {open, false}, {died, true}, {cancelled, true}, {home, true}}));
}

TEST_F(ListCasesTest, FiltersOnIdentifiersOrganisationsAndSpell) {
  const std::string a = Create("S1", "W1", "RXX");
  const std::string b = Create("S2", "W2", "RXX");
  // The same spell number at another provider.
  v1::CreateCaseRequest other = Opening("open-S1-RYY", "S1", "W1", "RYY");
  grpc::ClientContext other_context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&other_context, other, &created).ok());
  const std::string c = created.case_id();

  v1::ListCasesRequest by_spell;
  by_spell.mutable_filter()->set_spell_id("S1");
  EXPECT_EQ(Set(List(by_spell)), (std::set<std::string>{a, c}));
  by_spell.mutable_filter()->set_provider_ods("RYY");
  EXPECT_THAT(List(by_spell), ::testing::ElementsAre(c));

  v1::ListCasesRequest by_local_id;
  by_local_id.mutable_filter()->set_local_patient_id("MRN-S2");
  EXPECT_THAT(List(by_local_id), ::testing::ElementsAre(b));

  v1::ListCasesRequest by_nhs;
  by_nhs.mutable_filter()->set_nhs_number("9434765919");
  EXPECT_EQ(List(by_nhs).size(), 3u);
  by_nhs.mutable_filter()->set_nhs_number("9990500002");
  EXPECT_TRUE(List(by_nhs).empty());

  v1::ListCasesRequest by_la;
  by_la.mutable_filter()->set_local_authority("E09000001");
  EXPECT_EQ(List(by_la).size(), 3u);
  by_la.mutable_filter()->set_local_authority("E09000002");
  EXPECT_TRUE(List(by_la).empty());

  v1::ListCasesRequest by_icb;
  by_icb.mutable_filter()->set_icb("QXX");
  by_icb.mutable_filter()->set_ward("W2");
  EXPECT_THAT(List(by_icb), ::testing::ElementsAre(b));
}

TEST_F(ListCasesTest, DelayedLongerThanDaysAndLongestDelayFirst) {
  const std::string early = Create("S1");
  const std::string late = Create("S2");
  const std::string not_ready = Create("S3");
  Move(early, "r-early", 1, ReadyForDischarge());
  Move(late, "r-late", 24 * 4, ReadyForDischarge());
  clock_.Advance(std::chrono::hours(24 * 10));

  v1::ListCasesRequest delayed;
  delayed.mutable_filter()->set_delayed_longer_than_days(7);
  EXPECT_THAT(List(delayed), ::testing::ElementsAre(early));
  delayed.mutable_filter()->set_delayed_longer_than_days(3);
  EXPECT_EQ(Set(List(delayed)), (std::set<std::string>{early, late}));
  delayed.mutable_filter()->set_delayed_longer_than_days(30);
  EXPECT_TRUE(List(delayed).empty());

  v1::ListCasesRequest by_delay;
  by_delay.set_order_by(v1::CASE_ORDER_DELAY_DESCENDING);
  EXPECT_THAT(List(by_delay), ::testing::ElementsAre(early, late, not_ready));
}

TEST_F(ListCasesTest, DeadlineDueBeforeAndSoonestDeadlineFirst) {
  const std::string a = Create("S1");
  v1::Case got;
  ASSERT_TRUE(Get(a, &got).ok());
  ASSERT_GT(got.open_deadlines_size(), 0) << "an opened case has no pending deadline";
  int64_t soonest = got.open_deadlines(0).due().seconds();
  for (const auto& deadline : got.open_deadlines()) {
    soonest = std::min<int64_t>(soonest, deadline.due().seconds());
  }
  clock_.Advance(std::chrono::hours(2));
  const std::string b = CreateAdmittedAt("S2", 2);  // admitted later: its deadlines fall later

  v1::ListCasesRequest due;
  due.mutable_filter()->mutable_deadline_due_before()->set_seconds(soonest + 1);
  EXPECT_THAT(List(due), ::testing::ElementsAre(a));
  due.mutable_filter()->mutable_deadline_due_before()->set_seconds(soonest);
  EXPECT_TRUE(List(due).empty());

  v1::ListCasesRequest by_deadline;
  by_deadline.set_order_by(v1::CASE_ORDER_NEXT_DEADLINE);
  EXPECT_THAT(List(by_deadline), ::testing::ElementsAre(a, b));
}

}  // namespace
}  // namespace tocflow::server::testing
