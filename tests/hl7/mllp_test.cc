// MLLP decoder and encoder: partial frames, several per read, garbage, oversize frames.
#include "hl7/mllp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hl7 {
namespace {

using Kind = MllpEvent::Kind;

std::string Frame(std::string_view body) {
  return std::string(1, kMllpStart) + std::string(body) + std::string{kMllpEnd, kMllpEndCr};
}

TEST(Mllp, EncodesAndRefusesFramingBytes) {
  const absl::StatusOr<std::string> framed = MllpEncode("MSH|x\r");
  ASSERT_TRUE(framed.ok());
  EXPECT_EQ(*framed, "\x0bMSH|x\r\x1c\r");
  EXPECT_FALSE(MllpEncode("a\x1c").ok());
  EXPECT_FALSE(MllpEncode("a\x0b").ok());
}

TEST(Mllp, AssemblesAFrameFedOneByteAtATime) {
  const std::string stream = Frame("MSH|^~\\&|A\rPID|1\r");
  MllpDecoder decoder;
  std::vector<MllpEvent> events;
  for (size_t i = 0; i < stream.size(); ++i) {
    std::vector<MllpEvent> got = decoder.Feed(stream.substr(i, 1));
    if (i + 2 < stream.size()) {  // before the 0x1C
      EXPECT_TRUE(got.empty()) << "early event at byte " << i;
      EXPECT_TRUE(decoder.InFrame()) << i;
    }
    for (MllpEvent& e : got) events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kMessage);
  EXPECT_EQ(events[0].payload, "MSH|^~\\&|A\rPID|1\r");
  EXPECT_FALSE(decoder.InFrame());
}

TEST(Mllp, YieldsTwoFramesFromOneRead) {
  MllpDecoder decoder;
  const std::vector<MllpEvent> events = decoder.Feed(Frame("one") + Frame("two"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, "one");
  EXPECT_EQ(events[1].payload, "two");
  EXPECT_EQ(events[1].kind, Kind::kMessage);
}

TEST(Mllp, FrameSplitAcrossReadsIncludingBetweenEndBytes) {
  MllpDecoder decoder;
  EXPECT_TRUE(decoder.Feed("\x0bMSH|par").empty());
  EXPECT_TRUE(decoder.InFrame());
  EXPECT_EQ(decoder.buffered_bytes(), 7u);
  std::vector<MllpEvent> events = decoder.Feed("tial\x1c");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload, "MSH|partial");
  // The 0x0D after 0x1C arrives in the next read: consumed, not reported as garbage.
  events = decoder.Feed("\r" + Frame("next"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kMessage);
  EXPECT_EQ(events[0].payload, "next");
}

TEST(Mllp, SkipsAndReportsGarbageBetweenFrames) {
  MllpDecoder decoder;
  const std::vector<MllpEvent> events =
      decoder.Feed("junk" + Frame("one") + "\r\nmore junk" + Frame("two") + "tail");
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].kind, Kind::kGarbage);
  EXPECT_EQ(events[0].size, 4u);
  EXPECT_EQ(events[0].payload, "junk");
  EXPECT_EQ(events[1].payload, "one");
  EXPECT_EQ(events[2].kind, Kind::kGarbage);
  EXPECT_EQ(events[2].size, 11u);
  EXPECT_EQ(events[3].payload, "two");
  EXPECT_EQ(events[4].kind, Kind::kGarbage);
  EXPECT_EQ(events[4].size, 4u);
}

TEST(Mllp, GarbagePreviewIsCapped) {
  MllpDecoder decoder;
  const std::vector<MllpEvent> events = decoder.Feed(std::string(1000, 'x'));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].size, 1000u);
  EXPECT_EQ(events[0].payload.size(), 32u);
}

TEST(Mllp, RestartedFrameReportsTheAbandonedPart) {
  MllpDecoder decoder;
  const std::vector<MllpEvent> events = decoder.Feed("\x0bhalf a mess" + Frame("whole"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, Kind::kGarbage);
  EXPECT_EQ(events[0].size, 12u);
  EXPECT_EQ(events[1].kind, Kind::kMessage);
  EXPECT_EQ(events[1].payload, "whole");
}

TEST(Mllp, EndWithoutCrStillEndsTheFrame) {
  MllpDecoder decoder;
  const std::vector<MllpEvent> events = decoder.Feed("\x0bone\x1c\x0btwo\x1c\r");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, "one");
  EXPECT_EQ(events[1].payload, "two");
}

TEST(Mllp, OversizeFrameIsReportedOnceAndDecodingRecovers) {
  MllpDecoder decoder(16);
  std::vector<MllpEvent> events = decoder.Feed("\x0b" + std::string(10, 'a'));
  EXPECT_TRUE(events.empty());
  events = decoder.Feed(std::string(10, 'b'));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kOversize);
  EXPECT_EQ(events[0].size, 20u);
  EXPECT_EQ(decoder.buffered_bytes(), 0u);
  EXPECT_TRUE(decoder.InFrame());
  EXPECT_TRUE(decoder.Feed(std::string(100, 'c')).empty());
  events = decoder.Feed(std::string("c\x1c\r") + Frame("small"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kMessage);
  EXPECT_EQ(events[0].payload, "small");
}

TEST(Mllp, FrameOfExactlyTheLimitIsAccepted) {
  MllpDecoder decoder(16);
  const std::vector<MllpEvent> events = decoder.Feed(Frame(std::string(16, 'x')));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::kMessage);
  EXPECT_EQ(decoder.Feed(Frame(std::string(17, 'x')))[0].kind, Kind::kOversize);
}

}  // namespace
}  // namespace hl7
