#include "wire/time_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;
using ::testing::StartsWith;

v1::Date WireDate(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

TEST(TimeCodec, DatesRoundTrip) {
  for (const char* iso : {"1970-01-01", "2028-02-29", "2026-12-31", "0001-01-01", "9999-12-31"}) {
    const wf::Date date = *wf::Date::Parse(iso);
    const v1::Date wire = ToWire(date);
    auto back = FromWire(wire, "d");
    ASSERT_TRUE(back.ok()) << iso << ": " << back.status();
    EXPECT_EQ(back->ToIsoString(), iso);
  }
  const v1::Date wire = ToWire(wf::Date::FromYmd(2026, 6, 1));
  EXPECT_EQ(wire.year(), 2026);
  EXPECT_EQ(wire.month(), 6);
  EXPECT_EQ(wire.day(), 1);
}

TEST(TimeCodec, MalformedDatesNameTheField) {
  struct Case {
    v1::Date date;
    const char* message;
  };
  const Case cases[] = {
      {WireDate(0, 0, 0), "x.due: year 0 out of range 1..9999"},
      {WireDate(2026, 13, 1), "x.due: month 13 out of range 1..12"},
      {WireDate(2027, 2, 29), "x.due: day 29 out of range 1..28"},
      {WireDate(2026, 4, 0), "x.due: day 0 out of range 1..30"},
  };
  for (const Case& c : cases) {
    auto decoded = FromWire(c.date, "x.due");
    ASSERT_FALSE(decoded.ok()) << c.message;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(decoded.status().message()), StartsWith(c.message));
  }
}

TEST(TimeCodec, TimestampsRoundTripInWholeSeconds) {
  const wf::Timestamp t = *wf::ParseUtc("2026-05-04T10:15:30Z");
  const google::protobuf::Timestamp wire = ToWire(t);
  EXPECT_EQ(wire.seconds(), wf::ToUnixSeconds(t));
  EXPECT_EQ(wire.nanos(), 0);
  auto back = FromWire(wire, "t");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, t);

  google::protobuf::Timestamp with_nanos = wire;
  with_nanos.set_nanos(999999999);
  auto rounded = FromWire(with_nanos, "t");
  ASSERT_TRUE(rounded.ok());
  EXPECT_EQ(*rounded, t);  // rounded down, never up
}

TEST(TimeCodec, MalformedTimestampsNameTheField) {
  google::protobuf::Timestamp bad_nanos;
  bad_nanos.set_seconds(100);
  bad_nanos.set_nanos(-1);
  auto decoded = FromWire(bad_nanos, "occurred_at");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(decoded.status().message()), StartsWith("occurred_at: nanos -1"));

  google::protobuf::Timestamp too_late;
  too_late.set_seconds(253402300800);  // 10000-01-01
  decoded = FromWire(too_late, "occurred_at");
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(std::string(decoded.status().message()), StartsWith("occurred_at: seconds"));

  google::protobuf::Timestamp last_second;
  last_second.set_seconds(253402300799);
  EXPECT_TRUE(FromWire(last_second, "occurred_at").ok());
}

}  // namespace
}  // namespace tocflow::wire
