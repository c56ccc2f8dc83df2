#include "cli/import_rows.h"

#include <gtest/gtest.h>

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

constexpr char kHeader[] =
    "nhs_number,local_patient_id,spell_id,provider_ods,site,ward,bed,setting,local_authority,icb,"
    "admitted_at,expected_discharge_date,ready_for_discharge_at,pathway\n";

CsvTable Table(const std::string& rows) {
  auto table = CsvTable::Parse(kHeader + rows);
  EXPECT_TRUE(table.ok()) << table.status();
  EXPECT_TRUE(CheckImportColumns(*table).ok());
  return *table;
}

TEST(ImportRows, PlansOpeningAndEventsWithStableRequestIds) {
  CsvTable table = Table(
      "943 476 5919,M1,S1,RXX,Main,Oak,B1,acute,E09000007,QMJ,2026-09-29 08:00,2026-10-06,"
      "2026-10-02 11:00,2\n");
  auto plan = PlanImportRow(table, table.rows()[0], "importer");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->line, 2);
  EXPECT_EQ(plan->key, "RXX:S1");
  EXPECT_EQ(plan->create.request_id(), "import:RXX:S1:open");
  EXPECT_EQ(plan->create.opening().nhs_number(), "9434765919");
  EXPECT_EQ(plan->create.opening().admission_method(), v1::ADMISSION_METHOD_OTHER);
  EXPECT_EQ(plan->create.opening().notice_exclusion(), v1::NOTICE_EXCLUSION_NONE);
  ASSERT_EQ(plan->events.size(), 3u);
  EXPECT_EQ(plan->events[0].request_id(), "import:RXX:S1:edd");
  // The pathway goes first, at the ready time, so that its 24-hour deadline is never set.
  EXPECT_EQ(plan->events[1].event().pathway_agreed().pathway(), v1::PATHWAY_2);
  EXPECT_TRUE(plan->events[2].event().has_ready_for_discharge());
  EXPECT_EQ(plan->events[1].occurred_at().seconds(), plan->events[2].occurred_at().seconds());
  EXPECT_EQ(plan->events[0].occurred_at().seconds(),
            plan->create.opening().admitted_at().seconds());
  auto again = PlanImportRow(table, table.rows()[0], "importer");
  EXPECT_EQ(again->events[2].request_id(), "import:RXX:S1:ready");
}

TEST(ImportRows, UntracedNhsNumber) {
  CsvTable table = Table(",M1,S1,RXX,,,,community,E1,QMJ,2026-09-29 08:00,,,\n");
  auto plan = PlanImportRow(table, table.rows()[0], "importer");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(plan->create.opening().nhs_number_untraced());
  EXPECT_TRUE(plan->events.empty());
}

TEST(ImportRows, GivesTheReasonARowCannotBeLoaded) {
  CsvTable table = Table(
      "1234567890,M1,S1,RXX,,,,acute,E1,QMJ,2026-09-29 08:00,,,\n"
      "9434765919,M1,,RXX,,,,acute,E1,QMJ,2026-09-29 08:00,,,\n"
      "9434765919,M1,S3,RXX,,,,ward,E1,QMJ,2026-09-29 08:00,,,\n"
      "9434765919,M1,S4,RXX,,,,acute,E1,QMJ,last tuesday,,,\n"
      "9434765919,M1,S5,RXX,,,,acute,E1,QMJ,2026-09-29 08:00,,2026-09-28 08:00,\n");
  std::vector<std::string> want = {"bad NHS number", "spell_id: missing value",
                                   "setting:", "admitted_at:", "before admitted_at"};
  for (size_t i = 0; i < want.size(); ++i) {
    auto plan = PlanImportRow(table, table.rows()[i], "importer");
    ASSERT_FALSE(plan.ok()) << i;
    EXPECT_NE(plan.status().message().find(want[i]), std::string::npos) << plan.status();
  }
}

TEST(ImportRows, ChecksTheHeader) {
  auto missing = CsvTable::Parse("nhs_number,spell_id\n");
  auto status = CheckImportColumns(*missing);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("local_patient_id"), std::string::npos);
  auto unknown = CsvTable::Parse(std::string(kHeader).substr(0, sizeof kHeader - 2) + ",colour\n");
  EXPECT_NE(CheckImportColumns(*unknown).message().find("colour"), std::string::npos);
}

}  // namespace
}  // namespace tocflow::cli
