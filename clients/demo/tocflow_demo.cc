// tocflow-demo: replays two journeys from domain.md through libworkflow and prints each event,
// the state of every region, the alerts raised and the deadlines set, with deadlines firing as
// simulated time passes. Until the service exists this is the project's main program.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "workflow/calendar.h"
#include "workflow/deadline_runner.h"
#include "workflow/journey.h"
#include "workflow/reports.h"

namespace {

using namespace workflow;

Timestamp London(const char* iso_date, int hour, int minute) {
  return FromLondon(*Date::Parse(iso_date), hour, minute);
}

std::string Pounds(int64_t pence) {
  char text[32];
  std::snprintf(text, sizeof text, "£%lld.%02lld", static_cast<long long>(pence / 100),
                static_cast<long long>(pence % 100));
  return text;
}

void PrintStates(const Journey& journey) {
  std::cout << "    states:";
  for (int r = 0; r < kRegionCount; ++r) {
    const auto region = static_cast<Region>(r);
    std::cout << ' ' << Name(region) << '=' << journey.State(region);
  }
  std::cout << '\n';
}

void PrintApplied(const Journey& journey, const Event& event, const Effects& effects) {
  std::cout << FormatLondon(event.occurred_at) << "  " << EventName(event.payload);
  if (const auto* elapsed = std::get_if<DeadlineElapsed>(&event.payload)) {
    std::cout << " (" << Name(elapsed->kind) << ")";
  }
  std::cout << "  by " << event.actor << '\n';
  PrintStates(journey);
  for (const Alert& alert : effects.alerts) {
    std::cout << "    ALERT " << Name(alert.severity) << " to";
    for (const AlertRecipient& to : alert.recipients) {
      std::cout << ' ' << Name(to.role) << (to.party.empty() ? "" : "(" + to.party + ")");
    }
    std::cout << ": " << alert.message;
    if (alert.due) std::cout << " [due " << FormatLondon(*alert.due) << "]";
    if (alert.pence_per_day) std::cout << " [" << Pounds(*alert.pence_per_day) << "/day]";
    std::cout << '\n';
  }
  for (const DeadlineSet& set : effects.deadlines_set) {
    std::cout << "    deadline set: " << Name(set.kind) << " due " << FormatLondon(set.due) << '\n';
  }
  for (DeadlineKind cancelled : effects.deadlines_cancelled) {
    std::cout << "    deadline cancelled: " << Name(cancelled) << '\n';
  }
}

// Delay and liability figures, from the library's report functions.
void PrintSummary(const CaseFacts& facts) {
  if (!facts.stay.discharged_at) return;
  const Timestamp end = *facts.stay.discharged_at;
  const std::vector<Date> delayed = DelayedDays(facts, end);
  std::cout << "Summary: " << delayed.size() << " delayed days";
  if (!delayed.empty()) {
    std::cout << " (" << delayed.front().ToUkString() << " to " << delayed.back().ToUkString()
              << ")";
  }
  if (auto delay = DischargeDelayDays(facts)) {
    std::cout << "; discharge delay " << *delay << " days";
  }
  std::cout << '\n';
  if (facts.notices.liability.empty()) return;
  const Date first = LondonDate(facts.notices.liability.front().start);
  auto bill =
      BuildReimbursementReport({facts}, {first, LondonDate(end), end}, *DefaultReferenceData());
  if (bill.ok()) {
    std::cout << "Reimbursement owed by the LA: " << bill->liable_days << " liable days, "
              << Pounds(bill->amount_pence) << '\n';
  }
}

// Applies the script in order, firing every deadline that falls due before each event.
bool Run(const char* title, const std::vector<Event>& script) {
  std::cout << "\n=== " << title << " ===\n";
  Journey journey;
  for (const Event& event : script) {
    auto fired = FireDueDeadlines(journey, event.occurred_at);
    if (!fired.ok()) {
      std::cerr << "deadline refused: " << fired.status() << '\n';
      return false;
    }
    for (const AppliedEvent& applied : *fired) {
      PrintApplied(journey, applied.event, applied.effects);
    }
    auto effects = journey.Apply(event);
    if (!effects.ok()) {
      std::cerr << "event refused: " << effects.status() << '\n';
      return false;
    }
    PrintApplied(journey, event, *effects);
  }
  PrintSummary(journey.facts());
  return true;
}

CaseOpened Opening(const char* spell, Timestamp admitted, RuleSetId rule_set) {
  CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN" + std::string(spell);
  opening.spell_id = spell;
  opening.provider_ods = "RRV";
  opening.site = "Main";
  opening.ward = "Ward 7";
  opening.bed = "12";
  opening.local_authority = "E10000015";
  opening.icb = "QM7";
  opening.admitted_at = admitted;
  opening.admission_method = AdmissionMethod::kEmergency;
  opening.rule_set = rule_set;
  return opening;
}

// (a) CARE_ACT_2014: assessment notice at 15:10 on Friday 5 June 2026 (treated as given
// Saturday; minimum period Sunday and Monday), LA assessment late, discharge notice proposing
// Tuesday 9 June (the relevant day), liability accrues from Wednesday at £130 a day until the
// discharge on Friday 12 June: 3 liable days.
std::vector<Event> NoticesJourney() {
  const RuleSetId rules = RuleSetId::kCareAct2014;
  return {
      {"ward-clerk", London("2026-06-01", 10, 0),
       Opening("V1001", London("2026-06-01", 9, 30), rules)},
      {"ward-7-coordinator", London("2026-06-02", 9, 0),
       ExpectedDischargeDateSet{*Date::Parse("2026-06-05")}},
      {"ward-7-consultant", London("2026-06-04", 11, 0), ReadyForDischarge{}},
      {"hub", London("2026-06-04", 12, 0), PathwayAgreed{Pathway::kPathway1}},
      {"hub", London("2026-06-04", 12, 30),
       DelayReasonRecorded{DtocReason::kE_AwaitingCarePackage, std::nullopt,
                           Attribution::kSocialCare}},
      {"ward-7-coordinator", London("2026-06-05", 15, 10),
       AssessmentNoticeGiven{true, true, false, true, "Checklist negative"}},
      {"la-social-worker", London("2026-06-08", 9, 0), LaAssessmentStarted{}},
      {"ward-7-coordinator", London("2026-06-08", 10, 0),
       DischargeNoticeGiven{*Date::Parse("2026-06-09")}},
      {"la-social-worker", London("2026-06-11", 16, 0),
       LaAssessmentCompleted{"home care, four calls a day"}},
      {"ward-7-coordinator", London("2026-06-12", 11, 0), Discharged{"usual residence"}},
  };
}

// (b) DISCHARGE_TO_ASSESS_2022: ready on Tuesday 3 November 2026, pathway 3, CHC Fast Track,
// a care home found, discharged on Thursday 12 November after 9 delayed days.
std::vector<Event> FastTrackJourney() {
  const RuleSetId rules = RuleSetId::kDischargeToAssess2022;
  return {
      {"pas-feed", London("2026-11-02", 14, 0),
       Opening("V2002", London("2026-11-02", 13, 40), rules)},
      {"ward-7-coordinator", London("2026-11-03", 9, 0),
       ExpectedDischargeDateSet{*Date::Parse("2026-11-04")}},
      {"ward-7-consultant", London("2026-11-03", 10, 0), ReadyForDischarge{}},
      {"hub", London("2026-11-03", 11, 0), PathwayAgreed{Pathway::kPathway3}},
      {"ward-7-consultant", London("2026-11-03", 15, 0), FastTrackReferred{"Dr A Consultant"}},
      {"hub", London("2026-11-03", 16, 0),
       DelayReasonRecorded{DtocReason::kDii_AwaitingNursingHome,
                           NctrReason::kAwaitingPathway3Capacity, Attribution::kNhs}},
      {"chc-broker", London("2026-11-04", 9, 0), CareNeedsIdentified{CareType::kNursing}},
      {"chc-broker", London("2026-11-04", 9, 30), SourcingStarted{}},
      {"chc-broker", London("2026-11-09", 14, 0), ProviderOffered{"Oak House Nursing Home"}},
      {"chc-broker", London("2026-11-10", 10, 0), FundingAgreed{125000, Funder::kIcb}},
      {"chc-broker", London("2026-11-10", 15, 0), StartConfirmed{*Date::Parse("2026-11-12"), ""}},
      {"ward-7-coordinator", London("2026-11-12", 11, 0), Discharged{"Oak House Nursing Home"}},
      {"chc-broker", London("2026-11-12", 16, 0), CareInPlace{}},
  };
}

}  // namespace

int main() {
  std::cout << "tocflow demo: two journeys replayed through libworkflow (times are London)\n";
  const bool ok =
      Run("(a) CARE_ACT_2014: notices, late LA assessment, liability at £130/day",
          NoticesJourney()) &&
      Run("(b) DISCHARGE_TO_ASSESS_2022: pathway 3, CHC Fast Track, care home, 9 delayed days",
          FastTrackJourney());
  std::cout << "\nNext: run the tests with scripts/test; the library's API is in "
               "libworkflow/include/workflow/.\n";
  return ok ? 0 : 1;
}
