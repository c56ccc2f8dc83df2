// End-to-end fixture for tocflow-adt: a real tocflowd (support/tocflowd_process.h) and a real
// tocflow-adt started as processes on free loopback ports (paths from CMake), plain TCP clients for
// the MLLP side and the generated gRPC stubs to check what reached the server.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "adt/mllp_test_client.h"
#include "bridge/mllp_sender.h"
#include "support/child_process.h"
#include "support/temp_dir.h"
#include "support/tocflowd_process.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::adt::testing {

namespace v1 = ::tocflow::v1;
using ::tocflow::testing::ChildProcess;
using ::tocflow::testing::MllpTestClient;
using ::tocflow::testing::Msa;
using ::tocflow::testing::ReadMsa;
using ::tocflow::testing::TocflowdProcess;

// The single message of a file (example feed or shared samples), segments ended by CR.
inline std::string ReadMessage(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> messages = SplitMessages(text.str());
  EXPECT_FALSE(messages.empty()) << path;
  return messages.empty() ? "" : messages.front();
}

inline std::string Example(const std::string& name) {
  return ReadMessage(std::string(TOCFLOW_ADT_EXAMPLES_DIR) + "/" + name);
}

// `text` with every `from` replaced by `to`.
inline std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The text after `marker` up to the next space: "127.0.0.1:PORT".
inline std::string WordAfter(const std::string& line, const std::string& marker) {
  const size_t at = line.find(marker);
  if (at == std::string::npos) return "";
  const std::string rest = line.substr(at + marker.size());
  return rest.substr(0, rest.find(' '));
}

class BridgeTest : public ::testing::Test {
 protected:
  static constexpr const char* kProvider = "RXX";

  void SetUp() override {
    std::vector<std::string> server_flags = {"--synchronous", "normal"};
    server_flags.insert(server_flags.end(), server_flags_.begin(), server_flags_.end());
    server_ = std::make_unique<TocflowdProcess>(dir_.File("x.db"), server_flags);
    ASSERT_TRUE(server_->up()) << server_->Output();
    server_address_ = server_->address();
    StartBridge();
    cases_ = v1::CaseService::NewStub(grpc::CreateChannel(server_address_, credentials_));
  }

  // Starts (or restarts) tocflow-adt with the fixed test flags and `flags`.
  void StartBridge(const std::vector<std::string>& flags = {}) {
    std::vector<std::string> argv = {
        TOCFLOW_ADT_PATH, "--listen",       "127.0.0.1:0", "--server",
        server_address_,  "--provider-ods", kProvider,     "--local-authority",
        "E09000001",      "--icb",          "QXX",         "--max-frame-bytes",
        "8192",           "--timeout-ms",   "5000"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    bridge_.reset();  // a restart: the old bridge stops first
    bridge_ = std::make_unique<ChildProcess>(argv);
    ASSERT_TRUE(bridge_->started());
    auto listening = bridge_->WaitForLine("tocflow-adt: listening on ");
    ASSERT_TRUE(listening.has_value()) << bridge_->Output();
    port_ = std::stoi(WordAfter(*listening, "listening on 127.0.0.1:"));
  }

  // Sends one framed message on `client` and returns the MSA of its ACK.
  static Msa Exchange(MllpTestClient& client, const std::string& message) {
    if (!client.SendRaw(MllpTestClient::Frame(message))) return {"send failed", "", ""};
    std::optional<std::string> ack = client.ReadAck();
    if (!ack) return {"no ACK", "", ""};
    return ReadMsa(*ack);
  }

  // The cases of a spell (closed ones included).
  std::vector<v1::CaseSummary> CasesOfSpell(const std::string& spell) {
    v1::ListCasesRequest request;
    request.mutable_filter()->set_provider_ods(kProvider);
    request.mutable_filter()->set_spell_id(spell);
    request.mutable_filter()->set_include_closed(true);
    v1::ListCasesResponse response;
    grpc::ClientContext context;
    grpc::Status status = cases_->ListCases(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.cases().begin(), response.cases().end()};
  }

  // The one case of a spell, read with GetCase (fails the test when there is not exactly one).
  v1::Case CaseOfSpell(const std::string& spell) {
    std::vector<v1::CaseSummary> found = CasesOfSpell(spell);
    EXPECT_EQ(found.size(), 1u) << "spell " << spell;
    v1::Case result;
    if (found.size() != 1) return result;
    v1::GetCaseRequest request;
    request.set_case_id(found.front().case_id());
    grpc::ClientContext context;
    grpc::Status status = cases_->GetCase(&context, request, &result);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return result;
  }

  static std::string StateOf(const v1::Case& c, const std::string& region) {
    for (const auto& s : c.states()) {
      if (s.region() == region) return s.state();
    }
    return "";
  }

  ::tocflow::testing::TempDir dir_;
  // Set by a derived fixture before BridgeTest::SetUp: extra tocflowd flags (TLS, principals),
  // and the credentials of the test's own stub (cases_).
  std::vector<std::string> server_flags_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_ = grpc::InsecureChannelCredentials();
  std::unique_ptr<TocflowdProcess> server_;
  std::unique_ptr<ChildProcess> bridge_;
  std::string server_address_;
  int port_ = 0;
  std::unique_ptr<v1::CaseService::Stub> cases_;
};

}  // namespace tocflow::adt::testing
