// Authentication and roles against a real tocflowd: every RPC without credentials, with the
// wrong role, with the wrong organisation and with the right one; and the access log.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "server_fixture.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace tocflow::server::testing {
namespace {

using ::testing::HasSubstr;

// The tokens' SHA-256 as the README says to make them (`printf %s TOKEN | sha256sum`).
std::string Hash(const std::string& token) {
  static const std::map<std::string, std::string> kSha256 = {
      {"admin-token", "10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a"},
      {"ward1-token", "d396f464c4c9ca01853729a4e2b80b8ef7da44d93089ba81c036ace388706961"},
      {"la1-token", "f2e9ada71bd34a44de708ec3eb11f31c5dd55eddc4a456f55ed216806e316bae"},
      {"la2-token", "e1d70091ce381803e893d77c9dd7d1d2ce500cae902d598897d6ef24b1c30bce"},
      {"chc-token", "90b76b3e77029da43ef56951afdb56e24fbda49fe3d9a95aca70df94be74d247"},
      {"analyst-token", "06ff3913469cdb533bd93c0701fee774bbf18c48e01cdfc413a17b69dbea0764"},
      {"pas-token", "542d6992f113c3c198249116ea8c19c10ce51a4f26bdc58e177a795d26a0392b"},
  };
  return kSha256.at(token);
}

class SecurityTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    std::ofstream file(dir_.File("principals"));
    file << "token:" << Hash("admin-token") << " boss admin\n"
         << "token:" << Hash("ward1-token") << " ward1 discharge_team RXX/W1\n"
         << "token:" << Hash("la1-token") << " la1 social_care E09000001\n"
         << "token:" << Hash("la2-token") << " la2 social_care E09000002\n"
         << "token:" << Hash("chc-token") << " chc chc QXX\n"
         << "token:" << Hash("analyst-token") << " analyst analyst\n"
         << "token:" << Hash("pas-token") << " pas integration RXX\n";
    file.close();
    options.principals_file = dir_.File("principals");
    options.access_log_file = dir_.File("access.log");
  }

  void SetUp() override {
    ServerTest::SetUp();
    reports_ = v1::ReportService::NewStub(channel_);
    ward1_case_ = CreateAs("admin-token", "S1", "W1");
    ward2_case_ = CreateAs("admin-token", "S2", "W2");
  }

  static void As(grpc::ClientContext& context, const std::string& token) {
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  }

  std::string CreateAs(const std::string& token, const std::string& spell,
                       const std::string& ward) {
    grpc::ClientContext context;
    As(context, token);
    v1::Case created;
    grpc::Status status =
        cases_->CreateCase(&context, Opening("open-" + spell, spell, ward), &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.case_id();
  }

  grpc::StatusCode GetCaseAs(const std::string& token, const std::string& id) {
    grpc::ClientContext context;
    As(context, token);
    v1::GetCaseRequest request;
    request.set_case_id(id);
    v1::Case out;
    return cases_->GetCase(&context, request, &out).error_code();
  }

  // Every RPC of the API once, with `token`, on ward 1's case; the status of each.
  std::map<std::string, grpc::StatusCode> EveryRpc(const std::string& token) {
    std::map<std::string, grpc::StatusCode> codes;
    auto run = [&](const std::string& name, auto call) {
      grpc::ClientContext context;
      As(context, token);
      codes[name] = call(context).error_code();
    };
    run("CreateCase", [&](grpc::ClientContext& c) {
      v1::Case out;
      return cases_->CreateCase(&c, Opening("open-x" + token, "X" + token, "W1"), &out);
    });
    run("GetCase", [&](grpc::ClientContext& c) {
      v1::GetCaseRequest r;
      r.set_case_id(ward1_case_);
      v1::Case out;
      return cases_->GetCase(&c, r, &out);
    });
    run("ListCases", [&](grpc::ClientContext& c) {
      v1::ListCasesResponse out;
      return cases_->ListCases(&c, v1::ListCasesRequest(), &out);
    });
    run("RecordEvent", [&](grpc::ClientContext& c) {
      v1::RecordEventRequest r;
      r.set_case_id(ward1_case_);
      r.set_request_id("ready-" + token);
      r.set_actor("nurse");
      *r.mutable_occurred_at() = Wire(kStart + std::chrono::hours(1));
      r.mutable_event()->mutable_party_assigned()->set_role(v1::ROLE_GP);
      r.mutable_event()->mutable_party_assigned()->set_party("gp-" + token);
      v1::RecordEventResponse out;
      return cases_->RecordEvent(&c, r, &out);
    });
    run("GetHistory", [&](grpc::ClientContext& c) {
      v1::GetHistoryRequest r;
      r.set_case_id(ward1_case_);
      v1::GetHistoryResponse out;
      return cases_->GetHistory(&c, r, &out);
    });
    run("AssignParty", [&](grpc::ClientContext& c) {
      v1::AssignPartyRequest r;
      r.set_case_id(ward1_case_);
      r.set_request_id("assign-" + token);
      r.set_actor("hub");
      *r.mutable_occurred_at() = Wire(kStart + std::chrono::hours(1));
      r.set_role(v1::ROLE_TRANSPORT);
      r.set_party("t-" + token);
      v1::AssignPartyResponse out;
      return cases_->AssignParty(&c, r, &out);
    });
    run("ListAlerts", [&](grpc::ClientContext& c) {
      v1::ListAlertsResponse out;
      return alerts_->ListAlerts(&c, v1::ListAlertsRequest(), &out);
    });
    run("AckAlert", [&](grpc::ClientContext& c) {
      v1::AckAlertRequest r;
      r.set_cursor(1);  // the opening alert of ward 1's case
      r.set_acknowledged_by("someone");
      v1::Alert out;
      return alerts_->AckAlert(&c, r, &out);
    });
    run("WatchAlerts", [&](grpc::ClientContext& c) {
      v1::WatchAlertsRequest r;
      r.set_after_cursor(0);
      c.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
      auto reader = alerts_->WatchAlerts(&c, r);
      v1::Alert alert;
      while (reader->Read(&alert)) {
      }
      grpc::Status status = reader->Finish();
      // A permitted watch runs until its deadline.
      return status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ? grpc::Status::OK : status;
    });
    run("Reimbursement", [&](grpc::ClientContext& c) {
      v1::ReimbursementRequest r;
      r.mutable_from_day()->set_year(2026);
      r.mutable_from_day()->set_month(3);
      r.mutable_from_day()->set_day(1);
      *r.mutable_to_day() = r.from_day();
      v1::ReimbursementResponse out;
      return reports_->Reimbursement(&c, r, &out);
    });
    run("DelayedTransfersMonthly", [&](grpc::ClientContext& c) {
      v1::DelayedTransfersMonthlyRequest r;
      r.set_year(2026);
      r.set_month(3);
      v1::DelayedTransfersMonthlyResponse out;
      return reports_->DelayedTransfersMonthly(&c, r, &out);
    });
    return codes;
  }

  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::string ward1_case_;
  std::string ward2_case_;
};

using Codes = std::map<std::string, grpc::StatusCode>;
constexpr auto OK = grpc::StatusCode::OK;
constexpr auto DENIED = grpc::StatusCode::PERMISSION_DENIED;

TEST_F(SecurityTest, EveryRpcWithoutCredentialsIsUnauthenticated) {
  for (const auto& [rpc, code] : EveryRpc("")) {
    EXPECT_EQ(code, grpc::StatusCode::UNAUTHENTICATED) << rpc;
  }
  for (const auto& [rpc, code] : EveryRpc("forged-token")) {
    EXPECT_EQ(code, grpc::StatusCode::UNAUTHENTICATED) << rpc;
  }
}

TEST_F(SecurityTest, EachRoleGetsWhatItsRoleAndScopeAllow) {
  // The ward's own discharge team: everything on its ward's case, and reports.
  EXPECT_EQ(EveryRpc("ward1-token"), (Codes{{"CreateCase", OK},
                                            {"GetCase", OK},
                                            {"ListCases", OK},
                                            {"RecordEvent", OK},
                                            {"GetHistory", OK},
                                            {"AssignParty", OK},
                                            {"ListAlerts", OK},
                                            {"AckAlert", OK},
                                            {"WatchAlerts", OK},
                                            {"Reimbursement", OK},
                                            {"DelayedTransfersMonthly", OK}}));
  // The case's local authority: read and record, but not open cases.
  EXPECT_EQ(EveryRpc("la1-token"), (Codes{{"CreateCase", DENIED},
                                          {"GetCase", OK},
                                          {"ListCases", OK},
                                          {"RecordEvent", OK},
                                          {"GetHistory", OK},
                                          {"AssignParty", OK},
                                          {"ListAlerts", OK},
                                          {"AckAlert", OK},
                                          {"WatchAlerts", OK},
                                          {"Reimbursement", OK},
                                          {"DelayedTransfersMonthly", OK}}));
  // Another local authority: nothing of this case.
  EXPECT_EQ(EveryRpc("la2-token"), (Codes{{"CreateCase", DENIED},
                                          {"GetCase", DENIED},
                                          {"ListCases", OK},
                                          {"RecordEvent", DENIED},
                                          {"GetHistory", DENIED},
                                          {"AssignParty", DENIED},
                                          {"ListAlerts", OK},
                                          {"AckAlert", DENIED},
                                          {"WatchAlerts", OK},
                                          {"Reimbursement", OK},
                                          {"DelayedTransfersMonthly", OK}}));
  // An analyst: reports only.
  EXPECT_EQ(EveryRpc("analyst-token"), (Codes{{"CreateCase", DENIED},
                                              {"GetCase", DENIED},
                                              {"ListCases", DENIED},
                                              {"RecordEvent", DENIED},
                                              {"GetHistory", DENIED},
                                              {"AssignParty", DENIED},
                                              {"ListAlerts", DENIED},
                                              {"AckAlert", DENIED},
                                              {"WatchAlerts", DENIED},
                                              {"Reimbursement", OK},
                                              {"DelayedTransfersMonthly", OK}}));
  // The hospital's system: cases, not reports.
  EXPECT_EQ(EveryRpc("pas-token"), (Codes{{"CreateCase", OK},
                                          {"GetCase", OK},
                                          {"ListCases", OK},
                                          {"RecordEvent", OK},
                                          {"GetHistory", OK},
                                          {"AssignParty", OK},
                                          {"ListAlerts", OK},
                                          {"AckAlert", OK},
                                          {"WatchAlerts", OK},
                                          {"Reimbursement", DENIED},
                                          {"DelayedTransfersMonthly", DENIED}}));
}

TEST_F(SecurityTest, ListsShowOnlyTheCallersOrganisation) {
  auto list = [&](const std::string& token, v1::ListCasesRequest request) {
    grpc::ClientContext context;
    As(context, token);
    v1::ListCasesResponse out;
    grpc::Status status = cases_->ListCases(&context, request, &out);
    std::vector<std::string> ids;
    for (const auto& c : out.cases()) ids.push_back(c.case_id());
    return std::make_pair(status.error_code(), ids);
  };
  EXPECT_EQ(list("ward1-token", {}), std::make_pair(OK, std::vector<std::string>{ward1_case_}));
  EXPECT_EQ(list("la2-token", {}).second, std::vector<std::string>{});
  EXPECT_EQ(list("chc-token", {}).second.size(), 2u);
  v1::ListCasesRequest other_ward;
  other_ward.mutable_filter()->set_ward("W2");
  grpc::ClientContext context;
  As(context, "ward1-token");
  v1::ListCasesResponse out;
  grpc::Status status = cases_->ListCases(&context, other_ward, &out);
  EXPECT_EQ(status.error_code(), DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("ward1"));
  EXPECT_EQ(GetCaseAs("ward1-token", ward2_case_), DENIED);
  EXPECT_EQ(GetCaseAs("chc-token", ward2_case_), OK);
}

TEST_F(SecurityTest, AccessLogNamesWhoAndWhichCaseButNoPatientDetails) {
  ASSERT_EQ(GetCaseAs("la1-token", ward1_case_), OK);
  ASSERT_EQ(GetCaseAs("la2-token", ward1_case_), DENIED);
  std::ifstream in(dir_.File("access.log"));
  std::stringstream text;
  text << in.rdbuf();
  const std::string log = text.str();
  EXPECT_THAT(log,
              HasSubstr("principal=la1 role=social_care rpc=GetCase case=" + ward1_case_ + " OK"));
  EXPECT_THAT(
      log, HasSubstr("principal=la2 role=social_care rpc=GetCase case=" + ward1_case_ + " code=7"));
  EXPECT_THAT(log, HasSubstr("principal=boss role=admin rpc=CreateCase"));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("9434765919")));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("MRN-")));
}

}  // namespace
}  // namespace tocflow::server::testing
