// Delimiters from MSH-1/MSH-2 and escape sequences.
#include "hl7/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace hl7 {
namespace {

const EncodingCharacters kStd{};

TEST(Encoding, DecodesEveryDelimiterEscape) {
  EXPECT_EQ(Unescape(R"(a\F\b\S\c\T\d\R\e\E\f)", kStd), "a|b^c&d~e\\f");
}

TEST(Encoding, DecodesHexEscapes) {
  EXPECT_EQ(Unescape(R"(x\X0D0A\y)", kStd), "x\r\ny");
  EXPECT_EQ(Unescape(R"(\X41\\Xc3a9\)", kStd), "A\xc3\xa9");
}

TEST(Encoding, LoneEscapeIsKeptLiterallyAndCounted) {
  int invalid = 0;
  // File 54's ZZ1-9: a lone escape character.
  EXPECT_EQ(Unescape(R"(BSV 4\5 re.)", kStd, &invalid), R"(BSV 4\5 re.)");
  EXPECT_EQ(invalid, 1);
}

TEST(Encoding, UnknownEscapeIsKeptAndLaterValidOneStillDecoded) {
  int invalid = 0;
  EXPECT_EQ(Unescape(R"(4\5 \T\ x)", kStd, &invalid), R"(4\5 & x)");
  EXPECT_EQ(invalid, 1);
  invalid = 0;
  EXPECT_EQ(Unescape(R"(\H\bold\N\)", kStd, &invalid), R"(\H\bold\N\)");
  EXPECT_GT(invalid, 0);
}

TEST(Encoding, MalformedHexIsKeptLiterally) {
  EXPECT_EQ(Unescape(R"(\X4\)", kStd), R"(\X4\)");
  EXPECT_EQ(Unescape(R"(\XZZ\)", kStd), R"(\XZZ\)");
  EXPECT_EQ(Unescape(R"(\X\)", kStd), R"(\X\)");
  EXPECT_EQ(Unescape("\\", kStd), "\\");
  EXPECT_EQ(Unescape("\\\\", kStd), "\\\\");
}

TEST(Encoding, UsesTheMessagesOwnEscapeCharacter) {
  const absl::StatusOr<EncodingCharacters> enc = MakeEncodingCharacters('#', "$%!*");
  ASSERT_TRUE(enc.ok()) << enc.status();
  EXPECT_EQ(Unescape("a!F!b!S!c!E!", *enc), "a#b$c!");
  EXPECT_EQ(Unescape(R"(a\F\b)", *enc), R"(a\F\b)");
}

TEST(Encoding, EscapeRoundTripsAnyText) {
  const std::string text = std::string("pipe| caret^ amp& tilde~ back\\ cr\r lf\n nul") +
                           std::string(1, '\0') + " del\x7f utf8 \xc3\xa9";
  const std::string escaped = Escape(text, kStd);
  EXPECT_EQ(escaped.find_first_of(std::string("|^&~\r\n\0", 7)), std::string::npos);
  EXPECT_EQ(Unescape(escaped, kStd), text);
  EXPECT_EQ(Escape("a|b", kStd), R"(a\F\b)");
}

TEST(Encoding, ValidatesMsh2) {
  EXPECT_TRUE(MakeEncodingCharacters('|', "^~\\&").ok());
  const absl::StatusOr<EncodingCharacters> v27 = MakeEncodingCharacters('|', "^~\\&#");
  ASSERT_TRUE(v27.ok());
  EXPECT_EQ(v27->truncation, '#');
  EXPECT_EQ(v27->Msh2(), "^~\\&#");
  // File 60's doubled backslash.
  const absl::StatusOr<EncodingCharacters> doubled = MakeEncodingCharacters('|', "^~\\\\&");
  ASSERT_FALSE(doubled.ok());
  EXPECT_EQ(doubled.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(doubled.status().message()).find("MSH-2"), std::string::npos);
  EXPECT_FALSE(MakeEncodingCharacters('|', "^~\\").ok());
  EXPECT_FALSE(MakeEncodingCharacters('|', "^~|&").ok());
  EXPECT_FALSE(MakeEncodingCharacters('|', "^~A&").ok());
  EXPECT_FALSE(MakeEncodingCharacters('A', "^~\\&").ok());
  EXPECT_FALSE(MakeEncodingCharacters('\r', "^~\\&").ok());
}

}  // namespace
}  // namespace hl7
