// auth::access_policy and the principals file, without a server.
#include "auth/access_policy.h"

#include <gmock/gmock.h>

#include "auth/principals_file.h"

namespace tocflow::server::auth {
namespace {

using ::testing::HasSubstr;

const CaseScope kWard7{"RXX", "Ward 7", "E09000007", "QMJ"};

Principal Make(Role role, std::vector<Scope> scopes) { return {"someone", role, scopes}; }

TEST(AccessPolicy, EachRoleReadsOnlyItsOwnOrganisationsCases) {
  EXPECT_TRUE(MayRead(Make(Role::kDischargeTeam, {{"RXX", "Ward 7"}}), kWard7).ok());
  EXPECT_TRUE(MayRead(Make(Role::kDischargeTeam, {{"RXX", ""}}), kWard7).ok());
  EXPECT_EQ(MayRead(Make(Role::kDischargeTeam, {{"RXX", "Ward 8"}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(MayRead(Make(Role::kSocialCare, {{"E09000007", ""}}), kWard7).ok());
  EXPECT_EQ(MayRead(Make(Role::kSocialCare, {{"E09000001", ""}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(MayRead(Make(Role::kChc, {{"QMJ", ""}}), kWard7).ok());
  EXPECT_EQ(MayRead(Make(Role::kChc, {{"QXX", ""}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(MayRead(Make(Role::kIntegration, {}), kWard7).ok());
  EXPECT_EQ(MayRead(Make(Role::kIntegration, {{"RYY", ""}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  absl::Status analyst = MayRead(Make(Role::kAnalyst, {}), kWard7);
  EXPECT_EQ(analyst.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(analyst.message()), HasSubstr("reports only"));
  EXPECT_TRUE(MayRead(Make(Role::kAdmin, {}), kWard7).ok());
}

TEST(AccessPolicy, OnlyDischargeTeamsHospitalSystemsAndAdminsOpenCases) {
  EXPECT_TRUE(MayOpen(Make(Role::kDischargeTeam, {{"RXX", "Ward 7"}}), kWard7).ok());
  EXPECT_TRUE(MayOpen(Make(Role::kIntegration, {{"RXX", ""}}), kWard7).ok());
  EXPECT_EQ(MayOpen(Make(Role::kSocialCare, {{"E09000007", ""}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(MayOpen(Make(Role::kChc, {{"QMJ", ""}}), kWard7).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(MayReport(Make(Role::kIntegration, {})).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(MayReport(Make(Role::kAnalyst, {})).ok());
  EXPECT_TRUE(WithoutIdentifiers(Make(Role::kAnalyst, {})));
  EXPECT_FALSE(WithoutIdentifiers(Make(Role::kChc, {{"QMJ", ""}})));
}

TEST(AccessPolicy, ReportCaseLinesShowOnlyInScope) {
  EXPECT_TRUE(MaySeeReportLine(Make(Role::kAdmin, {}), "RXX", "E09000007"));
  EXPECT_TRUE(MaySeeReportLine(Make(Role::kDischargeTeam, {{"RXX", "Ward 7"}}), "RXX", "E1"));
  EXPECT_FALSE(MaySeeReportLine(Make(Role::kDischargeTeam, {{"RYY", ""}}), "RXX", "E1"));
  EXPECT_TRUE(MaySeeReportLine(Make(Role::kSocialCare, {{"E1", ""}}), "RXX", "E1"));
  EXPECT_FALSE(MaySeeReportLine(Make(Role::kSocialCare, {{"E2", ""}}), "RXX", "E1"));
  EXPECT_FALSE(MaySeeReportLine(Make(Role::kChc, {{"QMJ", ""}}), "RXX", "E1"));
  EXPECT_FALSE(MaySeeReportLine(Make(Role::kAnalyst, {}), "RXX", "E1"));
}

TEST(AccessPolicy, ListFiltersAreNarrowedToTheScope) {
  store::CaseFilter filter;
  ASSERT_TRUE(NarrowCaseFilter(Make(Role::kSocialCare, {{"E09000007", ""}}), filter).ok());
  EXPECT_EQ(filter.local_authority, "E09000007");

  store::CaseFilter ward;
  ASSERT_TRUE(NarrowCaseFilter(Make(Role::kDischargeTeam, {{"RXX", "Ward 7"}}), ward).ok());
  EXPECT_EQ(ward.provider_ods, "RXX");
  EXPECT_EQ(ward.ward, "Ward 7");

  store::CaseFilter other;
  other.local_authority = "E09000001";
  EXPECT_EQ(NarrowCaseFilter(Make(Role::kSocialCare, {{"E09000007", ""}}), other).code(),
            absl::StatusCode::kPermissionDenied);

  const Principal two_icbs = Make(Role::kChc, {{"QMJ", ""}, {"QXX", ""}});
  store::AlertFilter unnamed;
  absl::Status ambiguous = NarrowAlertFilter(two_icbs, unnamed);
  EXPECT_EQ(ambiguous.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(ambiguous.message()), HasSubstr("filter by one of them"));
  store::AlertFilter named;
  named.icb = "QXX";
  EXPECT_TRUE(NarrowAlertFilter(two_icbs, named).ok());

  store::CaseFilter any;
  EXPECT_TRUE(NarrowCaseFilter(Make(Role::kAdmin, {}), any).ok());
  EXPECT_FALSE(any.provider_ods.has_value());
  EXPECT_EQ(NarrowCaseFilter(Make(Role::kAnalyst, {}), any).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PrincipalsFile, ParsesTokensCertificatesRolesAndScopes) {
  const std::string hash = Sha256Hex("s3cret");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto principals = ParsePrincipals(
      "# who may call\n"
      "token:" +
      hash +
      " ward7 discharge_team RXX/Ward 7, RXX/Ward 8\n"
      "cert:pas.rxx.nhs.uk pas integration RXX\n"
      "token:" +
      Sha256Hex("other") + " boss admin\n");
  ASSERT_TRUE(principals.ok()) << principals.status();
  const Principal& ward7 = principals->by_token_hash.at(hash);
  EXPECT_EQ(ward7.name, "ward7");
  EXPECT_EQ(ward7.role, Role::kDischargeTeam);
  EXPECT_THAT(ward7.scopes, ::testing::ElementsAre(Scope{"RXX", "Ward 7"}, Scope{"RXX", "Ward 8"}));
  EXPECT_EQ(principals->by_certificate.at("pas.rxx.nhs.uk").role, Role::kIntegration);
}

TEST(PrincipalsFile, NamesTheLineOfAMistake) {
  const std::string hash = Sha256Hex("x");
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"token:abc n admin\n", "64 hex digits"},
           {"token:" + hash + " n nurse\n", "unknown role \"nurse\""},
           {"token:" + hash + " n social_care\n", "needs at least one scope"},
           {"token:" + hash + " n admin RXX\n", "takes no scope"},
           {"token:" + hash + " n chc QMJ/W1\n", "a ward"},
           {"\ntoken:" + hash + " n admin\ncert:x n admin\n", "line 3: name \"n\" given twice"},
           {"password n admin\n", "token:<sha256>"},
       }) {
    auto parsed = ParsePrincipals(text);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(message)) << text;
  }
}

}  // namespace
}  // namespace tocflow::server::auth
