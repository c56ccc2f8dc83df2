// tocflow against a tocflowd that checks credentials: --token / $TOCFLOW_TOKEN, --tls-ca /
// $TOCFLOW_TLS_CA, --tls-cert/--tls-key (mutual TLS) and --tls-server-name; refusals exit 1
// with the server's code and reason, and the token never appears in anything tocflow prints.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "support/test_certs.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::tocflow::testing::TestCerts;

constexpr const char* kWardToken = "oak-ward-token-7f3a9c";
constexpr const char* kAnalystToken = "analyst-token-51c9e2";

class SecurityCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<TestCerts> made = TestCerts::Make(dir_.File("certs"));
    ASSERT_TRUE(made.has_value()) << TestCerts::Read(dir_.File("certs/openssl.log"));
    certs_ = *made;
    std::ofstream(principals_) << TestCerts::TokenLine(kWardToken, "oak-ward", "discharge_team",
                                                       "RXX")
                               << "\n"
                               << TestCerts::TokenLine(kAnalystToken, "analyst", "analyst")
                               << "\ncert:pas.rxx.nhs.uk pas integration RXX\n";
  }

  // Starts tocflowd with the principals file and `flags`.
  void StartServer(const std::vector<std::string>& flags) {
    std::vector<std::string> all = {kFastCommits, "--principals", principals_};
    all.insert(all.end(), flags.begin(), flags.end());
    server_ = std::make_unique<TocflowdProcess>(dir_.File("cli.db"), all);
    ASSERT_TRUE(server_->up()) << "tocflowd did not start: " << server_->Output();
  }
  std::vector<std::string> Tls() const {
    return {"--tls-cert", certs_.server_cert, "--tls-key", certs_.server_key};
  }

  // Runs `tocflow --server ADDR args...`; remembers what it printed.
  CliRun Cli(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> all = {"--server", server_->address()};
    all.insert(all.end(), args.begin(), args.end());
    // Unset the variables unless `env` sets them (a variable must appear once).
    std::vector<std::string> environment = env;
    for (std::string name : {"USER=", "TOCFLOW_TOKEN=", "TOCFLOW_TLS_CA="}) {
      bool given = false;
      for (const std::string& e : env) given = given || e.rfind(name, 0) == 0;
      if (!given) environment.push_back(name == "USER=" ? "USER=tester" : name);
    }
    CliRun run = RunTocflow(all, environment);
    printed_ += run.out + run.err;
    return run;
  }

  std::vector<std::string> OpenArgs(const std::string& spell) {
    return {"case",
            "open",
            "--json",
            "--nhs_number",
            "9434765919",
            "--local_patient_id",
            "MRN-" + spell,
            "--spell_id",
            spell,
            "--provider_ods",
            "RXX",
            "--ward",
            "Oak",
            "--setting",
            "acute",
            "--local_authority",
            "E09000007",
            "--icb",
            "QMJ",
            "--admitted_at",
            "2026-09-28 10:15",
            "--admission_method",
            "elective",
            "--notice_exclusion",
            "none"};
  }

  void TearDown() override {
    EXPECT_THAT(printed_, Not(HasSubstr(kWardToken)));
    EXPECT_THAT(printed_, Not(HasSubstr(kAnalystToken)));
  }

  tocflow::testing::TempDir dir_;
  TestCerts certs_;
  std::string principals_ = dir_.File("principals");
  std::unique_ptr<TocflowdProcess> server_;
  std::string printed_;  // everything every tocflow run printed
};

TEST_F(SecurityCliTest, TokenOverTlsOpensAndListsCases) {
  StartServer(Tls());
  std::vector<std::string> open = OpenArgs("S1");
  open.insert(open.end(), {"--tls-ca", certs_.ca_cert, "--token", kWardToken});
  CliRun opened = Cli(open);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::string case_id = ParseJson<v1::Case>(opened.out).case_id();
  CliRun listed = Cli({"--tls-ca", certs_.ca_cert, "--token", kWardToken, "case", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr(case_id.substr(0, 8)));
  // The same from the environment.
  CliRun from_env =
      Cli({"case", "show", case_id, "--json"},
          {std::string("TOCFLOW_TOKEN=") + kWardToken, "TOCFLOW_TLS_CA=" + certs_.ca_cert});
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_EQ(ParseJson<v1::Case>(from_env.out).case_id(), case_id);
}

TEST_F(SecurityCliTest, WithoutTokenExitsOneWithUnauthenticated) {
  StartServer(Tls());
  CliRun run = Cli({"--tls-ca", certs_.ca_cert, "case", "list"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_THAT(run.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(run.err, HasSubstr("credentials required"));
  CliRun wrong =
      Cli({"--tls-ca", certs_.ca_cert, "--token", "oak-ward-token-wrong", "case", "list"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.err;
  EXPECT_THAT(wrong.err, HasSubstr("the bearer token is not known"));
}

TEST_F(SecurityCliTest, TokenOfAnotherRoleExitsOneWithPermissionDenied) {
  StartServer(Tls());
  CliRun run = Cli({"--tls-ca", certs_.ca_cert, "--token", kAnalystToken, "case", "list"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_THAT(run.err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_THAT(run.err, HasSubstr("may read reports only"));
  CliRun other =
      Cli({"--tls-ca", certs_.ca_cert, "--token", kWardToken, "case", "list", "--provider", "RYY"});
  EXPECT_EQ(other.exit_code, 1) << other.err;
  EXPECT_THAT(other.err, HasSubstr("PERMISSION_DENIED"));
}

TEST_F(SecurityCliTest, TokenWorksOnAPlainLoopbackChannel) {
  StartServer({});
  CliRun run = Cli({"--token", kWardToken, "case", "list", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  CliRun without = Cli({"case", "list"});
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_THAT(without.err, HasSubstr("UNAUTHENTICATED"));
}

TEST_F(SecurityCliTest, PlaintextToATlsServerIsUnreachableWithAHint) {
  StartServer(Tls());
  CliRun run = Cli({"--token", kWardToken, "case", "list"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.err, HasSubstr("cannot reach tocflowd"));
  EXPECT_THAT(run.err, HasSubstr("--tls-ca"));
  CliRun other_ca = Cli({"--tls-ca", certs_.other_ca_cert, "--token", kWardToken, "case", "list"});
  EXPECT_EQ(other_ca.exit_code, 3) << other_ca.err;
}

TEST_F(SecurityCliTest, ServerNameOverrideIsTheNameVerified) {
  StartServer(Tls());
  CliRun right = Cli({"--tls-ca", certs_.ca_cert, "--tls-server-name", "localhost", "--token",
                      kWardToken, "case", "list"});
  EXPECT_EQ(right.exit_code, 0) << right.err;
  CliRun wrong = Cli({"--tls-ca", certs_.ca_cert, "--tls-server-name", "tocflow.example.nhs.uk",
                      "--token", kWardToken, "case", "list"});
  EXPECT_EQ(wrong.exit_code, 3) << wrong.err;
}

TEST_F(SecurityCliTest, MutualTlsIdentifiesTheClientCertificate) {
  std::vector<std::string> flags = Tls();
  flags.insert(flags.end(), {"--tls-client-ca", certs_.ca_cert});
  StartServer(flags);
  CliRun run = Cli({"--tls-ca", certs_.ca_cert, "--tls-cert", certs_.client_cert, "--tls-key",
                    certs_.client_key, "case", "list", "--provider", "RXX"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  CliRun other = Cli({"--tls-ca", certs_.ca_cert, "--tls-cert", certs_.client_cert, "--tls-key",
                      certs_.client_key, "case", "list", "--provider", "RYY"});
  EXPECT_EQ(other.exit_code, 1) << other.err;
  EXPECT_THAT(other.err, HasSubstr("PERMISSION_DENIED"));
  CliRun no_cert = Cli({"--tls-ca", certs_.ca_cert, "--token", kWardToken, "case", "list"});
  EXPECT_EQ(no_cert.exit_code, 3) << no_cert.err;
}

TEST_F(SecurityCliTest, BadSecurityOptionsAreUsageErrorsThatNeverShowTheToken) {
  StartServer({});
  CliRun cert_only = Cli({"--tls-cert", certs_.client_cert, "case", "list"});
  EXPECT_EQ(cert_only.exit_code, 2);
  EXPECT_THAT(cert_only.err, HasSubstr("--tls-key"));
  CliRun missing = Cli({"--tls-ca", dir_.File("no-such-ca.pem"), "case", "list"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no-such-ca.pem"));
  CliRun name_only = Cli({"--tls-server-name", "localhost", "case", "list"});
  EXPECT_EQ(name_only.exit_code, 2);
  const std::string spaced = std::string(kWardToken) + " x";
  CliRun bad_token = Cli({"--token", spaced, "case", "list"});
  EXPECT_EQ(bad_token.exit_code, 2);
  EXPECT_THAT(bad_token.err, HasSubstr("--token"));
  CliRun help = Cli({"case", "list", "--help"}, {std::string("TOCFLOW_TOKEN=") + kWardToken});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--token"));
  EXPECT_THAT(help.out, HasSubstr("--tls-ca"));
}

}  // namespace
}  // namespace tocflow::cli::testing
