// ParseMessage: segment separators, 1-based addressing, limits, malformed input.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "hl7/message.h"

namespace hl7 {
namespace {

constexpr char kMessage[] =
    "MSH|^~\\&|APP|FAC|RAPP|RFAC|20240101120000||ADT^A01^ADT_A01|CTRL1|P|2.4\r"
    "PID|1||111^^^X^MR~9434765919^^^NHS^NH||DOE^JOHN||19800101\r"
    "PV1|1|I|WARD1^R2^B3^FAC&1.2&ISO\r";

TEST(Parser, UsesHl7NumberingForMsh) {
  const absl::StatusOr<Message> m = ParseMessage(kMessage);
  ASSERT_TRUE(m.ok()) << m.status();
  const Segment& msh = m->msh();
  EXPECT_EQ(msh.id(), "MSH");
  EXPECT_EQ(msh.Get(1), "|");
  EXPECT_EQ(msh.Get(2), "^~\\&");
  EXPECT_EQ(msh.Get(3), "APP");
  EXPECT_EQ(msh.Get(9, 1, 1), "ADT");
  EXPECT_EQ(msh.Get(9, 1, 2), "A01");
  EXPECT_EQ(msh.Get(9, 1, 3), "ADT_A01");
  EXPECT_EQ(msh.Get(10), "CTRL1");
  EXPECT_EQ(msh.Get(12), "2.4");
  EXPECT_EQ(msh.field_count(), 12);
}

TEST(Parser, AddressesRepetitionsComponentsSubcomponents) {
  const absl::StatusOr<Message> m = ParseMessage(kMessage);
  ASSERT_TRUE(m.ok()) << m.status();
  const Segment* pid = m->Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->RepetitionCount(3), 2);
  EXPECT_EQ(pid->Get(3, 2, 1), "9434765919");
  EXPECT_EQ(pid->Get(3, 2, 5), "NH");
  EXPECT_EQ(pid->ComponentCount(3, 2), 5);
  EXPECT_EQ(pid->RawField(3), "111^^^X^MR~9434765919^^^NHS^NH");
  const Segment* pv1 = m->Find("PV1");
  ASSERT_NE(pv1, nullptr);
  EXPECT_EQ(pv1->Get(3, 1, 4, 1), "FAC");
  EXPECT_EQ(pv1->Get(3, 1, 4, 2), "1.2");
  EXPECT_EQ(pv1->SubcomponentCount(3, 1, 4), 3);
}

TEST(Parser, AbsentPartsAreEmptyNeverErrors) {
  const absl::StatusOr<Message> m = ParseMessage(kMessage);
  ASSERT_TRUE(m.ok());
  const Segment* pid = m->Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->Get(99), "");
  EXPECT_EQ(pid->Get(0), "");
  EXPECT_EQ(pid->Get(-1, -1, -1, -1), "");
  EXPECT_EQ(pid->Get(3, 3), "");
  EXPECT_EQ(pid->Get(3, 1, 9), "");
  EXPECT_EQ(pid->RepetitionCount(2), 0);
  EXPECT_EQ(m->msh().Get(1, 2), "");
  EXPECT_EQ(m->msh().Get(2, 1, 2), "");
  EXPECT_EQ(m->Find("PID", 2), nullptr);
  EXPECT_EQ(m->Find("ZZZ"), nullptr);
}

TEST(Parser, AcceptsCrLfAndCrLfSeparatorsAlike) {
  std::string lf = kMessage;
  std::string crlf;
  for (char c : lf) {
    if (c == '\r') {
      crlf += "\r\n";
    } else {
      crlf.push_back(c);
    }
  }
  for (char& c : lf) c = (c == '\r') ? '\n' : c;
  for (const std::string& text : {std::string(kMessage), lf, crlf}) {
    const absl::StatusOr<Message> m = ParseMessage(text);
    ASSERT_TRUE(m.ok()) << m.status();
    ASSERT_EQ(m->segments().size(), 3u);
    EXPECT_EQ(m->segments()[2].Get(3), "WARD1");
    EXPECT_EQ(m->msh().Get(12), "2.4");  // no stray CR kept in the last field
  }
}

TEST(Parser, TakesDelimitersFromTheHeader) {
  const absl::StatusOr<Message> m =
      ParseMessage("MSH#$%!*#APP#FAC#####ADT$A02#C9#P#2.5\rPID#1##a$b$c%d!F!e\r");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->msh().Get(1), "#");
  EXPECT_EQ(m->msh().Get(9, 1, 2), "A02");
  const Segment* pid = m->Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->Get(3, 1, 3), "c");
  EXPECT_EQ(pid->Get(3, 2, 1), "d#e");
}

TEST(Parser, KeepsBareAndEmptySegmentsAndSkipsBlankLines) {
  const absl::StatusOr<Message> m =
      ParseMessage("\r\nMSH|^~\\&|A|B|||||ADT^A01|1|P|2.4\r\r\nPD1\r  \rPV1|\r");
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->segments().size(), 3u);
  EXPECT_EQ(m->segments()[1].id(), "PD1");
  EXPECT_EQ(m->segments()[1].field_count(), 0);
  EXPECT_EQ(m->segments()[2].field_count(), 1);
}

void ExpectInvalid(std::string_view text, std::string_view needle, const ParseLimits& l = {}) {
  const absl::StatusOr<Message> m = ParseMessage(text, l);
  ASSERT_FALSE(m.ok()) << "accepted: " << text.substr(0, 40);
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(m.status().message()).find(needle), std::string::npos)
      << m.status().message();
}

TEST(Parser, RefusesMalformedHeadersClearly) {
  ExpectInvalid("", "empty");
  ExpectInvalid("\r\n\r", "empty");
  ExpectInvalid("PID|^~\\&|x", "must begin with an MSH");
  ExpectInvalid("MSH", "MSH-1");
  ExpectInvalid("MSH\r", "MSH-1");
  ExpectInvalid("MSH|", "MSH-2");
  ExpectInvalid("MSH|^~\\\\&|A", "MSH-2");
  ExpectInvalid("MSH|^~\\&|A\rpid|1", "segment 2");
  ExpectInvalid("MSH|^~\\&|A\rPIDX|1", "segment 2");
  ExpectInvalid("MSH|^~\\&|A\rMSH|^~\\&|B", "second MSH");
}

TEST(Parser, EnforcesLimits) {
  ParseLimits limits;
  limits.max_message_bytes = 64;
  ExpectInvalid(std::string("MSH|^~\\&|") + std::string(100, 'x'), "limit is 64", limits);
  limits = {};
  limits.max_segments = 3;
  ExpectInvalid("MSH|^~\\&\rEVN|\rPID|\rPV1|\r", "more than 3 segments", limits);
  limits = {};
  limits.max_field_bytes = 10;
  ExpectInvalid("MSH|^~\\&|A\rPID|1|" + std::string(11, 'y'), "field 2 is 11 bytes", limits);
  EXPECT_TRUE(ParseMessage("MSH|^~\\&|A\rPID|1|" + std::string(10, 'y'), limits).ok());
  limits = {};
  limits.max_fields_per_segment = 5;
  ExpectInvalid("MSH|^~\\&|A\rPID|1|2|3|4|5|6|7", "fields", limits);
}

// Not a fuzzer, but every prefix and some random mutations of a real message must give a
// result or an error, and every accessor must stay in bounds (run under ASan for effect).
TEST(Parser, SurvivesTruncationAndMutation) {
  const std::string base = kMessage;
  int parsed = 0;
  for (size_t n = 0; n <= base.size(); ++n) {
    const absl::StatusOr<Message> m = ParseMessage(base.substr(0, n));
    if (!m.ok()) continue;
    ++parsed;
    for (const Segment& s : m->segments()) {
      for (int f = 0; f <= s.field_count() + 1; ++f) (void)s.Get(f, 2, 2, 2);
    }
  }
  EXPECT_GT(parsed, 0);
  std::mt19937 rng(7);
  const std::string alphabet = "|^~\\&\r\nMSHX0 ";
  for (int round = 0; round < 2000; ++round) {
    std::string text = base;
    for (int k = 0; k < 4; ++k) {
      text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    }
    const absl::StatusOr<Message> m = ParseMessage(text);
    if (!m.ok()) continue;
    for (const Segment& s : m->segments()) {
      for (int f = 1; f <= s.field_count(); ++f) {
        for (int r = 1; r <= s.RepetitionCount(f); ++r) (void)s.Get(f, r, 3, 2);
      }
    }
  }
}

}  // namespace
}  // namespace hl7
