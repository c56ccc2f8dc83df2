// Thousands of random event sequences, valid and invalid, with deadlines firing as simulated
// time passes: the journey never crashes, never answers with an unexpected error, never reaches
// a contradictory combination of states and facts, and always replays to itself.
#include <gmock/gmock.h>

#include <random>

#include "facts_fingerprint.h"
#include "journey_fixtures.h"
#include "workflow/deadline_runner.h"

namespace workflow::testing {
namespace {

template <size_t... I>
std::array<EventPayload, sizeof...(I)> DefaultPayloads(std::index_sequence<I...>) {
  return {EventPayload(std::in_place_index<I>)...};
}
const auto kDefaults =
    DefaultPayloads(std::make_index_sequence<std::variant_size_v<EventPayload>>());

class RandomEvents {
 public:
  explicit RandomEvents(uint32_t seed) : rng_(seed) {}

  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <class E>
  E Pick() {
    return static_cast<E>(Below(kEnumSize<E>) + (std::is_same_v<E, CriterionToReside> ? 1 : 0));
  }

  // Mostly an event the journey says is valid now; sometimes any event at all.
  EventPayload Next(const Journey& journey, Date today) {
    const auto valid = journey.ValidNextEvents();
    size_t index = static_cast<size_t>(Below(static_cast<int>(kDefaults.size())));
    if (!valid.empty() && Chance(80)) {
      std::string_view name = valid[Below(static_cast<int>(valid.size()))].event;
      // Endings are rare, so that sequences live long enough to reach the later states.
      while (
          (name == Died::kName || name == AdmissionCancelled::kName || name == Discharged::kName) &&
          Chance(90)) {
        name = valid[Below(static_cast<int>(valid.size()))].event;
      }
      const auto& names = AllEventNames();
      index = static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    }
    EventPayload payload = kDefaults[index];
    std::visit([&](auto& e) { Fill(e, today, journey); }, payload);
    return payload;
  }

 private:
  template <class E>
  void Fill(E&, Date, const Journey&) {}
  void Fill(CaseOpened& e, Date, const Journey&) {
    e = Opening(T("2026-03-20T08:00Z"), static_cast<RuleSetId>(Below(3)), Pick<AdmissionMethod>());
    if (Chance(10)) e.notice_exclusion = Pick<NoticeExclusion>();
    if (Chance(5)) e.nhs_number = "1234567890";
  }
  void Fill(PathwayAgreed& e, Date, const Journey&) { e.pathway = Pick<Pathway>(); }
  void Fill(DelayReasonRecorded& e, Date, const Journey&) {
    if (Chance(80)) e.dtoc = Pick<DtocReason>();
    if (Chance(50)) e.nctr = Pick<NctrReason>();
    e.attribution = Pick<Attribution>();
  }
  void Fill(WardTransferred& e, Date, const Journey&) { e.ward = Chance(95) ? "Ward 3" : ""; }
  void Fill(ExpectedDischargeDateSet& e, Date today, const Journey&) {
    e.expected_discharge_date = today.AddDays(Below(10) - 2);
  }
  void Fill(DischargeNoticeGiven& e, Date today, const Journey&) {
    e.proposed_discharge_date = today.AddDays(Below(4));
  }
  void Fill(DischargeNoticeWithdrawn& e, Date, const Journey&) {
    e.because_of_la_failure = Chance(30);
  }
  void Fill(ChecklistCompleted& e, Date, const Journey&) {
    for (auto& score : e.scores) score = Pick<ChecklistScore>();
  }
  void Fill(DstCompleted& e, Date, const Journey&) {
    for (auto& level : e.levels) level = static_cast<DstLevel>(Below(5));
    if (Chance(20)) e.levels[Below(12)] = DstLevel::kPriority;
  }
  void Fill(FastTrackReferred& e, Date, const Journey&) { e.clinician = "Dr X"; }
  void Fill(EligibilityDecided& e, Date, const Journey&) { e.eligible = Chance(50); }
  void Fill(ReviewCompleted& e, Date, const Journey&) { e.eligible = Chance(50); }
  void Fill(AppealDecided& e, Date, const Journey&) { e.eligible = Chance(50); }
  void Fill(CareNeedsIdentified& e, Date, const Journey&) { e.care_type = Pick<CareType>(); }
  void Fill(ProviderOffered& e, Date, const Journey&) { e.provider = "Provider"; }
  void Fill(OfferDeclined& e, Date, const Journey&) {
    e.record_choice_delay = Chance(50);
    e.attribution = Pick<Attribution>();
  }
  void Fill(FundingAgreed& e, Date, const Journey&) {
    e.weekly_cost_pence = Below(200000) - 1000;
    e.funder = Pick<Funder>();
  }
  void Fill(StartConfirmed& e, Date today, const Journey&) { e.start_date = today.AddDays(1); }
  void Fill(EquipmentOrdered& e, Date today, const Journey&) {
    e.items = "bed";
    e.due_date = today.AddDays(Below(5) - 1);
  }
  void Fill(PartyAssigned& e, Date, const Journey&) {
    e.role = Pick<Role>();
    e.party = Chance(80) ? "someone" : "";
  }
  void Fill(DeadlineElapsed& e, Date, const Journey& journey) {
    // Usually a stale or never-set deadline: pending ones fire through the runner.
    e.kind = static_cast<DeadlineKind>(Below(kDeadlineKindCount));
    (void)journey;
  }

  std::mt19937 rng_;
};

// Combinations of states and facts that must never be seen together.
void CheckInvariants(const Journey& j) {
  const CaseFacts& f = j.facts();
  const std::string_view stay = j.State(Region::kStay);
  const std::string_view notices = j.State(Region::kNotices);
  const bool in_hospital = stay == "Admitted" || stay == "ReadyForDischarge";
  if (!in_hospital && stay != "NotOpened") {
    EXPECT_TRUE(notices == "Closed" || notices == "NotApplicable" || notices == "NoNotice")
        << "notices " << notices << " while stay " << stay;
  }
  const bool liable = notices == "LiabilityAccruing";
  const bool open_liability = !f.notices.liability.empty() && !f.notices.liability.back().end;
  EXPECT_EQ(liable, open_liability);
  if (liable) {
    EXPECT_EQ(stay, "ReadyForDischarge");
    ASSERT_TRUE(f.stay.delay_reason.has_value());
    EXPECT_EQ(f.stay.delay_reason->attribution, Attribution::kSocialCare);
    EXPECT_FALSE(f.notices.la_services_in_place);
    EXPECT_TRUE(f.notices.relevant_day_passed);
  }
  const bool ready_open = !f.stay.ready_periods.empty() && !f.stay.ready_periods.back().end;
  EXPECT_EQ(stay == "ReadyForDischarge", ready_open);
  if (f.stay.delay_reason) {
    EXPECT_TRUE(ready_open) << "a delay reason in force while not ready";
  }
  EXPECT_EQ(stay == "Discharged", f.stay.discharged_at.has_value());
  for (size_t i = 1; i < f.stay.ready_periods.size(); ++i) {
    ASSERT_TRUE(f.stay.ready_periods[i - 1].end.has_value());
    EXPECT_LE(*f.stay.ready_periods[i - 1].end, f.stay.ready_periods[i].start);
  }
  if (j.closed()) {
    EXPECT_TRUE(f.open_deadlines.empty());
  }
  if (stay == "NotOpened") {
    EXPECT_EQ(j.version(), 0);
  }
}

TEST(RandomJourneys, NeverContradictoryAndAlwaysReplayable) {
  constexpr int kSequences = 2000;
  constexpr int kSteps = 60;
  int accepted = 0;
  int refused = 0;
  for (int seed = 1; seed <= kSequences; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomEvents random(static_cast<uint32_t>(seed));
    Journey journey;
    std::vector<Event> history;
    Timestamp now = T("2026-03-20T09:00Z");
    for (int step = 0; step < kSteps && !::testing::Test::HasFatalFailure(); ++step) {
      now += std::chrono::hours(random.Below(30));
      auto fired = FireDueDeadlines(journey, now);
      if (!fired.ok()) {
        std::string trail;
        for (const Event& e : history) trail += std::string(EventName(e.payload)) + " ";
        FAIL() << "a pending deadline was refused: " << fired.status() << "\nafter: " << trail
               << "\n"
               << Fingerprint(journey);
      }
      for (const AppliedEvent& applied : *fired) history.push_back(applied.event);
      if (!history.empty()) now = std::max(now, history.back().occurred_at);
      Event event{"random", now, random.Next(journey, LondonDate(now))};
      auto result = journey.Apply(event);
      if (result.ok()) {
        ++accepted;
        history.push_back(event);
      } else {
        ++refused;
        const auto code = result.status().code();
        ASSERT_TRUE(code == absl::StatusCode::kInvalidArgument ||
                    code == absl::StatusCode::kFailedPrecondition)
            << EventName(event.payload) << ": " << result.status();
        ASSERT_FALSE(result.status().message().empty());
      }
      CheckInvariants(journey);
      if (::testing::Test::HasFailure()) {
        std::string trail;
        for (const Event& e : history) trail += std::string(EventName(e.payload)) + " ";
        FAIL() << "after: " << trail << "\n" << Fingerprint(journey);
      }
    }
    auto replayed = Replay(history);
    ASSERT_TRUE(replayed.ok()) << replayed.status();
    ASSERT_EQ(Fingerprint(*replayed), Fingerprint(journey));
    auto restored = Journey::Restore(journey.Snapshot());
    ASSERT_TRUE(restored.ok());
    ASSERT_EQ(Fingerprint(*restored), Fingerprint(journey));
  }
  // The generator must exercise both outcomes substantially.
  EXPECT_GT(accepted, kSequences * 10);
  EXPECT_GT(refused, kSequences * 2);
}

}  // namespace
}  // namespace workflow::testing
