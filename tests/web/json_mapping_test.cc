#include "web/json_mapping.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "tocflow/v1/reports.pb.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;

TEST(JsonMapping, PrintsApiMessagesWithProtoFieldNamesAndZeroCounts) {
  v1::Alert alert;
  alert.set_cursor(42);
  alert.set_case_id("C1");
  alert.set_kind(v1::ALERT_KIND_CHC_BREACH);
  auto json = ToJson(alert);
  EXPECT_EQ(json["cursor"], "42");  // int64 travels as a string in canonical JSON
  EXPECT_EQ(json["case_id"], "C1");
  EXPECT_EQ(json["kind"], "ALERT_KIND_CHC_BREACH");
  EXPECT_EQ(json["acknowledged_by"], "");
  EXPECT_FALSE(json.contains("pence_per_day"));  // unset optional stays out
  EXPECT_FALSE(json.contains("due"));

  v1::ChcCounts counts;
  EXPECT_EQ(ToJson(counts)["decided"], 0);
}

TEST(JsonMapping, ParsesARecordEventBodyForTheCaseInThePath) {
  google::protobuf::Timestamp now = google::protobuf::util::TimeUtil::SecondsToTimestamp(1000);
  auto request = ParseRecordEvent("CASE-9",
                                  R"({"request_id":"r1","actor":"amy","expected_version":"3",
          "event":{"pathway_agreed":{"pathway":"PATHWAY_2"}}})",
                                  now);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->case_id(), "CASE-9");
  EXPECT_EQ(request->request_id(), "r1");
  EXPECT_EQ(request->actor(), "amy");
  ASSERT_TRUE(request->has_expected_version());
  EXPECT_EQ(request->expected_version(), 3);
  EXPECT_EQ(request->event().pathway_agreed().pathway(), v1::PATHWAY_2);
  EXPECT_EQ(request->occurred_at().seconds(), 1000);  // defaulted to now
}

TEST(JsonMapping, KeepsAGivenOccurredAtAndNestedDates) {
  auto request = ParseRecordEvent(
      "C", R"({"occurred_at":"2026-10-03T13:00:00Z","event":{"expected_discharge_date_set":
          {"expected_discharge_date":{"year":2026,"month":10,"day":9}}}})",
      {});
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(google::protobuf::util::TimeUtil::ToString(request->occurred_at()),
            "2026-10-03T13:00:00Z");
  EXPECT_EQ(request->event().expected_discharge_date_set().expected_discharge_date().day(), 9);
}

TEST(JsonMapping, RejectsABodyThatIsNotARequest) {
  auto unknown = ParseRecordEvent("C", R"({"evnt":{}})", {});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  auto bad_enum = ParseRecordEvent("C", R"({"event":{"pathway_agreed":{"pathway":"P9"}}})", {});
  EXPECT_EQ(bad_enum.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseRecordEvent("C", "not json", {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(JsonMapping, MapsApiErrorsToHttpStatusesKeepingTheMessage) {
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::FAILED_PRECONDITION), 409);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::ABORTED), 409);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(HttpStatusFor(grpc::StatusCode::INTERNAL), 500);
  auto body = ErrorJson(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "stay=Admitted"));
  EXPECT_EQ(body["error"]["code"], "FAILED_PRECONDITION");
  EXPECT_EQ(body["error"]["message"], "stay=Admitted");
}

TEST(JsonMapping, ParsesRolesByFullOrShortName) {
  EXPECT_EQ(*ParseRole("chc_coordinator"), v1::ROLE_CHC_COORDINATOR);
  EXPECT_EQ(*ParseRole("ROLE_CARE_TRANSFER_HUB"), v1::ROLE_CARE_TRANSFER_HUB);
  auto bad = ParseRole("nurse");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(bad.status().message()).find("la_social_worker"), std::string::npos);
  EXPECT_FALSE(ParseRole("unspecified").ok());
}

TEST(JsonMapping, BuildsFiltersFromQueryParameters) {
  QueryParams params = {{"role", "la_social_worker"}, {"la", "E09000007"}, {"case_id", "C1"}};
  auto alerts = ParseAlertFilter(params);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->roles_size(), 1);
  EXPECT_EQ(alerts->roles(0), v1::ROLE_LA_SOCIAL_WORKER);
  EXPECT_EQ(alerts->local_authority(), "E09000007");
  EXPECT_EQ(alerts->case_id(), "C1");
  EXPECT_FALSE(ParseAlertFilter({{"role", "x"}}).ok());

  auto cases = ParseCaseFilter({{"ward", "Ward 7"}, {"icb", "QMJ"}, {"include_closed", "true"}});
  EXPECT_EQ(cases.ward(), "Ward 7");
  EXPECT_EQ(cases.icb(), "QMJ");
  EXPECT_TRUE(cases.include_closed());
  EXPECT_TRUE(ParseCaseFilter({}).provider_ods().empty());
}

}  // namespace
}  // namespace tocflow::web
