// Replays recorded journeys through libworkflow and prints events per second on one core
// (issue 5, figure 1: target at least 2 million events/s). The journeys are generated
// deterministically from a seed, with deadlines firing as simulated time passes, so every run
// replays the same histories.
//
// Usage: journey_replay_bench [--cases N] [--rounds R] [--seed S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "workflow/calendar.h"
#include "workflow/deadline_runner.h"
#include "workflow/journey.h"

namespace {

using namespace workflow;
using Clock = std::chrono::steady_clock;

CaseOpened Opening(int n, Timestamp admitted, RuleSetId rules) {
  CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN" + std::to_string(n);
  opening.spell_id = "V" + std::to_string(n);
  opening.provider_ods = "RRV";
  opening.ward = "Ward " + std::to_string(n % 30);
  opening.local_authority = "E0900000" + std::to_string(n % 9);
  opening.icb = "QMJ";
  opening.admitted_at = admitted;
  opening.rule_set = rules;
  return opening;
}

// One realistic journey: admission, EDD, readiness (sometimes reset), pathway, delay reason,
// notices under the notice rule sets, CHC screening and decision, care arranged, discharge.
std::vector<Event> MakeJourney(int n, std::mt19937& rng) {
  auto hours = [&](int lo, int hi) {
    return std::chrono::hours(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  const RuleSetId rules = static_cast<RuleSetId>(n % 3);
  Timestamp t = FromUnixSeconds(1767225600) + hours(0, 24 * 300);  // during 2026
  std::vector<Event> script;
  auto add = [&](EventPayload payload) {
    t += hours(1, 20);
    script.push_back({"bench", t, std::move(payload)});
  };
  add(Opening(n, t - std::chrono::hours(1), rules));
  add(ExpectedDischargeDateSet{LondonDate(t).AddDays(5)});
  add(PartyAssigned{Role::kWardDischargeCoordinator, "coordinator"});
  add(ReadyForDischarge{});
  if (n % 4 == 0) {
    add(CriteriaToResideMetAgain{});
    add(ReadyForDischarge{});
  }
  add(PathwayAgreed{static_cast<Pathway>(n % 4)});
  add(DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage, std::nullopt,
                          n % 2 ? Attribution::kSocialCare : Attribution::kNhs});
  if (rules != RuleSetId::kDischargeToAssess2022) {
    add(AssessmentNoticeGiven{true, false, false, true, ""});
    add(LaAssessmentStarted{});
  }
  ChecklistCompleted checklist;
  checklist.scores[0] = ChecklistScore::kA;
  add(checklist);
  add(ChcAssessmentScheduled{LondonDate(t).AddDays(3)});
  DstCompleted dst;
  dst.levels[3] = DstLevel::kSevere;
  add(dst);
  add(EligibilityDecided{n % 3 == 0});
  add(CareNeedsIdentified{CareType::kHomeCare});
  add(SourcingStarted{});
  add(ProviderOffered{"Provider " + std::to_string(n % 50)});
  add(FundingAgreed{45000, Funder::kLocalAuthority});
  add(StartConfirmed{LondonDate(t).AddDays(1), ""});
  add(Discharged{"home"});
  add(CareInPlace{});

  // Record the history as the service would: deadlines fire between events.
  Journey journey;
  std::vector<Event> history;
  for (Event& event : script) {
    auto fired = FireDueDeadlines(journey, event.occurred_at);
    if (!fired.ok()) break;
    for (AppliedEvent& applied : *fired) history.push_back(std::move(applied.event));
    if (journey.Apply(event).ok()) history.push_back(std::move(event));
  }
  return history;
}

int Arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = Arg(argc, argv, "--cases", 20000);
  const int rounds = Arg(argc, argv, "--rounds", 3);
  std::mt19937 rng(static_cast<uint32_t>(Arg(argc, argv, "--seed", 42)));

  std::vector<std::vector<Event>> histories;
  size_t events = 0;
  for (int n = 0; n < cases; ++n) {
    histories.push_back(MakeJourney(n, rng));
    events += histories.back().size();
  }

  double best = 0;
  size_t alerts = 0;
  for (int round = 0; round < rounds; ++round) {
    alerts = 0;
    const auto start = Clock::now();
    for (const auto& history : histories) {
      Journey journey;
      for (const Event& event : history) {
        auto effects = journey.Apply(event);
        if (!effects.ok()) {
          std::fprintf(stderr, "replay failed: %s\n",
                       std::string(effects.status().message()).c_str());
          return 1;
        }
        alerts += effects->alerts.size();
      }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    best = std::max(best, static_cast<double>(events) / seconds);
  }
  std::printf("journey replay: %d cases, %zu events (%.1f per case), %zu alerts per round\n", cases,
              events, static_cast<double>(events) / cases, alerts);
  std::printf(
      "  apply + effects: %.0f events/s on one core (best of %d); target 2,000,000: %.2fx\n", best,
      rounds, best / 2e6);
  return 0;
}
