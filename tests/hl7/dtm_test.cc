// HL7 DTM parsing: precision, fractional seconds, offsets, Europe/London without an offset.
#include "hl7/dtm.h"

#include <gtest/gtest.h>

#include <string>

#include "workflow/time.h"

namespace hl7 {
namespace {

std::string Utc(std::string_view text) {
  const absl::StatusOr<Dtm> d = ParseDtm(text);
  if (!d.ok()) return "error: " + std::string(d.status().message());
  return workflow::FormatUtc(d->instant);
}

TEST(Dtm, WinterLocalTimeIsGmt) {
  EXPECT_EQ(Utc("20130211100052"), "2013-02-11T10:00:52Z");
  EXPECT_EQ(Utc("201302111000"), "2013-02-11T10:00:00Z");
}

TEST(Dtm, SummerLocalTimeIsBst) {
  EXPECT_EQ(Utc("201010201716"), "2010-10-20T16:16:00Z");
  EXPECT_EQ(Utc("20040805000000"), "2004-08-04T23:00:00Z");
}

TEST(Dtm, PrecisionFollowsDigitCount) {
  const struct {
    const char* text;
    DtmPrecision precision;
    const char* utc;
  } cases[] = {
      {"20130211", DtmPrecision::kDay, "2013-02-11T00:00:00Z"},
      {"2013021110", DtmPrecision::kHour, "2013-02-11T10:00:00Z"},
      {"201302111005", DtmPrecision::kMinute, "2013-02-11T10:05:00Z"},
      {"20130211100559", DtmPrecision::kSecond, "2013-02-11T10:05:59Z"},
  };
  for (const auto& c : cases) {
    const absl::StatusOr<Dtm> d = ParseDtm(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status();
    EXPECT_EQ(d->precision, c.precision) << c.text;
    EXPECT_EQ(workflow::FormatUtc(d->instant), c.utc) << c.text;
    EXPECT_FALSE(d->has_offset);
  }
}

TEST(Dtm, OffsetOverridesLondon) {
  const absl::StatusOr<Dtm> d = ParseDtm("20140529080238.241+0100");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->has_offset);
  EXPECT_EQ(d->offset_minutes, 60);
  EXPECT_EQ(workflow::FormatUtc(d->instant), "2014-05-29T07:02:38Z");
  EXPECT_EQ(Utc("20250702085450+0000"), "2025-07-02T08:54:50Z");
  EXPECT_EQ(Utc("20130211100052-0530"), "2013-02-11T15:30:52Z");
  // In winter +0000 and local agree; in summer they do not.
  EXPECT_EQ(Utc("20130211100052+0000"), Utc("20130211100052"));
  EXPECT_NE(Utc("20130711100052+0000"), Utc("20130711100052"));
}

TEST(Dtm, ClockChangeHours) {
  // 2024-03-31 01:30 does not exist in London: read as 02:30 BST = 01:30 UTC.
  EXPECT_EQ(Utc("202403310130"), "2024-03-31T01:30:00Z");
  // 2024-10-27 01:30 happens twice: the first (BST) is taken.
  EXPECT_EQ(Utc("202410270130"), "2024-10-27T00:30:00Z");
}

TEST(Dtm, RefusesWhatIsNotADtm) {
  for (const char* bad : {"",
                          "2013",
                          "201302",
                          "11111",
                          "2013021",
                          "201302111",
                          "2013-02-11",
                          "2025-05-05 23:23:28",
                          "20131302",
                          "20130230",
                          "20130229",
                          "20130211240000",
                          "20130211106000",
                          "20130211100060",
                          "201302111000.5",
                          "20130211100052.",
                          "20130211100052.12345",
                          "20130211100052+01",
                          "20130211100052+1500",
                          "20130211100052Z",
                          "20000101+",
                          "00000101",
                          " 20130211"}) {
    const absl::StatusOr<Dtm> d = ParseDtm(bad);
    EXPECT_FALSE(d.ok()) << "accepted '" << bad << "'";
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
  EXPECT_TRUE(ParseDtm("20120229").ok());
}

TEST(Dtm, FormatsUtc) {
  EXPECT_EQ(FormatDtmUtc(workflow::FromUnixSeconds(0)), "19700101000000+0000");
  const absl::StatusOr<Dtm> d = ParseDtm("20260605141005+0000");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatDtmUtc(d->instant), "20260605141005+0000");
}

}  // namespace
}  // namespace hl7
