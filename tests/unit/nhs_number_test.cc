// NHS number vectors from domain.md, "Identifiers and integration" (NHS Data Dictionary).
#include "workflow/nhs_number.h"

#include <gtest/gtest.h>

namespace workflow {
namespace {

TEST(NhsNumber, ValidExamples) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_TRUE(IsValidNhsNumber("9990500002"));
}

TEST(NhsNumber, WrongCheckDigitIsInvalid) { EXPECT_FALSE(IsValidNhsNumber("9434765918")); }

TEST(NhsNumber, CheckOfTenIsInvalid) {
  // 1234567890: the weighted sum is 210, 210 mod 11 = 1, check = 10: no valid number.
  EXPECT_FALSE(IsValidNhsNumber("1234567890"));
  for (char last = '0'; last <= '9'; ++last) {
    EXPECT_FALSE(IsValidNhsNumber(std::string("123456789") + last));
  }
}

TEST(NhsNumber, CheckOfElevenMeansZero) {
  // 943476508: weighted sum 286 = 26 x 11, so the check is 11, written 0.
  EXPECT_TRUE(IsValidNhsNumber("9434765080"));
  EXPECT_FALSE(IsValidNhsNumber("9434765081"));
}

TEST(NhsNumber, WrongLengthIsInvalid) {
  EXPECT_FALSE(IsValidNhsNumber(""));
  EXPECT_FALSE(IsValidNhsNumber("943476591"));
  EXPECT_FALSE(IsValidNhsNumber("94347659190"));
}

TEST(NhsNumber, NonDigitsAreInvalid) {
  EXPECT_FALSE(IsValidNhsNumber("943476591a"));
  EXPECT_FALSE(IsValidNhsNumber("943 476 5919"));
  EXPECT_FALSE(IsValidNhsNumber("+434765919"));
  EXPECT_FALSE(IsValidNhsNumber(" 434765919"));
}

TEST(NhsNumber, NormaliseAcceptsDisplayForms) {
  EXPECT_EQ(NormaliseNhsNumber("9434765919"), "9434765919");
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_EQ(NormaliseNhsNumber("943-476-5919"), "9434765919");
  EXPECT_EQ(NormaliseNhsNumber(" 999 050 0002\n"), "9990500002");
}

TEST(NhsNumber, NormaliseRejectsInvalidOrOddlyGrouped) {
  EXPECT_EQ(NormaliseNhsNumber("943 476 5918"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("1234567890"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("943-476 5919"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("9434 765 919"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("943  476 5919"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("943.476.5919"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber(""), std::nullopt);
}

TEST(NhsNumber, FormatsThreeThreeFour) {
  EXPECT_EQ(FormatNhsNumber("9434765919"), "943 476 5919");
  EXPECT_EQ(FormatNhsNumber(*NormaliseNhsNumber("999-050-0002")), "999 050 0002");
}

}  // namespace
}  // namespace workflow
