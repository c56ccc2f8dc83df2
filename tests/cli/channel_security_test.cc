// The security options shared by tocflow and tocflow-adt: pairing rules, unreadable files and
// token checks, with errors that name the flag and never show the token.
#include "cli/channel_security.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace tocflow::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ChannelSecurity, NothingGivenIsAPlainChannel) {
  ChannelSecurity none;
  EXPECT_FALSE(none.tls());
  EXPECT_TRUE(CheckChannelSecurity(none).ok());
  EXPECT_TRUE(OpenSecureChannel("127.0.0.1:1", none).ok());
}

TEST(ChannelSecurity, TokenAloneNeedsNoTls) {
  ChannelSecurity token_only;
  token_only.token = "abc.DEF-123_x";
  EXPECT_FALSE(token_only.tls());
  EXPECT_TRUE(CheckChannelSecurity(token_only).ok());
  EXPECT_TRUE(OpenSecureChannel("127.0.0.1:1", token_only).ok());
}

TEST(ChannelSecurity, BadTokenIsRefusedWithoutShowingIt) {
  for (const std::string token : {"secret with space", "secret\nnewline", "secret\x7f"}) {
    ChannelSecurity security;
    security.token = token;
    absl::Status status = CheckChannelSecurity(security);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr("--token"));
    EXPECT_THAT(std::string(status.message()), Not(HasSubstr("secret")));
  }
}

TEST(ChannelSecurity, CertificateAndKeyGoTogether) {
  ChannelSecurity cert_only;
  cert_only.tls_cert = "client.pem";
  EXPECT_TRUE(cert_only.tls());
  EXPECT_THAT(std::string(CheckChannelSecurity(cert_only).message()), HasSubstr("--tls-key"));
  ChannelSecurity key_only;
  key_only.tls_key = "client.key";
  EXPECT_EQ(CheckChannelSecurity(key_only).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ChannelSecurity, ServerNameNeedsTls) {
  ChannelSecurity security;
  security.tls_server_name = "localhost";
  EXPECT_THAT(std::string(CheckChannelSecurity(security).message()),
              HasSubstr("--tls-server-name"));
}

TEST(ChannelSecurity, CaFileMustBeReadablePem) {
  tocflow::testing::TempDir dir;
  ChannelSecurity missing;
  missing.tls_ca = dir.File("missing.pem");
  absl::Status status = CheckChannelSecurity(missing);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(status.message()), HasSubstr("--tls-ca"));
  std::ofstream(dir.File("not.pem")) << "hello";
  ChannelSecurity not_pem;
  not_pem.tls_ca = dir.File("not.pem");
  EXPECT_EQ(CheckChannelSecurity(not_pem).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ChannelSecurity, HintDependsOnTls) {
  ChannelSecurity plain;
  EXPECT_THAT(ConnectHint(plain), HasSubstr("--tls-ca"));
  ChannelSecurity tls;
  tls.tls_ca = "ca.pem";
  EXPECT_THAT(ConnectHint(tls), HasSubstr("--tls-server-name"));
}

}  // namespace
}  // namespace tocflow::cli
