// The arranging-care track and its equipment region (domain.md section 4): every row of the
// table in src/machines/care_track.cc taken, every guard both ways, the facts each step
// records, the alerts and deadlines, and the errors for events out of order.
//
// All times are UTC. British Summer Time runs from 29 Mar to 25 Oct 2026: in that time a London
// day begins at 23:00Z the day before; otherwise at 00:00Z.
#include <gmock/gmock.h>

#include <functional>

#include "journey_fixtures.h"

namespace workflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Takes a fresh case to ProviderOffered ("Acme Care").
Driver OfferedCase() {
  Driver driver = OpenCase();
  driver.Apply("2026-06-02T09:00Z", CareNeedsIdentified{CareType::kHomeCare});
  driver.Apply("2026-06-02T10:00Z", SourcingStarted{});
  driver.Apply("2026-06-03T10:00Z", ProviderOffered{"Acme Care"});
  return driver;
}

// The whole chain, with needs re-assessed, one offer declined (no choice delay), and the start
// confirmed twice: rows NotRequired/needs, NeedsIdentified/needs, NeedsIdentified/sourcing,
// Sourcing/offer, ProviderOffered/declined (no delay), ProviderOffered/funding,
// Funded/start, StartConfirmed/start, StartConfirmed/in place.
TEST(CareTrack, WholeChainRecordsFacts) {
  Driver driver = OpenCase();
  EXPECT_EQ(driver.State(Region::kCare), "NotRequired");
  EXPECT_EQ(driver.State(Region::kEquipment), "NoEquipment");
  RunSteps(
      driver, Region::kCare, Region::kEquipment,
      {
          // at, event, care state, alerts, equipment state
          {"2026-06-02T09:00Z",
           CareNeedsIdentified{CareType::kHomeCare},
           "NeedsIdentified",
           {},
           "NoEquipment"},
          {"2026-06-02T10:00Z",
           CareNeedsIdentified{CareType::kIntensiveHomeCare},
           "NeedsIdentified",
           {},
           "NoEquipment"},
          {"2026-06-02T11:00Z", SourcingStarted{}, "Sourcing", {}, "NoEquipment"},
          {"2026-06-03T10:00Z", ProviderOffered{"Acme Care"}, "ProviderOffered", {}, "NoEquipment"},
          {"2026-06-03T12:00Z", OfferDeclined{}, "Sourcing", {}, "NoEquipment"},
          {"2026-06-04T10:00Z",
           ProviderOffered{"Bright Homecare"},
           "ProviderOffered",
           {},
           "NoEquipment"},
          {"2026-06-04T12:00Z", FundingAgreed{87550, Funder::kJoint}, "Funded", {}, "NoEquipment"},
          {"2026-06-05T10:00Z",
           StartConfirmed{D("2026-06-08"), ""},
           "StartConfirmed",
           {AlertKind::kCareStartConfirmed},
           "NoEquipment"},
          {"2026-06-05T11:00Z",
           StartConfirmed{D("2026-06-09"), "Bright Homecare North"},
           "StartConfirmed",
           {AlertKind::kCareStartConfirmed},
           "NoEquipment"},
          {"2026-06-09T08:00Z", CareInPlace{}, "CareInPlace", {}, "NoEquipment"},
      });
  const CareFacts& care = driver.facts().care;
  EXPECT_EQ(care.care_type, CareType::kIntensiveHomeCare);  // the later assessment
  EXPECT_EQ(care.provider, "Bright Homecare North");        // named at the second start
  EXPECT_EQ(care.offers_declined, 1);
  EXPECT_EQ(care.weekly_cost_pence, 87550);  // £875.50 a week
  EXPECT_EQ(care.funder, Funder::kJoint);
  EXPECT_EQ(care.start_date, D("2026-06-09"));
  EXPECT_EQ(care.in_place_at, T("2026-06-09T08:00Z"));
  // Declining without a choice delay leaves the stay's delay reason alone.
  EXPECT_EQ(driver.facts().stay.delay_reason, std::nullopt);
}

// An offer accepted as made: the start keeps the offered provider when none is named.
TEST(CareTrack, StartConfirmedKeepsOfferedProvider) {
  Driver driver = OfferedCase();
  driver.Apply("2026-06-03T12:00Z", FundingAgreed{42000, Funder::kLocalAuthority});
  driver.Apply("2026-06-04T10:00Z", StartConfirmed{D("2026-06-06"), ""});
  EXPECT_EQ(driver.facts().care.provider, "Acme Care");
  EXPECT_EQ(driver.facts().care.funder, Funder::kLocalAuthority);
  EXPECT_EQ(driver.facts().care.weekly_cost_pence, 42000);
}

// Alert table: care start confirmed -> ward discharge coordinator and transport, info, naming
// the start date and provider.
TEST(CareTrack, StartConfirmedAlertsWardAndTransport) {
  Driver driver = OfferedCase();
  driver.Apply("2026-06-03T11:00Z", PartyAssigned{Role::kTransport, "patient-transport"});
  driver.Apply("2026-06-03T12:00Z", FundingAgreed{42000, Funder::kIcb});
  const Effects& effects = driver.Apply("2026-06-04T10:00Z", StartConfirmed{D("2026-06-06"), ""});
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kCareStartConfirmed));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kInfo);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kWardDischargeCoordinator, Role::kTransport));
  EXPECT_EQ(alert.recipients[0].party, "");
  EXPECT_EQ(alert.recipients[1].party, "patient-transport");
  EXPECT_EQ(alert.raised_at, T("2026-06-04T10:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("starts 06/06/2026 with Acme Care"));
}

// Domain 4: a declined offer (patient or family choice) returns to Sourcing and clears the
// provider; without `record_choice_delay` no delay reason is set, ready or not.
TEST(CareTrack, DeclinedOfferReturnsToSourcing) {
  Driver driver = OfferedCase();
  driver.Apply("2026-06-03T11:00Z", ReadyForDischarge{});
  const Effects& effects = driver.Apply("2026-06-03T12:00Z", OfferDeclined{});
  EXPECT_EQ(driver.State(Region::kCare), "Sourcing");
  EXPECT_EQ(driver.facts().care.offers_declined, 1);
  EXPECT_EQ(driver.facts().care.provider, "");
  EXPECT_EQ(driver.facts().stay.delay_reason, std::nullopt);
  EXPECT_THAT(driver.facts().stay.delay_reason_history, IsEmpty());
  EXPECT_THAT(KindsOf(effects), IsEmpty());
  // A second offer can be made and declined again.
  driver.Apply("2026-06-04T10:00Z", ProviderOffered{"Bright Homecare"});
  driver.Apply("2026-06-04T11:00Z", OfferDeclined{});
  EXPECT_EQ(driver.facts().care.offers_declined, 2);
}

// Domain 4 + DTOC code G (p): with `record_choice_delay`, while ready for discharge, the
// decline also records delay reason G with its attribution in the stay facts.
TEST(CareTrack, DeclinedOfferWhileReadyRecordsDelayReasonG) {
  Driver driver = OfferedCase();
  driver.Apply("2026-06-03T11:00Z", ReadyForDischarge{});
  driver.Apply("2026-06-03T12:00Z", OfferDeclined{true, Attribution::kSocialCare});
  EXPECT_EQ(driver.State(Region::kCare), "Sourcing");
  EXPECT_EQ(driver.State(Region::kStay), "ReadyForDischarge");
  EXPECT_EQ(driver.facts().care.offers_declined, 1);
  const auto& reason = driver.facts().stay.delay_reason;
  ASSERT_TRUE(reason.has_value());
  EXPECT_EQ(reason->dtoc, DtocReason::kG_PatientOrFamilyChoice);
  EXPECT_EQ(reason->nctr, std::nullopt);
  EXPECT_EQ(reason->attribution, Attribution::kSocialCare);
  ASSERT_EQ(driver.facts().stay.delay_reason_history.size(), 1u);
  EXPECT_EQ(driver.facts().stay.delay_reason_history[0].at, T("2026-06-03T12:00Z"));
  EXPECT_EQ(driver.facts().stay.delay_reason_history[0].reason.dtoc,
            DtocReason::kG_PatientOrFamilyChoice);
}

// A choice delay can only be recorded while ready for discharge: before readiness, after the
// criteria are met again, and after discharge the decline is refused with the reason, and
// nothing changes.
TEST(CareTrack, ChoiceDelayRefusedWhenNotReady) {
  const std::vector<std::pair<std::string, std::function<void(Driver&)>>> cases = {
      {"never ready", [](Driver&) {}},
      {"criteria met again",
       [](Driver& d) {
         d.Apply("2026-06-03T11:00Z", ReadyForDischarge{});
         d.Apply("2026-06-03T11:30Z", CriteriaToResideMetAgain{});
       }},
      {"discharged",
       [](Driver& d) {
         d.Apply("2026-06-03T11:00Z", ReadyForDischarge{});
         d.Apply("2026-06-03T11:30Z", Discharged{"usual residence"});
       }},
  };
  for (const auto& [label, prepare] : cases) {
    SCOPED_TRACE(label);
    Driver driver = OfferedCase();
    prepare(driver);
    const absl::Status status =
        driver.Reject("2026-06-03T12:00Z", OfferDeclined{true, Attribution::kNhs});
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(status.message(), HasSubstr("care is ProviderOffered"));
    EXPECT_THAT(status.message(), HasSubstr("Refused: a patient-choice delay can only be "
                                            "recorded while ready for discharge"));
    EXPECT_EQ(driver.State(Region::kCare), "ProviderOffered");
    EXPECT_EQ(driver.facts().care.offers_declined, 0);
    EXPECT_EQ(driver.facts().care.provider, "Acme Care");
    EXPECT_EQ(driver.facts().stay.delay_reason, std::nullopt);
  }
}

// Equipment region, all rows: ordered (NoEquipment), re-ordered while ordered, overdue, delivered,
// re-ordered after delivery. Ordered with due Fri 5 Jun -> overdue as 6 Jun begins (BST:
// 5 Jun 23:00Z); re-ordered due Mon 8 Jun -> 8 Jun 23:00Z; re-ordered due 12 Jun -> 12 Jun 23:00Z.
TEST(CareTrack, EquipmentRegionTableDriven) {
  Driver driver = OpenCase();
  RunSteps(driver, Region::kCare, Region::kEquipment,
           {
               // at, event, care state, alerts, equipment state
               {"2026-06-02T09:00Z",
                EquipmentOrdered{"hoist", D("2026-06-05")},
                "NotRequired",
                {},
                "EquipmentOrdered"},
               {"2026-06-03T09:00Z",
                EquipmentOrdered{"hoist, commode", D("2026-06-08")},
                "NotRequired",
                {},
                "EquipmentOrdered"},
               {"2026-06-08T23:00Z",
                DeadlineElapsed{DeadlineKind::kEquipmentOverdue},
                "NotRequired",
                {AlertKind::kEquipmentOverdue},
                "EquipmentOrdered"},
               {"2026-06-09T10:00Z", EquipmentDelivered{}, "NotRequired", {}, "EquipmentDelivered"},
               {"2026-06-10T10:00Z",
                EquipmentOrdered{"bed rails", D("2026-06-12")},
                "NotRequired",
                {},
                "EquipmentOrdered"},
           });
  EXPECT_EQ(driver.facts().care.equipment_items, "bed rails");
  EXPECT_EQ(driver.facts().care.equipment_due, D("2026-06-12"));
  EXPECT_EQ(driver.facts().care.equipment_delivered_at, std::nullopt);
  EXPECT_EQ(driver.Due(DeadlineKind::kEquipmentOverdue), T("2026-06-12T23:00Z"));
}

// Ordering sets the overdue deadline at the start of the day after the due date; a re-order
// replaces it.
TEST(CareTrack, EquipmentOrderedSetsOverdueDeadline) {
  Driver driver = OpenCase();
  const Effects& ordered =
      driver.Apply("2026-06-02T09:00Z", EquipmentOrdered{"hoist", D("2026-06-05")});
  EXPECT_TRUE(Sets(ordered, DeadlineKind::kEquipmentOverdue));
  EXPECT_EQ(driver.Due(DeadlineKind::kEquipmentOverdue), T("2026-06-05T23:00Z"));
  EXPECT_EQ(driver.facts().care.equipment_items, "hoist");
  EXPECT_EQ(driver.facts().care.equipment_due, D("2026-06-05"));
  const Effects& reordered =
      driver.Apply("2026-06-03T09:00Z", EquipmentOrdered{"hoist", D("2026-06-08")});
  EXPECT_TRUE(Sets(reordered, DeadlineKind::kEquipmentOverdue));
  EXPECT_EQ(driver.Due(DeadlineKind::kEquipmentOverdue), T("2026-06-08T23:00Z"));
}

// Alert table (equipment row): not delivered by its due date -> warning to the care transfer
// hub and the equipment service. In GMT: due Tue 10 Nov 2026 -> overdue 11 Nov 00:00Z.
TEST(CareTrack, EquipmentOverdueWarnsHubAndEquipmentService) {
  Driver driver;
  driver.Apply("2026-11-02T08:30Z", Opening(T("2026-11-02T08:00Z")));
  driver.Apply("2026-11-02T09:00Z", EquipmentOrdered{"pressure mattress", D("2026-11-10")});
  EXPECT_EQ(driver.Due(DeadlineKind::kEquipmentOverdue), T("2026-11-11T00:00Z"));
  const Effects& effects = driver.Fire(DeadlineKind::kEquipmentOverdue);
  ASSERT_THAT(KindsOf(effects), ElementsAre(AlertKind::kEquipmentOverdue));
  const Alert& alert = effects.alerts[0];
  EXPECT_EQ(alert.severity, Severity::kWarning);
  EXPECT_THAT(Roles(alert), ElementsAre(Role::kCareTransferHub, Role::kEquipmentService));
  EXPECT_EQ(alert.raised_at, T("2026-11-11T00:00Z"));
  EXPECT_THAT(alert.message, HasSubstr("(pressure mattress) was due 10/11/2026"));
  EXPECT_EQ(driver.State(Region::kEquipment), "EquipmentOrdered");
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kEquipmentOverdue), 0u);
  // Delivered late: nothing left to cancel.
  const Effects& delivered = driver.Apply("2026-11-12T10:00Z", EquipmentDelivered{});
  EXPECT_FALSE(Cancels(delivered, DeadlineKind::kEquipmentOverdue));
  EXPECT_EQ(driver.State(Region::kEquipment), "EquipmentDelivered");
}

// Delivery in time cancels the overdue deadline and records when it came.
TEST(CareTrack, EquipmentDeliveredCancelsOverdue) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-02T09:00Z", EquipmentOrdered{"hoist", D("2026-06-05")});
  const Effects& effects = driver.Apply("2026-06-04T15:00Z", EquipmentDelivered{});
  EXPECT_TRUE(Cancels(effects, DeadlineKind::kEquipmentOverdue));
  EXPECT_EQ(driver.facts().open_deadlines.count(DeadlineKind::kEquipmentOverdue), 0u);
  EXPECT_EQ(driver.facts().care.equipment_delivered_at, T("2026-06-04T15:00Z"));
  EXPECT_EQ(driver.State(Region::kEquipment), "EquipmentDelivered");
}

// Re-order after delivery: back to EquipmentOrdered, the delivery time cleared, a new deadline.
TEST(CareTrack, EquipmentReorderedAfterDelivery) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-02T09:00Z", EquipmentOrdered{"hoist", D("2026-06-05")});
  driver.Apply("2026-06-04T15:00Z", EquipmentDelivered{});
  const Effects& effects =
      driver.Apply("2026-06-06T09:00Z", EquipmentOrdered{"hoist sling", D("2026-06-09")});
  EXPECT_EQ(driver.State(Region::kEquipment), "EquipmentOrdered");
  EXPECT_TRUE(Sets(effects, DeadlineKind::kEquipmentOverdue));
  EXPECT_EQ(driver.Due(DeadlineKind::kEquipmentOverdue), T("2026-06-09T23:00Z"));
  EXPECT_EQ(driver.facts().care.equipment_delivered_at, std::nullopt);
  EXPECT_EQ(driver.facts().care.equipment_items, "hoist sling");
}

// Care in place without a Fast Track has no Fast Track deadline to cancel.
TEST(CareTrack, CareInPlaceWithoutFastTrackCancelsNothing) {
  Driver driver = OfferedCase();
  driver.Apply("2026-06-03T12:00Z", FundingAgreed{42000, Funder::kSelfFunded});
  driver.Apply("2026-06-04T10:00Z", StartConfirmed{D("2026-06-06"), ""});
  const Effects& effects = driver.Apply("2026-06-06T09:00Z", CareInPlace{});
  EXPECT_FALSE(Cancels(effects, DeadlineKind::kFastTrackCareDue));
  EXPECT_EQ(driver.State(Region::kCare), "CareInPlace");
}

// Events out of order are FAILED_PRECONDITION naming the care (or equipment) state.
TEST(CareTrack, EventsOutOfOrderNameTheState) {
  struct Case {
    std::function<Driver()> make;
    EventPayload event;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {OpenCase, SourcingStarted{}, "care is NotRequired"},
      {OpenCase, CareInPlace{}, "care is NotRequired"},
      {OpenCase, EquipmentDelivered{}, "equipment is NoEquipment"},
      {[] {
         Driver d = OpenCase();
         d.Apply("2026-06-02T09:00Z", CareNeedsIdentified{CareType::kResidential});
         return d;
       },
       ProviderOffered{"Oak House"}, "care is NeedsIdentified"},
      {[] {
         Driver d = OpenCase();
         d.Apply("2026-06-02T09:00Z", CareNeedsIdentified{CareType::kResidential});
         d.Apply("2026-06-02T10:00Z", SourcingStarted{});
         return d;
       },
       FundingAgreed{90000, Funder::kLocalAuthority}, "care is Sourcing"},
      {OfferedCase, StartConfirmed{D("2026-06-08"), ""}, "care is ProviderOffered"},
      {[] {
         Driver d = OfferedCase();
         d.Apply("2026-06-03T12:00Z", FundingAgreed{42000, Funder::kIcb});
         return d;
       },
       CareInPlace{}, "care is Funded"},
      {[] {
         Driver d = OfferedCase();
         d.Apply("2026-06-03T12:00Z", FundingAgreed{42000, Funder::kIcb});
         d.Apply("2026-06-04T10:00Z", StartConfirmed{D("2026-06-06"), ""});
         d.Apply("2026-06-06T09:00Z", CareInPlace{});
         return d;
       },
       OfferDeclined{}, "care is CareInPlace"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(EventName(c.event)) + " / " + c.expected);
    Driver driver = c.make();
    const std::string before(driver.State(Region::kCare));
    const absl::Status status = driver.Reject("2026-06-10T10:00Z", c.event);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(status.message(), HasSubstr(std::string(EventName(c.event)) + " is not valid now"));
    EXPECT_THAT(status.message(), HasSubstr(c.expected));
    EXPECT_EQ(driver.State(Region::kCare), before);
  }
}

// Malformed care events are INVALID_ARGUMENT: an offer needs a provider, a cost cannot be
// negative, equipment needs items and cannot be due before the admission day (1 Jun 2026).
TEST(CareTrack, MalformedEventsAreInvalid) {
  Driver driver = OpenCase();
  driver.Apply("2026-06-02T09:00Z", CareNeedsIdentified{CareType::kReablement});
  driver.Apply("2026-06-02T10:00Z", SourcingStarted{});
  const absl::Status no_provider = driver.Reject("2026-06-02T11:00Z", ProviderOffered{""});
  EXPECT_EQ(no_provider.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_provider.message(), HasSubstr("provider is required"));
  driver.Apply("2026-06-02T11:00Z", ProviderOffered{"Reable Team"});
  const absl::Status negative =
      driver.Reject("2026-06-02T12:00Z", FundingAgreed{-1, Funder::kLocalAuthority});
  EXPECT_EQ(negative.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(negative.message(), HasSubstr("weekly_cost_pence must not be negative"));
  // Zero is a valid cost (e.g. free reablement).
  driver.Apply("2026-06-02T12:00Z", FundingAgreed{0, Funder::kLocalAuthority});
  EXPECT_EQ(driver.facts().care.weekly_cost_pence, 0);

  const absl::Status no_items =
      driver.Reject("2026-06-02T13:00Z", EquipmentOrdered{"", D("2026-06-05")});
  EXPECT_EQ(no_items.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_items.message(), HasSubstr("items is required"));
  const absl::Status early =
      driver.Reject("2026-06-02T13:00Z", EquipmentOrdered{"hoist", D("2026-05-31")});
  EXPECT_EQ(early.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(early.message(), HasSubstr("before the admission"));
  EXPECT_EQ(driver.State(Region::kEquipment), "NoEquipment");
}

// Domain 2 + 4: the LA stays liable only while the recorded delay is attributed to social care
// ("it leaves it when that stops being true"). Care Act 2014 rules: the assessment notice given
// Fri 5 Jun 14:10Z (15:10 BST, after the 14:00 cut-off) is treated as given Sat 6 Jun; the
// minimum period is Sun 7 and Mon 8 Jun; the relevant day is the later of the proposed 9 Jun and
// the day after the period (9 Jun): Tue 9 Jun; it has passed as 10 Jun begins (9 Jun 23:00Z).
// The delay is attributed to social care, so liability starts then. A declined offer recorded as
// a patient-choice delay attributed to the NHS (10 Jun 12:00Z) must end it, exactly as the same
// reason recorded with delay_reason_recorded does.
TEST(CareTrack, ChoiceDelayAttributedToNhsEndsLaLiability) {
  Driver driver;
  driver.Apply("2026-06-01T08:30Z", Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014));
  driver.Apply("2026-06-04T10:00Z", ReadyForDischarge{});
  driver.Apply("2026-06-04T10:30Z", DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage,
                                                        std::nullopt, Attribution::kSocialCare});
  driver.Apply("2026-06-05T14:10Z", AssessmentNoticeGiven{true, false, false, true, "negative"});
  driver.Apply("2026-06-08T09:00Z", DischargeNoticeGiven{D("2026-06-09")});
  driver.Apply("2026-06-08T10:00Z", CareNeedsIdentified{CareType::kHomeCare});
  driver.Apply("2026-06-08T11:00Z", SourcingStarted{});
  driver.Apply("2026-06-08T12:00Z", ProviderOffered{"Acme Care"});
  ASSERT_EQ(driver.Due(DeadlineKind::kRelevantDayPassed), T("2026-06-09T23:00Z"));
  driver.Fire(DeadlineKind::kRelevantDayPassed);
  ASSERT_EQ(driver.State(Region::kNotices), "LiabilityAccruing");

  driver.Apply("2026-06-10T12:00Z", OfferDeclined{true, Attribution::kNhs});
  EXPECT_EQ(driver.facts().stay.delay_reason->attribution, Attribution::kNhs);
  EXPECT_EQ(driver.State(Region::kNotices), "DischargeNoticeGiven");
  ASSERT_EQ(driver.facts().notices.liability.size(), 1u);
  EXPECT_EQ(driver.facts().notices.liability[0].start, T("2026-06-09T23:00Z"));
  EXPECT_EQ(driver.facts().notices.liability[0].end, T("2026-06-10T12:00Z"));
}

}  // namespace
}  // namespace workflow::testing
