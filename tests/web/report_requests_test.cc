#include "web/report_requests.h"

#include <gtest/gtest.h>

namespace tocflow::web {
namespace {

TEST(ReportRequests, ReadsMonthAndPopulations) {
  auto request = ParseDtocRequest({{"month", "2026-10"}, {"population", "E1:250000,E2:9"}});
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->year(), 2026);
  EXPECT_EQ(request->month(), 10);
  EXPECT_EQ(request->adult_population().at("E1"), 250000);
  EXPECT_EQ(request->adult_population().at("E2"), 9);
  EXPECT_EQ(request->local_authority(), "");  // every LA
  auto one_la = ParseDtocRequest({{"month", "2026-10"}, {"la", "E09000007"}});
  ASSERT_TRUE(one_la.ok()) << one_la.status();
  EXPECT_EQ(one_la->local_authority(), "E09000007");
  EXPECT_FALSE(ParseDtocRequest({{"month", "10/2026"}}).ok());
  EXPECT_FALSE(ParseDtocRequest({{"month", "2026-10"}, {"population", "E1=5"}}).ok());
  EXPECT_FALSE(ParseDtocRequest({}).ok());
}

TEST(ReportRequests, ReadsDaysForDailyAndReimbursement) {
  auto drd = ParseDrdRequest({{"day", "2026-10-03"}, {"provider_ods", "RXX"}});
  ASSERT_TRUE(drd.ok());
  EXPECT_EQ(drd->day().year(), 2026);
  EXPECT_EQ(drd->day().day(), 3);
  EXPECT_EQ(drd->provider_ods(), "RXX");
  auto bad = ParseDrdRequest({{"day", "3 Oct"}});
  EXPECT_NE(std::string(bad.status().message()).find("day"), std::string::npos);
  auto money = ParseReimbursementRequest({{"from", "2026-10-01"}, {"to", "2026-10-31"}});
  ASSERT_TRUE(money.ok());
  EXPECT_EQ(money->to_day().day(), 31);
  EXPECT_FALSE(ParseReimbursementRequest({{"from", "2026-10-01"}}).ok());
  auto chc = ParseChcRequest({{"month", "2026-02"}});
  ASSERT_TRUE(chc.ok());
  EXPECT_EQ(chc->month(), 2);
}

}  // namespace
}  // namespace tocflow::web
