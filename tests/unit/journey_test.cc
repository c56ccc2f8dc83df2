// The journey facade: input validation, valid next events derived from the tables, replay
// determinism and snapshot round trips.
#include <gmock/gmock.h>

#include "facts_fingerprint.h"
#include "journey_fixtures.h"
#include "workflow/deadline_runner.h"

namespace workflow::testing {
namespace {

using ::testing::HasSubstr;

bool HasValid(const Journey& journey, Region region, std::string_view event) {
  for (const ValidEvent& valid : journey.ValidNextEvents()) {
    if (valid.region == region && valid.event == event) return true;
  }
  return false;
}

absl::Status OpenWith(CaseOpened opening) {
  Journey journey;
  return journey.Apply(At("2026-05-01T09:00Z", std::move(opening))).status();
}

TEST(JourneyValidation, NhsNumberMustPassModulus11) {
  CaseOpened opening = Opening(T("2026-05-01T08:00Z"));
  opening.nhs_number = "9434765918";  // domain.md: wrong check digit
  const absl::Status status = OpenWith(opening);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("not a valid NHS number"));
}

TEST(JourneyValidation, UntracedPatientMayHaveNoNhsNumber) {
  CaseOpened opening = Opening(T("2026-05-01T08:00Z"));
  opening.nhs_number.clear();
  EXPECT_EQ(OpenWith(opening).code(), absl::StatusCode::kInvalidArgument);
  opening.nhs_number_untraced = true;
  EXPECT_TRUE(OpenWith(opening).ok());
  opening.nhs_number = "9434765919";
  EXPECT_EQ(OpenWith(opening).code(), absl::StatusCode::kInvalidArgument);
}

TEST(JourneyValidation, RequiredIdentifiersNamed) {
  for (auto clear : std::vector<std::pair<std::string, void (*)(CaseOpened&)>>{
           {"local_patient_id", [](CaseOpened& o) { o.local_patient_id.clear(); }},
           {"spell_id", [](CaseOpened& o) { o.spell_id.clear(); }},
           {"provider_ods", [](CaseOpened& o) { o.provider_ods.clear(); }},
           {"ward", [](CaseOpened& o) { o.ward.clear(); }},
           {"local_authority", [](CaseOpened& o) { o.local_authority.clear(); }},
           {"icb", [](CaseOpened& o) { o.icb.clear(); }},
       }) {
    CaseOpened opening = Opening(T("2026-05-01T08:00Z"));
    clear.second(opening);
    const absl::Status status = OpenWith(opening);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << clear.first;
    EXPECT_THAT(status.message(), HasSubstr(clear.first + " is required"));
  }
}

TEST(JourneyValidation, ActorRequired) {
  Journey journey;
  auto result = journey.Apply(At("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")), ""));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("actor is required"));
}

TEST(JourneyValidation, StayEventsNotBeforeAdmission) {
  // Opened on referral ahead of a planned admission on 10 May.
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-10T08:00Z")));
  const absl::Status status = driver.Reject("2026-05-02T09:00Z", ReadyForDischarge{});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("before the admission"));
}

TEST(JourneyValidation, EddNotBeforeAdmissionDay) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  EXPECT_EQ(driver.Reject("2026-05-01T10:00Z", ExpectedDischargeDateSet{D("2026-04-30")}).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(JourneyValidation, EventsNotBeforeThePreviousEvent) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-03T09:00Z", ReadyForDischarge{});
  const absl::Status status = driver.Reject("2026-05-02T09:00Z", PathwayAgreed{});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("before the case's previous event"));
}

TEST(JourneyValidation, DelayReasonNeedsACode) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-02T09:00Z", ReadyForDischarge{});
  EXPECT_EQ(driver.Reject("2026-05-02T10:00Z", DelayReasonRecorded{}).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(JourneyValidation, RefusedEventChangesNothing) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const std::string before = Fingerprint(driver.journey());
  (void)driver.Reject("2026-05-02T09:00Z", DischargeCancelled{});
  (void)driver.Reject("2026-05-02T09:00Z", ExpectedDischargeDateSet{D("2020-01-01")});
  EXPECT_EQ(Fingerprint(driver.journey()), before);
}

TEST(JourneyDeadlines, OnlyPendingDeadlinesMayElapse) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  const absl::Status status =
      driver.Reject("2026-05-02T09:00Z", DeadlineElapsed{DeadlineKind::kChcBreach});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("chc_breach is not pending"));
  // Not before it is due (48 h after the 08:00 admission).
  const absl::Status early =
      driver.Reject("2026-05-03T07:59Z", DeadlineElapsed{DeadlineKind::kEddMissing});
  EXPECT_EQ(early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.message(), HasSubstr("not due until 2026-05-03T08:00:00Z"));
  driver.Fire(DeadlineKind::kEddMissing);
  // Fires once only.
  EXPECT_EQ(driver.Reject("2026-05-04T09:00Z", DeadlineElapsed{DeadlineKind::kEddMissing}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(JourneyParties, AssignedPartyReceivesAlerts) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  driver.Apply("2026-05-01T09:30Z", PartyAssigned{Role::kWardDischargeCoordinator, "j.bloggs"});
  EXPECT_EQ(driver.facts().parties.at(Role::kWardDischargeCoordinator), "j.bloggs");
  const Effects& effects = driver.Fire(DeadlineKind::kEddMissing);
  ASSERT_EQ(effects.alerts.size(), 1u);
  EXPECT_EQ(effects.alerts[0].recipients[0].party, "j.bloggs");
  driver.Apply("2026-05-04T09:30Z", PartyAssigned{Role::kWardDischargeCoordinator, ""});
  EXPECT_EQ(driver.facts().parties.count(Role::kWardDischargeCoordinator), 0u);
}

TEST(JourneyValidNextEvents, DerivedFromTheTables) {
  Journey journey;
  // Before opening only the stay's opening row applies.
  ASSERT_EQ(journey.ValidNextEvents().size(), 1u);
  EXPECT_EQ(journey.ValidNextEvents()[0].event, "case_opened");

  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z"), RuleSetId::kCareAct2014));
  const Journey& j = driver.journey();
  EXPECT_TRUE(HasValid(j, Region::kStay, "ready_for_discharge"));
  EXPECT_TRUE(HasValid(j, Region::kStay, "discharged"));
  EXPECT_FALSE(HasValid(j, Region::kStay, "discharge_cancelled"));
  EXPECT_TRUE(HasValid(j, Region::kNotices, "assessment_notice_given"));
  EXPECT_FALSE(HasValid(j, Region::kNotices, "discharge_notice_given"));
  EXPECT_TRUE(HasValid(j, Region::kChc, "checklist_completed"));
  EXPECT_TRUE(HasValid(j, Region::kChc, "fast_track_referred"));
  EXPECT_TRUE(HasValid(j, Region::kCare, "care_needs_identified"));
  EXPECT_TRUE(HasValid(j, Region::kEquipment, "equipment_ordered"));

  driver.Apply("2026-05-02T09:00Z", Discharged{});
  EXPECT_TRUE(HasValid(driver.journey(), Region::kStay, "discharge_cancelled"));
  EXPECT_FALSE(HasValid(driver.journey(), Region::kStay, "ready_for_discharge"));
  EXPECT_FALSE(HasValid(driver.journey(), Region::kNotices, "assessment_notice_given"));
}

TEST(JourneyValidNextEvents, RegionNamesAreStable) {
  EXPECT_EQ(Name(Region::kStay), "stay");
  EXPECT_EQ(Name(Region::kNotices), "notices");
  EXPECT_EQ(Name(Region::kChc), "chc");
  EXPECT_EQ(Name(Region::kCare), "care");
  EXPECT_EQ(Name(Region::kEquipment), "equipment");
}

// A journey touching every track, with deadlines firing on the way.
std::vector<Event> RichJourney() {
  Journey journey;
  std::vector<Event> script = {
      At("2026-06-01T08:30Z", Opening(T("2026-06-01T08:00Z"), RuleSetId::kCareAct2014)),
      At("2026-06-01T09:00Z", PartyAssigned{Role::kChcCoordinator, "chc-team-a"}),
      At("2026-06-04T10:00Z", ReadyForDischarge{}),
      At("2026-06-04T10:30Z", DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage, std::nullopt,
                                                  Attribution::kSocialCare}),
      At("2026-06-05T14:10Z", AssessmentNoticeGiven{true, false, false, true, "negative"}),
      At("2026-06-08T09:00Z", DischargeNoticeGiven{D("2026-06-09")}),
      At("2026-06-08T10:00Z",
         ChecklistCompleted{{ChecklistScore::kA, ChecklistScore::kA, ChecklistScore::kC,
                             ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC,
                             ChecklistScore::kC, ChecklistScore::kC, ChecklistScore::kC,
                             ChecklistScore::kC, ChecklistScore::kC}}),
      At("2026-06-09T10:00Z", CareNeedsIdentified{CareType::kHomeCare}),
      At("2026-06-09T11:00Z", EquipmentOrdered{"hospital bed", D("2026-06-10")}),
      At("2026-06-11T09:00Z", SourcingStarted{}),
      At("2026-06-11T10:00Z", ProviderOffered{"Acme Care"}),
      At("2026-06-12T10:00Z", FundingAgreed{45000, Funder::kLocalAuthority}),
      At("2026-06-12T11:00Z", StartConfirmed{D("2026-06-13"), ""}),
      At("2026-06-13T09:00Z", Discharged{"home"}),
      At("2026-06-13T12:00Z", CareInPlace{}),
  };
  std::vector<Event> recorded;
  for (const Event& event : script) {
    auto fired = FireDueDeadlines(journey, event.occurred_at);
    EXPECT_TRUE(fired.ok()) << fired.status();
    for (const AppliedEvent& applied : *fired) recorded.push_back(applied.event);
    EXPECT_TRUE(journey.Apply(event).ok()) << EventName(event.payload);
    recorded.push_back(event);
  }
  return recorded;
}

TEST(JourneyReplay, ReplayIsDeterministic) {
  const std::vector<Event> events = RichJourney();
  auto first = Replay(events);
  auto second = Replay(events);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(Fingerprint(*first), Fingerprint(*second));
  EXPECT_EQ(first->version(), static_cast<int64_t>(events.size()));
  EXPECT_EQ(first->State(Region::kStay), "Discharged");
  EXPECT_EQ(first->State(Region::kNotices), "Closed");
  EXPECT_EQ(first->State(Region::kChc), "Referred");
  EXPECT_EQ(first->State(Region::kCare), "CareInPlace");
  EXPECT_EQ(first->State(Region::kEquipment), "EquipmentOrdered");
  // The equipment deadline fired on the way (due 11 Jun): recorded as an event.
  bool equipment_fired = false;
  for (const Event& e : events) {
    if (const auto* d = std::get_if<DeadlineElapsed>(&e.payload)) {
      equipment_fired |= d->kind == DeadlineKind::kEquipmentOverdue;
    }
  }
  EXPECT_TRUE(equipment_fired);
}

TEST(JourneyReplay, ReplayReportsTheFailingEvent) {
  std::vector<Event> events = RichJourney();
  events.insert(events.begin() + 1, At("2026-06-01T08:40Z", DischargeCancelled{}));
  auto replayed = Replay(events);
  EXPECT_EQ(replayed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(replayed.status().message(), HasSubstr("replaying event 2"));
}

TEST(JourneySnapshot, RestoreGivesTheReplayedJourney) {
  const std::vector<Event> events = RichJourney();
  // Snapshot at every prefix, restore, then apply the rest: same as replaying everything.
  for (size_t cut = 1; cut < events.size(); cut += 3) {
    auto prefix = Replay(std::vector<Event>(events.begin(), events.begin() + cut));
    ASSERT_TRUE(prefix.ok());
    auto restored = Journey::Restore(prefix->Snapshot());
    ASSERT_TRUE(restored.ok()) << restored.status();
    EXPECT_EQ(Fingerprint(*restored), Fingerprint(*prefix));
    for (size_t i = cut; i < events.size(); ++i) {
      ASSERT_TRUE(restored->Apply(events[i]).ok()) << "cut " << cut << " event " << i;
    }
    EXPECT_EQ(Fingerprint(*restored), Fingerprint(*Replay(events)));
  }
}

TEST(JourneySnapshot, SnapshotHoldsStateNames) {
  auto journey = Replay(RichJourney());
  ASSERT_TRUE(journey.ok());
  const JourneySnapshot snapshot = journey->Snapshot();
  EXPECT_EQ(snapshot.states[0], "Discharged");
  EXPECT_EQ(snapshot.states[1], "Closed");
  EXPECT_EQ(snapshot.states[4], "EquipmentOrdered");
  EXPECT_EQ(snapshot.version, journey->version());
}

TEST(JourneySnapshot, UnknownStateNameRefused) {
  JourneySnapshot snapshot = Journey().Snapshot();
  snapshot.states[2] = "Pending";
  auto restored = Journey::Restore(snapshot);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(restored.status().message(), HasSubstr("'Pending' is not a state of region chc"));
  // A name from another region is refused too.
  snapshot.states[2] = "Admitted";
  EXPECT_EQ(Journey::Restore(snapshot).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(JourneyCopy, CopiesAreIndependent) {
  Driver driver;
  driver.Apply("2026-05-01T09:00Z", Opening(T("2026-05-01T08:00Z")));
  Journey copy = driver.journey();
  ASSERT_TRUE(copy.Apply(At("2026-05-02T09:00Z", ReadyForDischarge{})).ok());
  EXPECT_EQ(copy.State(Region::kStay), "ReadyForDischarge");
  EXPECT_EQ(driver.State(Region::kStay), "Admitted");
}

}  // namespace
}  // namespace workflow::testing
