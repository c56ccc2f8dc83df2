// Status -> ACK code, MSA-3 text and ERR location.
#include "bridge/ack_policy.h"

#include <gtest/gtest.h>

namespace tocflow::adt {
namespace {

TEST(AckPolicy, OkIsAcceptWithTheNote) {
  AckDecision d = DecideAck(absl::OkStatus(), "nothing to record");
  EXPECT_EQ(d.code, hl7::AckCode::kAccept);
  EXPECT_EQ(d.text, "nothing to record");
  EXPECT_FALSE(d.error.has_value());
}

TEST(AckPolicy, ContentErrorsAreAeNamingTheField) {
  AckDecision d = DecideAck(absl::InvalidArgumentError("PV1-19: visit number missing"));
  EXPECT_EQ(d.code, hl7::AckCode::kError);
  EXPECT_EQ(d.text, "PV1-19: visit number missing");
  ASSERT_TRUE(d.error.has_value());
  EXPECT_EQ(d.error->segment, "PV1");
  EXPECT_EQ(d.error->field, 19);
  EXPECT_EQ(d.error->hl7_code, 101);
  for (absl::Status s : {absl::NotFoundError("x"), absl::FailedPreconditionError("x"),
                         absl::AlreadyExistsError("x")}) {
    EXPECT_EQ(DecideAck(s).code, hl7::AckCode::kError) << s;
  }
}

TEST(AckPolicy, UnsupportedIsArWithTheHl7Code) {
  AckDecision d = DecideAck(absl::UnimplementedError("MSH-12: version 2.6 is not supported"));
  EXPECT_EQ(d.code, hl7::AckCode::kReject);
  EXPECT_EQ(d.error->hl7_code, 203);
  EXPECT_EQ(
      DecideAck(absl::UnimplementedError("MSH-9: trigger A28 is not supported")).error->hl7_code,
      201);
}

TEST(AckPolicy, ServerTroubleIsArAskingForAResend) {
  for (absl::Status s : {absl::UnavailableError("down"), absl::ResourceExhaustedError("full"),
                         absl::DeadlineExceededError("slow")}) {
    AckDecision d = DecideAck(s);
    EXPECT_EQ(d.code, hl7::AckCode::kReject) << s;
    EXPECT_NE(d.text.find("resend"), std::string::npos) << d.text;
  }
}

TEST(AckPolicy, RefusedCredentialsAreArAskingForAResendAfterTheFix) {
  for (absl::Status s :
       {absl::UnauthenticatedError("the bearer token is not known to this tocflowd"),
        absl::PermissionDeniedError("integration \"pas\" may not see a case of provider RYY")}) {
    AckDecision d = DecideAck(s);
    EXPECT_EQ(d.code, hl7::AckCode::kReject) << s;
    EXPECT_NE(d.text.find("not applied"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find("credentials"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find("resend"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find(std::string(s.message())), std::string::npos) << d.text;
    ASSERT_TRUE(d.error.has_value());
    EXPECT_EQ(d.error->hl7_code, 207);
  }
}

TEST(AckPolicy, ParseFailureIsAr) {
  AckDecision d = DecideParseFailure(absl::InvalidArgumentError("segment 2: bad id"));
  EXPECT_EQ(d.code, hl7::AckCode::kReject);
  EXPECT_EQ(d.error->hl7_code, 100);
}

}  // namespace
}  // namespace tocflow::adt
