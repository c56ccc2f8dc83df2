#include "web/board_row.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "web/event_schema.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;

v1::CaseSummary Summary() {
  v1::CaseSummary summary;
  summary.set_case_id("C7");
  summary.set_version(5);
  auto* id = summary.mutable_identity();
  id->set_nhs_number("9434765919");
  id->set_local_patient_id("M1");
  id->set_ward("Ward 7");
  id->set_bed("B3");
  id->set_local_authority("E09000007");
  *id->mutable_admitted_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(0);
  auto* state = summary.add_states();
  state->set_region("stay");
  state->set_state("ReadyForDischarge");
  summary.mutable_discharge_ready_date()->set_year(2026);
  summary.mutable_discharge_ready_date()->set_month(10);
  summary.mutable_discharge_ready_date()->set_day(3);
  summary.set_current_delay_days(8);
  summary.mutable_next_deadline()->set_kind(v1::DEADLINE_KIND_CHC_BREACH);
  return summary;
}

TEST(BoardRow, ShowsWhoWhereAndHowLong) {
  auto row = BoardRow(Summary());
  EXPECT_EQ(row["case_id"], "C7");
  EXPECT_EQ(row["version"], 5);
  EXPECT_EQ(row["nhs_number"], "943 476 5919");
  EXPECT_EQ(row["local_patient_id"], "M1");
  EXPECT_EQ(row["ward"], "Ward 7");
  EXPECT_EQ(row["bed"], "B3");
  EXPECT_EQ(row["admitted_at"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(row["discharge_ready_date"], "2026-10-03");
  EXPECT_EQ(row["delay_days"], 8);
  EXPECT_EQ(row["states"]["stay"], "ReadyForDischarge");
  EXPECT_EQ(row["pathway"], "");
  EXPECT_EQ(row["dtoc_reason"], "");
  EXPECT_EQ(row["attribution"], "");
  EXPECT_TRUE(row["parties"].empty());
  EXPECT_EQ(row["next_deadline"]["kind"], "DEADLINE_KIND_CHC_BREACH");
  EXPECT_TRUE(row["next_deadline"]["owners"].empty());
}

TEST(BoardRow, CarriesPathwayReasonPartiesAndTheDeadlinesOwners) {
  v1::CaseSummary summary = Summary();
  summary.set_pathway(v1::PATHWAY_3);
  summary.mutable_delay_reason()->set_dtoc(v1::DTOC_REASON_DII);
  summary.mutable_delay_reason()->set_attribution(v1::ATTRIBUTION_SOCIAL_CARE);
  auto* party = summary.add_parties();
  party->set_role(v1::ROLE_CHC_COORDINATOR);
  party->set_party("Jo Bloggs");
  auto* coordinator = summary.mutable_next_deadline()->add_owners();
  coordinator->set_role(v1::ROLE_CHC_COORDINATOR);
  coordinator->set_party("Jo Bloggs");
  summary.mutable_next_deadline()->add_owners()->set_role(v1::ROLE_CHC_MANAGER);
  auto row = BoardRow(summary);
  EXPECT_EQ(row["pathway"], "PATHWAY_3");
  EXPECT_EQ(row["dtoc_reason"], "DTOC_REASON_DII");
  EXPECT_EQ(row["nctr_reason"], "");
  EXPECT_EQ(row["attribution"], "ATTRIBUTION_SOCIAL_CARE");
  EXPECT_EQ(row["parties"][0]["role"], "ROLE_CHC_COORDINATOR");
  EXPECT_EQ(row["parties"][0]["party"], "Jo Bloggs");
  EXPECT_EQ(row["next_deadline"]["owner_roles"],
            nlohmann::json::array({"ROLE_CHC_COORDINATOR", "ROLE_CHC_MANAGER"}));
  // Only parties known by name; the roles say who else.
  EXPECT_EQ(row["next_deadline"]["owners"], nlohmann::json::array({"Jo Bloggs"}));
}

TEST(BoardRow, FormatsNhsNumbersOnlyWhenTenDigits) {
  EXPECT_EQ(FormatNhsNumber("9434765919"), "943 476 5919");
  EXPECT_EQ(FormatNhsNumber(""), "");
  EXPECT_EQ(FormatNhsNumber("12345"), "12345");
}

TEST(EventSchema, ListsEveryRecordableEventWithItsFields) {
  auto schema = EventSchema()["events"];
  nlohmann::json pathway, checklist;
  for (const auto& event : schema) {
    EXPECT_NE(event["name"], "deadline_elapsed");
    if (event["name"] == "pathway_agreed") pathway = event;
    if (event["name"] == "checklist_completed") checklist = event;
  }
  ASSERT_FALSE(pathway.is_null());
  EXPECT_EQ(pathway["fields"][0]["type"], "enum");
  EXPECT_EQ(pathway["fields"][0]["values"][0], "PATHWAY_0");
  ASSERT_FALSE(checklist.is_null());
  EXPECT_EQ(checklist["fields"].size(), 11u);
  EXPECT_EQ(checklist["fields"][0]["name"], "scores.breathing");
  EXPECT_EQ(checklist["fields"][0]["path"], nlohmann::json::array({"scores", "breathing"}));
  EXPECT_EQ(schema[0]["name"], "case_opened");
}

}  // namespace
}  // namespace tocflow::web
