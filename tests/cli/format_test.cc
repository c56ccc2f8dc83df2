#include "cli/format.h"

#include <gtest/gtest.h>

#include "tocflow/v1/common.pb.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

TEST(Format, UkDateAndLondonTime) {
  v1::Date d;
  d.set_year(2026);
  d.set_month(10);
  d.set_day(3);
  EXPECT_EQ(FormatUkDate(d), "03/10/2026");
  EXPECT_EQ(FormatUkDate(v1::Date()), "");
  google::protobuf::Timestamp summer;
  summer.set_seconds(1791032400);  // 2026-10-03T13:00:00Z = 14:00 BST
  EXPECT_EQ(FormatUkDateTime(summer), "03/10/2026 14:00");
  google::protobuf::Timestamp winter;
  winter.set_seconds(1795525200);  // 2026-11-24T13:00:00Z = 13:00 GMT
  EXPECT_EQ(FormatUkDateTime(winter), "24/11/2026 13:00");
  EXPECT_EQ(FormatUkDateTime(google::protobuf::Timestamp()), "");
}

TEST(Format, NhsNumberThreeThreeFour) {
  EXPECT_EQ(FormatNhs("9434765919"), "943 476 5919");
  EXPECT_EQ(FormatNhs(""), "");
  EXPECT_EQ(FormatNhs("123"), "123");
}

TEST(Format, EnumShortNamesAndParsing) {
  EXPECT_EQ(EnumShortName(v1::Pathway_descriptor(), v1::PATHWAY_1), "1");
  EXPECT_EQ(EnumShortName(v1::Role_descriptor(), v1::ROLE_CHC_COORDINATOR), "chc_coordinator");
  EXPECT_EQ(EnumShortName(v1::Role_descriptor(), 0), "");
  EXPECT_EQ(*ParseEnum(v1::Pathway_descriptor(), "1"), v1::PATHWAY_1);
  EXPECT_EQ(*ParseEnum(v1::Pathway_descriptor(), "PATHWAY_3"), v1::PATHWAY_3);
  EXPECT_EQ(*ParseEnum(v1::Role_descriptor(), "chc-coordinator"), v1::ROLE_CHC_COORDINATOR);
  EXPECT_EQ(*ParseEnum(v1::ChecklistScore_descriptor(), "b"), v1::CHECKLIST_SCORE_B);
  auto bad = ParseEnum(v1::Pathway_descriptor(), "7");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("0|1|2|3"), std::string::npos) << bad.status();
  EXPECT_FALSE(ParseEnum(v1::Pathway_descriptor(), "unspecified").ok());
}

TEST(Format, ParsesDatesInIsoAndUkForm) {
  EXPECT_EQ(ParseDate("2026-10-03")->day(), 3);
  auto uk = ParseDate("03/10/2026");
  ASSERT_TRUE(uk.ok());
  EXPECT_EQ(uk->month(), 10);
  EXPECT_FALSE(ParseDate("2026-02-30").ok());
  EXPECT_FALSE(ParseDate("tomorrow").ok());
}

TEST(Format, ParsesTimestampsZonedAndLondonLocal) {
  EXPECT_EQ(ParseTimestamp("2026-10-03T13:00:00Z")->seconds(), 1791032400);
  EXPECT_EQ(ParseTimestamp("2026-10-03T14:00+01:00")->seconds(), 1791032400);
  EXPECT_EQ(ParseTimestamp("2026-10-03 14:00")->seconds(), 1791032400);  // BST
  EXPECT_EQ(ParseTimestamp("03/10/2026 14:00")->seconds(), 1791032400);
  EXPECT_EQ(ParseTimestamp("2026-11-24 13:00")->seconds(), 1795525200);  // GMT
  EXPECT_EQ(ParseTimestamp("2026-10-03")->seconds(), 1790982000);        // 00:00 BST
  EXPECT_FALSE(ParseTimestamp("2026-10-03 25:00").ok());
  EXPECT_FALSE(ParseTimestamp("yesterday").ok());
}

TEST(Format, MonthsBoolsAndPounds) {
  int y = 0, m = 0;
  EXPECT_TRUE(ParseMonth("2026-10", &y, &m).ok());
  EXPECT_EQ(y, 2026);
  EXPECT_EQ(m, 10);
  EXPECT_FALSE(ParseMonth("2026-13", &y, &m).ok());
  EXPECT_TRUE(*ParseBool("yes"));
  EXPECT_FALSE(*ParseBool("False"));
  EXPECT_FALSE(ParseBool("maybe").ok());
  EXPECT_EQ(FormatPounds(13000), "£130.00");
  EXPECT_EQ(FormatPounds(5), "£0.05");
}

}  // namespace
}  // namespace tocflow::cli
