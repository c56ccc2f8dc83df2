// tocflowd's transport security as a real process: TLS with a test CA, mutual TLS with a client
// certificate named in the principals file, bearer tokens over TLS, and the refusal to listen
// on a non-loopback address without TLS. Certificates are made at run time with openssl.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/test_certs.h"
#include "support/tocflowd_process.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::e2e {
namespace {

namespace v1 = ::tocflow::v1;
using ::tocflow::testing::TempDir;
using ::tocflow::testing::TestCerts;
using ::tocflow::testing::TocflowdProcess;

constexpr const char* kWardToken = "ward7-secret-token-1";
constexpr const char* kClientCn = "pas.rxx.nhs.uk";

// tocflowd's flags for these tests: `flags` and fast commits.
std::vector<std::string> Flags(std::vector<std::string> flags) {
  flags.insert(flags.end(), {"--synchronous", "normal"});
  return flags;
}

std::shared_ptr<grpc::ChannelCredentials> Tls(const TestCerts& certs, bool with_client_cert,
                                              const std::string& ca_file = "") {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = TestCerts::Read(ca_file.empty() ? certs.ca_cert : ca_file);
  if (with_client_cert) {
    ssl.pem_cert_chain = TestCerts::Read(certs.client_cert);
    ssl.pem_private_key = TestCerts::Read(certs.client_key);
  }
  return grpc::SslCredentials(ssl);
}

// One ListCases call for provider RXX on a new channel; `token` as bearer metadata when given.
grpc::Status ListRxx(const std::string& address,
                     const std::shared_ptr<grpc::ChannelCredentials>& credentials,
                     const std::string& token = "") {
  auto stub = v1::CaseService::NewStub(grpc::CreateChannel(address, credentials));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) context.AddMetadata("authorization", std::string("Bearer ") + token);
  v1::ListCasesRequest request;
  request.mutable_filter()->set_provider_ods("RXX");
  v1::ListCasesResponse response;
  return stub->ListCases(&context, request, &response);
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<TestCerts> made = TestCerts::Make(dir_.File("certs"), kClientCn);
    ASSERT_TRUE(made.has_value()) << TestCerts::Read(dir_.File("certs/openssl.log"));
    certs_ = *made;
    std::ofstream(principals_) << "# test principals\n"
                               << TestCerts::TokenLine(kWardToken, "ward7", "discharge_team", "RXX")
                               << "\ncert:" << kClientCn << " pas integration RXX\n";
  }

  std::vector<std::string> TlsFlags() const {
    return {"--tls-cert", certs_.server_cert, "--tls-key", certs_.server_key};
  }

  TempDir dir_;
  TestCerts certs_;
  std::string principals_ = dir_.File("principals");
};

TEST_F(TlsTest, ClientTrustingTheCaTalksToATlsServer) {
  TocflowdProcess daemon(dir_.File("x.db"), Flags(TlsFlags()));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  EXPECT_NE(daemon.Output().find("TLS on"), std::string::npos) << daemon.Output();
  grpc::Status status = ListRxx(daemon.address(), Tls(certs_, false));
  EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
}

TEST_F(TlsTest, PlaintextClientCannotTalkToATlsServer) {
  TocflowdProcess daemon(dir_.File("x.db"), Flags(TlsFlags()));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  grpc::Status status = ListRxx(daemon.address(), grpc::InsecureChannelCredentials());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, ClientTrustingAnotherCaRefusesTheServer) {
  TocflowdProcess daemon(dir_.File("x.db"), Flags(TlsFlags()));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  grpc::Status status = ListRxx(daemon.address(), Tls(certs_, false, certs_.other_ca_cert));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, MutualTlsAdmitsTheClientCertificateOfAPrincipal) {
  std::vector<std::string> flags = TlsFlags();
  flags.insert(flags.end(), {"--tls-client-ca", certs_.ca_cert, "--principals", principals_});
  TocflowdProcess daemon(dir_.File("x.db"), Flags(flags));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  EXPECT_NE(daemon.Output().find("TLS mutual"), std::string::npos) << daemon.Output();
  grpc::Status with_cert = ListRxx(daemon.address(), Tls(certs_, true));
  EXPECT_TRUE(with_cert.ok()) << with_cert.error_code() << " " << with_cert.error_message();
  // The certificate's principal is integration for RXX only.
  auto stub = v1::CaseService::NewStub(grpc::CreateChannel(daemon.address(), Tls(certs_, true)));
  grpc::ClientContext context;
  v1::ListCasesRequest other;
  other.mutable_filter()->set_provider_ods("RYY");
  v1::ListCasesResponse response;
  EXPECT_EQ(stub->ListCases(&context, other, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(TlsTest, MutualTlsRefusesAClientWithoutCertificate) {
  std::vector<std::string> flags = TlsFlags();
  flags.insert(flags.end(), {"--tls-client-ca", certs_.ca_cert, "--principals", principals_});
  TocflowdProcess daemon(dir_.File("x.db"), Flags(flags));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  // The handshake fails: not even a token gets a client without a certificate in.
  grpc::Status status = ListRxx(daemon.address(), Tls(certs_, false), kWardToken);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsTest, BearerTokenOverTlsIdentifiesThePrincipal) {
  std::vector<std::string> flags = TlsFlags();
  flags.insert(flags.end(), {"--principals", principals_});
  TocflowdProcess daemon(dir_.File("x.db"), Flags(flags));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  EXPECT_NE(daemon.Output().find("authentication on"), std::string::npos) << daemon.Output();
  grpc::Status with_token = ListRxx(daemon.address(), Tls(certs_, false), kWardToken);
  EXPECT_TRUE(with_token.ok()) << with_token.error_code() << " " << with_token.error_message();

  grpc::Status without = ListRxx(daemon.address(), Tls(certs_, false));
  EXPECT_EQ(without.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(without.error_message().find("credentials required"), std::string::npos)
      << without.error_message();
  grpc::Status wrong = ListRxx(daemon.address(), Tls(certs_, false), "not-the-token");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED) << wrong.error_message();

  // The same token through gRPC's own call credentials (allowed on a TLS channel).
  grpc::Status composite =
      ListRxx(daemon.address(), grpc::CompositeChannelCredentials(
                                    Tls(certs_, false), grpc::AccessTokenCredentials(kWardToken)));
  EXPECT_TRUE(composite.ok()) << composite.error_code() << " " << composite.error_message();
}

TEST_F(TlsTest, NonLoopbackListenWithoutTlsIsRefusedSayingWhy) {
  TocflowdProcess daemon(dir_.File("x.db"), Flags({}), "0.0.0.0:0");
  EXPECT_FALSE(daemon.up());
  const int status = daemon.WaitForExit(std::chrono::seconds(30));
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_NE(WEXITSTATUS(status), 0);
  const std::string output = daemon.Output();
  EXPECT_NE(output.find("without TLS"), std::string::npos) << output;
  EXPECT_NE(output.find("--insecure"), std::string::npos) << output;
  EXPECT_NE(output.find("--tls-cert"), std::string::npos) << output;
}

TEST_F(TlsTest, NonLoopbackListenStartsWithInsecureOrTls) {
  {
    TocflowdProcess daemon(dir_.File("x.db"), Flags({"--insecure"}), "0.0.0.0:0");
    ASSERT_TRUE(daemon.up()) << daemon.Output();
    const std::string port = daemon.address().substr(daemon.address().rfind(':') + 1);
    grpc::Status status = ListRxx("127.0.0.1:" + port, grpc::InsecureChannelCredentials());
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  TocflowdProcess tls(dir_.File("y.db"), Flags(TlsFlags()), "0.0.0.0:0");
  ASSERT_TRUE(tls.up()) << tls.Output();
  const std::string port = tls.address().substr(tls.address().rfind(':') + 1);
  grpc::Status status = ListRxx("127.0.0.1:" + port, Tls(certs_, false));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace tocflow::e2e
