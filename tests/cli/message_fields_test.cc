#include "cli/message_fields.h"

#include <gtest/gtest.h>

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

TEST(MessageFields, ListsEveryEventTypeOfTheOneof) {
  auto types = EventTypes();
  EXPECT_EQ(types.size(), 38u);
  EXPECT_NE(FindEventType("pathway-agreed"), nullptr);
  EXPECT_EQ(FindEventType("no_such_event"), nullptr);
}

TEST(MessageFields, ExpandsNestedMessagesByDottedName) {
  auto fields = LeafFields(v1::ChecklistCompleted::descriptor());
  ASSERT_EQ(fields.size(), 11u);
  EXPECT_EQ(fields[4].name, "scores.mobility");
  EXPECT_NE(DescribeFields(v1::PathwayAgreed::descriptor()).find("--pathway 0|1|2|3"),
            std::string::npos);
  EXPECT_EQ(DescribeFields(v1::Died::descriptor()), "  (no fields)\n");
}

TEST(MessageFields, BuildsAnEventFromFlagsAndKeepsPositionals) {
  std::vector<std::string> positionals;
  auto event = BuildEvent(FindEventType("pathway_agreed"), {"C1", "--pathway", "1"}, &positionals);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->pathway_agreed().pathway(), v1::PATHWAY_1);
  EXPECT_EQ(positionals, std::vector<std::string>{"C1"});
}

TEST(MessageFields, ReadsEveryKindOfValue) {
  std::vector<std::string> rest;
  auto offer = BuildEvent(FindEventType("offer_declined"),
                          {"--record_choice_delay", "--attribution=social_care", "C9"}, &rest);
  ASSERT_TRUE(offer.ok()) << offer.status();
  EXPECT_TRUE(offer->offer_declined().record_choice_delay());
  EXPECT_EQ(offer->offer_declined().attribution(), v1::ATTRIBUTION_SOCIAL_CARE);
  EXPECT_EQ(rest, std::vector<std::string>{"C9"});

  auto funding = BuildEvent(FindEventType("funding_agreed"),
                            {"--weekly-cost-pence", "85000", "--funder", "ICB"}, &rest);
  ASSERT_TRUE(funding.ok()) << funding.status();
  EXPECT_EQ(funding->funding_agreed().weekly_cost_pence(), 85000);

  auto notice = BuildEvent(FindEventType("discharge_notice_given"),
                           {"--proposed_discharge_date", "2026-10-09"}, &rest);
  ASSERT_TRUE(notice.ok());
  EXPECT_EQ(notice->discharge_notice_given().proposed_discharge_date().day(), 9);

  auto checklist = BuildEvent(FindEventType("checklist_completed"),
                              {"--scores.mobility", "B", "--scores.breathing", "a"}, &rest);
  ASSERT_TRUE(checklist.ok());
  EXPECT_EQ(checklist->checklist_completed().scores().mobility(), v1::CHECKLIST_SCORE_B);
  EXPECT_EQ(checklist->checklist_completed().scores().breathing(), v1::CHECKLIST_SCORE_A);

  auto eligible = BuildEvent(FindEventType("eligibility_decided"), {"--eligible", "false"}, &rest);
  ASSERT_TRUE(eligible.ok());
  EXPECT_FALSE(eligible->eligibility_decided().eligible());
  EXPECT_TRUE(eligible->has_eligibility_decided());
}

TEST(MessageFields, UnknownFieldNamesTheValidOnes) {
  std::vector<std::string> rest;
  auto event = BuildEvent(FindEventType("pathway_agreed"), {"--route", "1"}, &rest);
  ASSERT_FALSE(event.ok());
  EXPECT_NE(event.status().message().find("valid fields: --pathway"), std::string::npos)
      << event.status();
}

TEST(MessageFields, RejectsBadValuesMissingValuesAndRepeats) {
  std::vector<std::string> rest;
  EXPECT_FALSE(BuildEvent(FindEventType("pathway_agreed"), {"--pathway", "9"}, &rest).ok());
  EXPECT_FALSE(BuildEvent(FindEventType("pathway_agreed"), {"--pathway"}, &rest).ok());
  EXPECT_FALSE(
      BuildEvent(FindEventType("pathway_agreed"), {"--pathway", "1", "--pathway", "2"}, &rest)
          .ok());
  EXPECT_FALSE(
      BuildEvent(FindEventType("funding_agreed"), {"--weekly_cost_pence", "lots"}, &rest).ok());
  EXPECT_FALSE(BuildEvent(FindEventType("expected_discharge_date_set"),
                          {"--expected_discharge_date", "2026-02-30"}, &rest)
                   .ok());
}

TEST(MessageFields, SetsTimestampsOnTheOpening) {
  v1::CaseOpened opening;
  auto rest =
      ApplyFieldFlags({"--admitted_at", "2026-10-03 14:00", "--setting", "acute"}, &opening);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(opening.admitted_at().seconds(), 1791032400);
  EXPECT_EQ(opening.setting(), v1::SETTING_ACUTE);
}

}  // namespace
}  // namespace tocflow::cli
