// tocflow-adt end to end: real tocflowd and tocflow-adt processes, MLLP over loopback TCP.
#include <sys/wait.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "adt/bridge_fixture.h"

namespace tocflow::adt::testing {
namespace {

const std::vector<std::string> kFeed = {
    "01_A01_admit_patient1.hl7",           "02_A02_transfer_patient1.hl7",
    "03_A12_cancel_transfer_patient1.hl7", "04_A08_update_patient1.hl7",
    "05_A01_admit_patient2.hl7",           "06_A11_cancel_admit_patient2.hl7",
    "07_A03_discharge_patient1.hl7",       "08_A13_cancel_discharge_patient1.hl7"};

TEST_F(BridgeTest, ExampleFeedIsAcceptedAndReachesTheCases) {
  MllpTestClient client(port_);
  ASSERT_TRUE(client.connected());
  int n = 0;
  for (const std::string& file : kFeed) {
    const Msa msa = Exchange(client, Example(file));
    EXPECT_EQ(msa.code, "AA") << file << ": " << msa.text;
    EXPECT_EQ(msa.control_id, "MSG000" + std::to_string(++n)) << file;
  }
  const v1::Case one = CaseOfSpell("V1001");
  EXPECT_EQ(one.version(), 6);  // opened, A02, A12, A08, A03, A13
  EXPECT_EQ(one.facts().identity().nhs_number(), "9434765919");
  EXPECT_EQ(one.facts().identity().ward(), "WARD3");
  EXPECT_EQ(one.facts().identity().bed(), "B7");
  EXPECT_FALSE(one.closed());
  EXPECT_EQ(StateOf(one, "stay"), "Admitted");
  const v1::Case two = CaseOfSpell("V2002");
  EXPECT_EQ(two.version(), 2);
  EXPECT_TRUE(two.closed());
  EXPECT_EQ(StateOf(two, "stay"), "Cancelled");
}

TEST_F(BridgeTest, SendModeFeedsTheExamplesAndPrintsEachAck) {
  std::vector<std::string> args = {TOCFLOW_ADT_PATH, "--to", "127.0.0.1:" + std::to_string(port_),
                                   "--send"};
  for (const std::string& file : kFeed) {
    args.push_back(std::string(TOCFLOW_ADT_EXAMPLES_DIR) + "/" + file);
  }
  ChildProcess sender(args);
  ASSERT_TRUE(sender.started());
  const int status = sender.Wait();
  EXPECT_NE(sender.Output().find("MSG0008 -> AA"), std::string::npos) << sender.Output();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << sender.Output();
  EXPECT_EQ(CaseOfSpell("V1001").version(), 6);
}

TEST_F(BridgeTest, RetriedMessageIsAppliedOnce) {
  MllpTestClient client(port_);
  ASSERT_EQ(Exchange(client, Example(kFeed[0])).code, "AA");
  ASSERT_EQ(Exchange(client, Example(kFeed[1])).code, "AA");
  EXPECT_EQ(CaseOfSpell("V1001").version(), 2);
  // The sender did not see the ACKs and resends both, on a new connection.
  MllpTestClient again(port_);
  EXPECT_EQ(Exchange(again, Example(kFeed[0])).code, "AA");
  const Msa transfer = Exchange(again, Example(kFeed[1]));
  EXPECT_EQ(transfer.code, "AA") << transfer.text;
  EXPECT_EQ(CasesOfSpell("V1001").size(), 1u);
  EXPECT_EQ(CaseOfSpell("V1001").version(), 2);
}

TEST_F(BridgeTest, MalformedMessagesGetANakAndTheConnectionStaysUsable) {
  MllpTestClient client(port_);
  EXPECT_EQ(Exchange(client, "this is not HL7").code, "AR");
  const Msa bad_segment =
      Exchange(client, "MSH|^~\\&|PAS|RXX|||20260302090500||ADT^A01|BAD1|P|2.4\rP!D|1\r");
  EXPECT_EQ(bad_segment.code, "AR");
  EXPECT_EQ(bad_segment.control_id, "BAD1");
  const Msa no_visit = Exchange(client, Replace(Example(kFeed[0]), "V1001", ""));
  EXPECT_EQ(no_visit.code, "AE");
  EXPECT_NE(no_visit.text.find("PV1-19"), std::string::npos) << no_visit.text;
  EXPECT_EQ(Exchange(client, Example(kFeed[0])).code, "AA");
  EXPECT_EQ(CaseOfSpell("V1001").version(), 1);
}

TEST_F(BridgeTest, OversizeFrameIsRejectedAndTheNextOneWorks) {
  MllpTestClient client(port_);
  const Msa big = Exchange(client, Example(kFeed[0]) + "NTE|1||" + std::string(9000, 'x') + "\r");
  EXPECT_EQ(big.code, "AR");
  EXPECT_EQ(Exchange(client, Example(kFeed[0])).code, "AA");
}

TEST_F(BridgeTest, SplitFrameAndTwoMessagesInOneWrite) {
  MllpTestClient client(port_);
  const std::string frame = MllpTestClient::Frame(Example(kFeed[0]));
  ASSERT_TRUE(client.SendRaw(frame.substr(0, 1)));
  ASSERT_TRUE(client.SendRaw(frame.substr(1, 40)));
  ASSERT_TRUE(client.SendRaw(frame.substr(41, frame.size() - 42)));
  ASSERT_TRUE(client.SendRaw(frame.substr(frame.size() - 1)));
  std::optional<std::string> first = client.ReadAck();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(ReadMsa(*first).code, "AA");
  ASSERT_TRUE(client.SendRaw(MllpTestClient::Frame(Example(kFeed[1])) +
                             MllpTestClient::Frame(Example(kFeed[2]))));
  std::optional<std::string> second = client.ReadAck();
  std::optional<std::string> third = client.ReadAck();
  ASSERT_TRUE(second && third);
  EXPECT_EQ(ReadMsa(*second).control_id, "MSG0002");
  EXPECT_EQ(ReadMsa(*second).code, "AA");
  EXPECT_EQ(ReadMsa(*third).control_id, "MSG0003");
  EXPECT_EQ(ReadMsa(*third).code, "AA");
  EXPECT_EQ(CaseOfSpell("V1001").version(), 3);
}

TEST_F(BridgeTest, GarbageBetweenFramesIsSkipped) {
  MllpTestClient client(port_);
  ASSERT_TRUE(client.SendRaw("hello\r\n" + MllpTestClient::Frame(Example(kFeed[0])) +
                             "\r\n\x1c junk \x0d" + MllpTestClient::Frame(Example(kFeed[1]))));
  std::optional<std::string> first = client.ReadAck();
  std::optional<std::string> second = client.ReadAck();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(ReadMsa(*first).code, "AA");
  EXPECT_EQ(ReadMsa(*second).code, "AA");
  EXPECT_EQ(CaseOfSpell("V1001").version(), 2);
}

TEST_F(BridgeTest, UnknownVisitIsAnError) {
  MllpTestClient client(port_);
  const Msa msa = Exchange(client, Replace(Example(kFeed[1]), "V1001", "V9999"));
  EXPECT_EQ(msa.code, "AE");
  EXPECT_NE(msa.text.find("PV1-19"), std::string::npos) << msa.text;
}

TEST_F(BridgeTest, BadNhsNumberIsAnErrorAndOpensNothing) {
  MllpTestClient client(port_);
  const Msa msa = Exchange(client, Replace(Example(kFeed[0]), "9434765919", "9434765918"));
  EXPECT_EQ(msa.code, "AE");
  EXPECT_NE(msa.text.find("NHS number"), std::string::npos) << msa.text;
  EXPECT_TRUE(CasesOfSpell("V1001").empty());
}

TEST_F(BridgeTest, EventNotValidNowIsAnError) {
  MllpTestClient client(port_);
  ASSERT_EQ(Exchange(client, Example(kFeed[0])).code, "AA");
  const Msa msa = Exchange(client, Example("08_A13_cancel_discharge_patient1.hl7"));
  EXPECT_EQ(msa.code, "AE");
  EXPECT_FALSE(msa.text.empty());
  EXPECT_EQ(CaseOfSpell("V1001").version(), 1);
}

TEST_F(BridgeTest, UnsupportedTypeOrVersionIsRejected) {
  MllpTestClient client(port_);
  const Msa a28 = Exchange(client, ReadMessage(std::string(TOCFLOW_HL7_SAMPLES_DIR) +
                                               "/16_A28_v2.4_nhs-itk-example.hl7"));
  EXPECT_EQ(a28.code, "AR");
  EXPECT_NE(a28.text.find("A28"), std::string::npos) << a28.text;
  const Msa v26 = Exchange(client, Replace(Example(kFeed[0]), "|P|2.4", "|P|2.6"));
  EXPECT_EQ(v26.code, "AR");
  EXPECT_TRUE(CasesOfSpell("V1001").empty());
}

TEST_F(BridgeTest, ManyConnectionsAtOnce) {
  constexpr int kClients = 8;
  std::atomic<int> accepted = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      MllpTestClient client(port_);
      const std::string visit = "V30" + std::to_string(i);
      const std::string tag = "C" + std::to_string(i) + "-";
      const std::string admit =
          Replace(Replace(Example(kFeed[0]), "V1001", visit), "MSG0001", tag + "1");
      const std::string move =
          Replace(Replace(Example(kFeed[1]), "V1001", visit), "MSG0002", tag + "2");
      if (Exchange(client, admit).code == "AA") ++accepted;
      if (Exchange(client, move).code == "AA") ++accepted;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 2 * kClients);
  for (int i = 0; i < kClients; ++i) {
    EXPECT_EQ(CaseOfSpell("V30" + std::to_string(i)).version(), 2) << i;
  }
}

TEST_F(BridgeTest, TocflowdDownIsRejectedForResend) {
  server_->Stop();
  MllpTestClient client(port_);
  const Msa down = Exchange(client, Example(kFeed[0]));
  EXPECT_EQ(down.code, "AR");
  EXPECT_NE(down.text.find("resend"), std::string::npos) << down.text;
}

TEST_F(BridgeTest, LogsNameControlIdsButNoPatientAndStopCleanly) {
  MllpTestClient client(port_);
  for (const std::string& file : kFeed) ASSERT_EQ(Exchange(client, Example(file)).code, "AA");
  // A garbled sample whose MSH-10 holds part of an address.
  EXPECT_NE(Exchange(client, ReadMessage(std::string(TOCFLOW_HL7_SAMPLES_DIR) +
                                         "/51_AXX_vNA_ipf-sapish-arnie-garbled.hl7"))
                .code,
            "AA");
  const int status = bridge_->Stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::string log = bridge_->Output();
  EXPECT_NE(log.find("MSG0007"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
  for (const char* secret :
       {"9434765919", "9990500002", "MRN1001", "SMITH", "V1001", "Hauptstrasse"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
  }
}

}  // namespace
}  // namespace tocflow::adt::testing
