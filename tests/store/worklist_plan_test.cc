// The worklists of open cases (ListCases' default) read the indexes of open cases only (schema
// 6): checked on the query plan SQLite chooses for the SQL the store really runs, so that a
// change to how QueryCasePage writes its terms cannot quietly fall back to reading every case
// an organisation ever had.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "case_list.h"
#include "store/store.h"
#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The query plan's lines for the first page of `filter`.
std::string PlanOf(const std::string& path, const CaseFilter& filter) {
  absl::StatusOr<internal::CasePageQuery> query = internal::BuildCasePageQuery(filter, 50, "");
  EXPECT_TRUE(query.ok()) << query.status();
  if (!query.ok()) return "";
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement explain(db, "EXPLAIN QUERY PLAN " + query->sql);
  internal::BindAll(explain, query->values);
  std::string plan;
  while (explain.executeStep()) plan += explain.getColumn(3).getString() + "\n";
  return plan;
}

CaseFilter OpenCases(CaseOrder order) {
  CaseFilter filter;
  filter.discharged = false;
  filter.closed = false;
  filter.order = order;
  return filter;
}

class WorklistPlanTest : public StoreTest {};

TEST_F(WorklistPlanTest, OpenCaseWorklistsUseTheOpenCaseIndexes) {
  MustCommit({Open("c1"), Open("c2")});

  CaseFilter ward = OpenCases(CaseOrder::kCaseId);
  ward.provider_ods = "RXX";
  ward.ward = "Ward 7";
  EXPECT_THAT(PlanOf(path_, ward), HasSubstr("cases_open_by_ward"));
  ward.order = CaseOrder::kOpenedAt;
  EXPECT_THAT(PlanOf(path_, ward), HasSubstr("cases_open_by_ward"));

  CaseFilter site = OpenCases(CaseOrder::kCaseId);
  site.provider_ods = "RXX";
  site.site = "Main";
  EXPECT_THAT(PlanOf(path_, site), HasSubstr("cases_open_by_site"));

  CaseFilter la_delayed = OpenCases(CaseOrder::kReadySince);
  la_delayed.local_authority = "E09000001";
  la_delayed.ready = true;
  EXPECT_THAT(PlanOf(path_, la_delayed), HasSubstr("cases_open_by_local_authority"));

  CaseFilter icb = OpenCases(CaseOrder::kReadySince);
  icb.icb = "QWE";
  EXPECT_THAT(PlanOf(path_, icb), HasSubstr("cases_open_by_icb"));

  CaseFilter due = OpenCases(CaseOrder::kNextDeadlineAt);
  due.deadline_before = T(2'000'000);
  EXPECT_THAT(PlanOf(path_, due), HasSubstr("cases_open_by_next_deadline"));

  CaseFilter longest_waits = OpenCases(CaseOrder::kReadySince);
  longest_waits.ready = true;
  EXPECT_THAT(PlanOf(path_, longest_waits), HasSubstr("cases_open_by_ready_since"));
}

TEST_F(WorklistPlanTest, AListThatIncludesClosedCasesUsesTheIndexOfEveryCase) {
  MustCommit({Open("c1")});
  CaseFilter ward;
  ward.provider_ods = "RXX";
  ward.ward = "Ward 7";
  const std::string plan = PlanOf(path_, ward);
  EXPECT_THAT(plan, HasSubstr("cases_by_ward"));
  EXPECT_THAT(plan, Not(HasSubstr("cases_open_by")));
}

}  // namespace
}  // namespace tocflow::store::testing
