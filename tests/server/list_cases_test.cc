// ListCases against a real tocflowd: every filter, the open/closed split and the orderings.
#include <gmock/gmock.h>

#include <map>
#include <set>

#include "server_fixture.h"
#include "support/raw_sqlite.h"

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

TEST_F(ListCasesTest, EachLineCarriesWhatABoardShows) {
  const std::string id = Create("S1");
  v1::Event event;
  auto* edd = event.mutable_expected_discharge_date_set()->mutable_expected_discharge_date();
  edd->set_year(2026);
  edd->set_month(3);
  edd->set_day(4);
  Move(id, "r-edd", 1, event);
  Move(id, "r-ready", 1, ReadyForDischarge());
  event.Clear();
  event.mutable_pathway_agreed()->set_pathway(v1::PATHWAY_2);
  Move(id, "r-pathway", 2, event);
  event.Clear();
  auto* reason = event.mutable_delay_reason_recorded();
  reason->set_dtoc(v1::DTOC_REASON_DII);
  reason->set_nctr(v1::NCTR_REASON_AWAITING_PATHWAY_2_CAPACITY);
  reason->set_attribution(v1::ATTRIBUTION_SOCIAL_CARE);
  Move(id, "r-reason", 3, event);
  event.Clear();
  event.mutable_party_assigned()->set_role(v1::ROLE_CARE_TRANSFER_HUB);
  event.mutable_party_assigned()->set_party("hub-nurse-1");
  Move(id, "r-party", 4, event);

  grpc::ClientContext context;
  v1::ListCasesResponse out;
  ASSERT_TRUE(cases_->ListCases(&context, {}, &out).ok());
  ASSERT_EQ(out.cases_size(), 1);
  const v1::CaseSummary& line = out.cases(0);
  EXPECT_EQ(line.identity().admitted_at().seconds(), workflow::ToUnixSeconds(kStart));
  EXPECT_EQ(line.pathway(), v1::PATHWAY_2);
  EXPECT_EQ(line.delay_reason().dtoc(), v1::DTOC_REASON_DII);
  EXPECT_EQ(line.delay_reason().nctr(), v1::NCTR_REASON_AWAITING_PATHWAY_2_CAPACITY);
  EXPECT_EQ(line.delay_reason().attribution(), v1::ATTRIBUTION_SOCIAL_CARE);
  ASSERT_EQ(line.parties_size(), 1);
  EXPECT_EQ(line.parties(0).role(), v1::ROLE_CARE_TRANSFER_HUB);
  EXPECT_EQ(line.parties(0).party(), "hub-nurse-1");

  // The next deadline (7 days delayed) with the owners GetCase gives for the same deadline.
  ASSERT_TRUE(line.has_next_deadline());
  EXPECT_EQ(line.next_deadline().kind(), v1::DEADLINE_KIND_DELAYED_SEVEN_DAYS);
  v1::Case full;
  ASSERT_TRUE(Get(id, &full).ok());
  bool compared = false;
  for (const v1::Deadline& d : full.open_deadlines()) {
    if (d.kind() != line.next_deadline().kind()) continue;
    compared = true;
    EXPECT_EQ(d.SerializeAsString(), line.next_deadline().SerializeAsString());
  }
  EXPECT_TRUE(compared);
  ASSERT_EQ(line.next_deadline().owners_size(), 2);
  EXPECT_EQ(line.next_deadline().owners(0).role(), v1::ROLE_CARE_TRANSFER_HUB);
  EXPECT_EQ(line.next_deadline().owners(0).party(), "hub-nurse-1");
  EXPECT_EQ(line.next_deadline().owners(1).role(), v1::ROLE_SENIOR_ESCALATION);
  EXPECT_EQ(line.next_deadline().owners(1).party(), "");
}

TEST_F(ListCasesTest, FiltersOnSite) {
  const std::string main_site = Create("S1");
  v1::CreateCaseRequest north = Opening("open-S2", "S2");
  north.mutable_opening()->set_site("North");
  grpc::ClientContext context;
  v1::Case created;
  ASSERT_TRUE(cases_->CreateCase(&context, north, &created).ok());

  v1::ListCasesRequest request;
  request.mutable_filter()->set_provider_ods("RXX");
  request.mutable_filter()->set_site("North");
  EXPECT_THAT(List(request), ::testing::ElementsAre(created.case_id()));
  request.mutable_filter()->set_site("Main");
  EXPECT_THAT(List(request), ::testing::ElementsAre(main_site));
  request.mutable_filter()->set_site("Elsewhere");
  EXPECT_TRUE(List(request).empty());
}

TEST_F(ListCasesTest, AFileUpgradedFromSchema3ShowsTheBoardColumnsOnceServed) {
  const std::string id = Create("S1");
  v1::Event event;
  event.mutable_party_assigned()->set_role(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  event.mutable_party_assigned()->set_party("sister-jones");
  Move(id, "r-party", 1, event);
  cases_.reset();
  alerts_.reset();
  channel_.reset();
  server_->Shutdown();
  server_.reset();
  // What migrating a schema-3 file leaves: the new columns empty and a rebuild filed.
  ::tocflow::testing::RawExec(dir_.File("tocflow.db"),
                              "UPDATE cases SET admitted_at = NULL, parties = '', "
                              "deadline_owners = ''; INSERT INTO maintenance VALUES "
                              "('rebuild_summaries')");
  StartServer();

  grpc::ClientContext context;
  v1::ListCasesResponse out;
  ASSERT_TRUE(cases_->ListCases(&context, {}, &out).ok());
  ASSERT_EQ(out.cases_size(), 1);
  EXPECT_EQ(out.cases(0).identity().admitted_at().seconds(), workflow::ToUnixSeconds(kStart));
  ASSERT_EQ(out.cases(0).parties_size(), 1);
  EXPECT_EQ(out.cases(0).parties(0).party(), "sister-jones");
  ASSERT_TRUE(out.cases(0).has_next_deadline());  // EDD missing, owned by the coordinator
  ASSERT_EQ(out.cases(0).next_deadline().owners_size(), 1);
  EXPECT_EQ(out.cases(0).next_deadline().owners(0).party(), "sister-jones");
}

}  // namespace
}  // namespace tocflow::server::testing
