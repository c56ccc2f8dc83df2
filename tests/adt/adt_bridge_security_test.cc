// tocflow-adt against a tocflowd that checks credentials: with its token over TLS (or its client
// certificate over mutual TLS) the example feed is accepted; without credentials, or with a
// token that does not cover the provider, the hospital gets an AR asking to resend once the
// bridge is fixed, nothing is applied, and the bridge logs why without patient data.
#include <sys/wait.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "adt/bridge_fixture.h"
#include "support/test_certs.h"

namespace tocflow::adt::testing {
namespace {

using ::tocflow::testing::TestCerts;

constexpr const char* kBridgeToken = "pas-bridge-token-3b81d0";
constexpr const char* kAdminToken = "test-admin-token-c47e19";
constexpr const char* kOtherProviderToken = "ryy-bridge-token-90aa2f";

const std::vector<std::string> kFeed = {
    "01_A01_admit_patient1.hl7",           "02_A02_transfer_patient1.hl7",
    "03_A12_cancel_transfer_patient1.hl7", "04_A08_update_patient1.hl7",
    "05_A01_admit_patient2.hl7",           "06_A11_cancel_admit_patient2.hl7",
    "07_A03_discharge_patient1.hl7",       "08_A13_cancel_discharge_patient1.hl7"};

// tocflowd with TLS and a principals file (mutual TLS when `mutual`); the test's own stub is
// the admin over TLS.
class SecureBridgeTest : public BridgeTest {
 protected:
  explicit SecureBridgeTest(bool mutual = false) : mutual_(mutual) {}

  void SetUp() override {
    std::optional<TestCerts> made = TestCerts::Make(dir_.File("certs"));
    ASSERT_TRUE(made.has_value()) << TestCerts::Read(dir_.File("certs/openssl.log"));
    certs_ = *made;
    std::ofstream(dir_.File("principals"))
        << TestCerts::TokenLine(kBridgeToken, "pas-bridge", "integration", "RXX") << "\n"
        << TestCerts::TokenLine(kOtherProviderToken, "ryy-bridge", "integration", "RYY") << "\n"
        << TestCerts::TokenLine(kAdminToken, "test-admin", "admin") << "\n"
        << "cert:pas.rxx.nhs.uk pas-cert integration RXX\n";
    server_flags_ = {"--tls-cert",      certs_.server_cert, "--tls-key",
                     certs_.server_key, "--principals",     dir_.File("principals")};
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = TestCerts::Read(certs_.ca_cert);
    if (mutual_) {
      server_flags_.insert(server_flags_.end(), {"--tls-client-ca", certs_.ca_cert});
      ssl.pem_cert_chain = TestCerts::Read(certs_.client_cert);
      ssl.pem_private_key = TestCerts::Read(certs_.client_key);
    }
    credentials_ = grpc::CompositeChannelCredentials(grpc::SslCredentials(ssl),
                                                     grpc::AccessTokenCredentials(kAdminToken));
    BridgeTest::SetUp();
  }

  // Sends the whole example feed on one connection; the ACK codes in order.
  std::vector<std::string> SendFeed() {
    MllpTestClient client(port_);
    EXPECT_TRUE(client.connected());
    std::vector<std::string> codes;
    for (const std::string& file : kFeed) {
      const Msa msa = Exchange(client, Example(file));
      codes.push_back(msa.code);
      EXPECT_EQ(msa.code, "AA") << file << ": " << msa.text;
    }
    return codes;
  }

  std::vector<std::string> Tls() const { return {"--tls-ca", certs_.ca_cert}; }

  TestCerts certs_;
  bool mutual_;
};

class MutualTlsBridgeTest : public SecureBridgeTest {
 protected:
  MutualTlsBridgeTest() : SecureBridgeTest(/*mutual=*/true) {}
};

TEST_F(SecureBridgeTest, ExampleFeedIsAcceptedWithTokenOverTls) {
  std::vector<std::string> flags = Tls();
  flags.insert(flags.end(), {"--token", kBridgeToken});
  StartBridge(flags);
  EXPECT_NE(bridge_->Output().find("over TLS with a bearer token"), std::string::npos)
      << bridge_->Output();
  SendFeed();
  EXPECT_EQ(CaseOfSpell("V1001").version(), 6);
  EXPECT_TRUE(CaseOfSpell("V2002").closed());
  EXPECT_EQ(bridge_->Output().find(kBridgeToken), std::string::npos);
}

TEST_F(SecureBridgeTest, WithoutTokenTheHospitalGetsArAndNothingIsApplied) {
  StartBridge(Tls());  // TLS, but no token
  MllpTestClient client(port_);
  ASSERT_TRUE(client.connected());
  const Msa admit = Exchange(client, Example(kFeed[0]));
  EXPECT_EQ(admit.code, "AR");
  EXPECT_EQ(admit.control_id, "MSG0001");
  EXPECT_NE(admit.text.find("not applied"), std::string::npos) << admit.text;
  EXPECT_NE(admit.text.find("UNAUTHENTICATED"), std::string::npos) << admit.text;
  EXPECT_NE(admit.text.find("resend"), std::string::npos) << admit.text;
  // A message that needs the case is refused the same way (its lookup is refused too).
  EXPECT_EQ(Exchange(client, Example(kFeed[1])).code, "AR");
  EXPECT_TRUE(CasesOfSpell("V1001").empty());

  // The log says why, with no patient data from the message.
  ASSERT_TRUE(bridge_->WaitForLine("MSG0002").has_value()) << bridge_->Output();
  const std::string log = bridge_->Output();
  EXPECT_NE(log.find("MSG0001 -> AR (UNAUTHENTICATED: tocflowd refused the bridge's credentials"),
            std::string::npos)
      << log;
  for (const char* patient : {"9434765919", "SMITH", "MRN1001", "19400101", "V1001"}) {
    EXPECT_EQ(log.find(patient), std::string::npos) << patient << " in\n" << log;
  }

  // Once the bridge is given its token, the resent messages are applied.
  std::vector<std::string> flags = Tls();
  flags.insert(flags.end(), {"--token", kBridgeToken});
  StartBridge(flags);
  MllpTestClient again(port_);
  EXPECT_EQ(Exchange(again, Example(kFeed[0])).code, "AA");
  EXPECT_EQ(CasesOfSpell("V1001").size(), 1u);
}

TEST_F(SecureBridgeTest, TokenOfAnotherProviderGetsArWithPermissionDenied) {
  std::vector<std::string> flags = Tls();
  flags.insert(flags.end(), {"--token", kOtherProviderToken});
  StartBridge(flags);
  MllpTestClient client(port_);
  const Msa admit = Exchange(client, Example(kFeed[0]));
  EXPECT_EQ(admit.code, "AR");
  EXPECT_NE(admit.text.find("PERMISSION_DENIED"), std::string::npos) << admit.text;
  EXPECT_TRUE(CasesOfSpell("V1001").empty());
}

TEST_F(SecureBridgeTest, PlaintextBridgeToATlsServerGetsArAskingForAResend) {
  StartBridge({"--token", kBridgeToken});
  MllpTestClient client(port_);
  const Msa admit = Exchange(client, Example(kFeed[0]));
  EXPECT_EQ(admit.code, "AR");
  EXPECT_NE(admit.text.find("resend"), std::string::npos) << admit.text;
}

TEST_F(SecureBridgeTest, UnreadableCaFileStopsTheBridgeAtStart) {
  ChildProcess bridge({TOCFLOW_ADT_PATH, "--listen", "127.0.0.1:0", "--server", server_address_,
                       "--provider-ods", kProvider, "--tls-ca", dir_.File("missing.pem"), "--token",
                       kBridgeToken});
  ASSERT_TRUE(bridge.started());
  const int status = bridge.Wait(std::chrono::seconds(30));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << status;
  EXPECT_EQ(bridge.Output().find("listening"), std::string::npos) << bridge.Output();
}

TEST_F(MutualTlsBridgeTest, ExampleFeedIsAcceptedWithTheClientCertificate) {
  std::vector<std::string> flags = Tls();
  flags.insert(flags.end(), {"--tls-cert", certs_.client_cert, "--tls-key", certs_.client_key});
  StartBridge(flags);
  EXPECT_NE(bridge_->Output().find("over mutual TLS"), std::string::npos) << bridge_->Output();
  SendFeed();
  EXPECT_EQ(CaseOfSpell("V1001").version(), 6);
}

}  // namespace
}  // namespace tocflow::adt::testing
