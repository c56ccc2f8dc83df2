// ACK construction and round trip through the parser.
#include "hl7/ack.h"

#include <gtest/gtest.h>

#include <string>

#include "hl7/message.h"
#include "workflow/time.h"

namespace hl7 {
namespace {

constexpr char kInbound[] =
    "MSH|^~\\&|PAS^1.2^ISO|RCB|TOCFLOW|TOC|20240101120000||ADT^A03^ADT_A03|IN-42|P|2.4\r"
    "EVN|A03|20240101120000\r";

AckOptions Options(AckCode code, std::string text) {
  AckOptions o;
  o.code = code;
  o.text = std::move(text);
  o.control_id = "OUT-7";
  o.time = workflow::FromUnixSeconds(1717596600);  // 2024-06-05T14:10:00Z
  return o;
}

Message MustParse(std::string_view text) {
  absl::StatusOr<Message> m = ParseMessage(text);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *std::move(m) : *ParseMessage("MSH|^~\\&|");
}

TEST(Ack, AcceptSwapsEndpointsAndEchoesControlId) {
  const std::string ack = BuildAck(MustParse(kInbound), Options(AckCode::kAccept, ""));
  EXPECT_EQ(ack,
            "MSH|^~\\&|TOCFLOW|TOC|PAS^1.2^ISO|RCB|20240605141000+0000||ACK^A03|OUT-7|P|2.4\r"
            "MSA|AA|IN-42\r");
  const Message parsed = MustParse(ack);
  EXPECT_EQ(parsed.msh().Get(9, 1, 1), "ACK");
  EXPECT_EQ(parsed.msh().Get(9, 1, 2), "A03");
  EXPECT_EQ(parsed.msh().Get(10), "OUT-7");
  EXPECT_EQ(parsed.msh().Get(5, 1, 2), "1.2");
  const Segment* msa = parsed.Find("MSA");
  ASSERT_NE(msa, nullptr);
  EXPECT_EQ(msa->Get(1), "AA");
  EXPECT_EQ(msa->Get(2), "IN-42");
}

TEST(Ack, ErrorTextWithDelimitersRoundTrips) {
  const std::string text = "PID-3: NHS number 943|476^5918 fails Mod 11 & is ~invalid\\\r";
  AckOptions options = Options(AckCode::kError, text);
  options.error = AckError{"PID", 3, 102};
  const Message parsed = MustParse(BuildAck(MustParse(kInbound), options));
  ASSERT_EQ(parsed.segments().size(), 3u);
  const Segment* msa = parsed.Find("MSA");
  ASSERT_NE(msa, nullptr);
  EXPECT_EQ(msa->Get(1), "AE");
  EXPECT_EQ(msa->Get(2), "IN-42");
  EXPECT_EQ(msa->Get(3), text);
  const Segment* err = parsed.Find("ERR");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->Get(2, 1, 1), "PID");
  EXPECT_EQ(err->Get(2, 1, 3), "3");
  EXPECT_EQ(err->Get(3, 1, 1), "102");
  EXPECT_EQ(err->Get(3, 1, 2), text);
  EXPECT_EQ(err->Get(4), "E");
}

TEST(Ack, ReencodesValuesFromAMessageWithOtherDelimiters) {
  const Message inbound = MustParse("MSH#$%!*#APP$X|Y#FAC#####ADT$A01#ID!F!1#T#2.5\r");
  const Message parsed = MustParse(BuildAck(inbound, Options(AckCode::kReject, "no")));
  EXPECT_EQ(parsed.msh().Get(5, 1, 1), "APP");
  EXPECT_EQ(parsed.msh().Get(5, 1, 2), "X|Y");
  EXPECT_EQ(parsed.msh().Get(11), "T");
  EXPECT_EQ(parsed.msh().Get(12), "2.5");
  EXPECT_EQ(parsed.Find("MSA")->Get(1), "AR");
  EXPECT_EQ(parsed.Find("MSA")->Get(2), "ID#1");
}

TEST(Ack, TriggerFallsBackToEvnAndDefaultsApply) {
  const Message inbound = MustParse("MSH|^~\\&|A|B|C|D|||ADT|X1||\rEVN|A11\r");
  const Message parsed = MustParse(BuildAck(inbound, Options(AckCode::kAccept, "")));
  EXPECT_EQ(parsed.msh().Get(9, 1, 2), "A11");
  EXPECT_EQ(parsed.msh().Get(11), "P");
  EXPECT_EQ(parsed.msh().Get(12), "2.4");
  const Message bare =
      MustParse(BuildAck(MustParse("MSH|^~\\&|A\r"), Options(AckCode::kReject, "")));
  EXPECT_EQ(bare.msh().RawField(9), "ACK");
}

TEST(Ack, FromRawBytesSalvagesWhatItCan) {
  // Doubled backslash in MSH-2 (file 60): unparseable, but the control id is still there.
  const std::string raw = "MSH|^~\\\\&|SE050|050|PACS|050|20120912011230||ADT^A01|102|T|2.6\r";
  ASSERT_FALSE(ParseMessage(raw).ok());
  const Message parsed = MustParse(BuildAckFromRaw(raw, Options(AckCode::kReject, "bad MSH-2")));
  EXPECT_EQ(parsed.msh().Get(3), "PACS");
  EXPECT_EQ(parsed.msh().Get(5), "SE050");
  EXPECT_EQ(parsed.msh().Get(12), "2.6");
  const Segment* msa = parsed.Find("MSA");
  ASSERT_NE(msa, nullptr);
  EXPECT_EQ(msa->Get(1), "AR");
  EXPECT_EQ(msa->Get(2), "102");
  EXPECT_EQ(msa->Get(3), "bad MSH-2");
}

TEST(Ack, FromRawBytesIsSafeOnAnything) {
  for (std::string raw :
       {std::string(""), std::string("M"), std::string("MSH"), std::string("MSH|"),
        std::string("PID|1"), std::string("MSH\x1c\x0b\r\n", 7), std::string(5000, '|'),
        "MSH|" + std::string(300, 'x') + "|" + std::string(300, '\x01')}) {
    const std::string ack = BuildAckFromRaw(raw, Options(AckCode::kReject, "unparseable"));
    const absl::StatusOr<Message> parsed = ParseMessage(ack);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(parsed->Find("MSA")->Get(1), "AR");
    EXPECT_LT(ack.size(), 400u);
  }
}

}  // namespace
}  // namespace hl7
