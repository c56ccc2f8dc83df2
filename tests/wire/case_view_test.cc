#include "wire/case_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "tocflow/v1/events.pb.h"
#include "workflow/journey.h"

namespace tocflow::wire {
namespace {

namespace v1 = tocflow::v1;
namespace wf = workflow;

wf::Timestamp T(const char* utc) { return *wf::ParseUtc(utc); }

wf::CaseOpened Opening() {
  wf::CaseOpened opening;
  opening.nhs_number = "9434765919";
  opening.local_patient_id = "MRN001";
  opening.spell_id = "V100";
  opening.provider_ods = "RRV";
  opening.ward = "Ward 7";
  opening.local_authority = "E09000007";
  opening.icb = "QMJ";
  opening.admitted_at = T("2026-05-04T08:00:00Z");
  opening.admission_method = wf::AdmissionMethod::kEmergency;
  return opening;
}

// An emergency admission, ready for discharge the next day, with a social worker assigned.
wf::Journey ReadyJourney() {
  const std::vector<wf::Event> events = {
      {"pas", T("2026-05-04T08:00:00Z"), Opening()},
      {"ward", T("2026-05-05T09:00:00Z"), wf::ReadyForDischarge{}},
      {"hub", T("2026-05-05T09:30:00Z"), wf::PartyAssigned{wf::Role::kLaSocialWorker, "sw-7"}},
  };
  auto journey = wf::Replay(events);
  EXPECT_TRUE(journey.ok()) << journey.status();
  return journey.ok() ? *std::move(journey) : wf::Journey();
}

TEST(CaseView, CarriesStateNamesOfEveryRegion) {
  const wf::Journey journey = ReadyJourney();
  const v1::Case view = CaseView("case-1", journey);
  EXPECT_EQ(view.case_id(), "case-1");
  EXPECT_EQ(view.version(), 3);
  ASSERT_EQ(view.states_size(), wf::kRegionCount);
  const char* kRegions[] = {"stay", "notices", "chc", "care", "equipment"};
  for (int r = 0; r < wf::kRegionCount; ++r) {
    EXPECT_EQ(view.states(r).region(), kRegions[r]);
    EXPECT_EQ(view.states(r).state(), journey.State(static_cast<wf::Region>(r)));
    EXPECT_FALSE(view.states(r).state().empty());
  }
  EXPECT_EQ(view.states(0).state(), "ReadyForDischarge");
  EXPECT_FALSE(view.closed());
}

TEST(CaseView, ListsValidEventsByRegionAndOneofName) {
  const wf::Journey journey = ReadyJourney();
  const v1::Case view = CaseView("case-1", journey);
  std::vector<wf::ValidEvent> valid;
  bool scheduler_event_offered = false;
  for (const wf::ValidEvent& e : journey.ValidNextEvents()) {
    if (e.event == wf::DeadlineElapsed::kName) {
      scheduler_event_offered = true;
    } else {
      valid.push_back(e);
    }
  }
  // The journey accepts deadline_elapsed (a deadline is pending) but callers may not record it.
  EXPECT_TRUE(scheduler_event_offered);
  ASSERT_FALSE(valid.empty());
  ASSERT_EQ(view.valid_next_events_size(), static_cast<int>(valid.size()));
  bool pathway_agreed_in_stay = false;
  for (int i = 0; i < view.valid_next_events_size(); ++i) {
    const v1::ValidEvent& e = view.valid_next_events(i);
    EXPECT_EQ(e.region(), wf::Name(valid[i].region));
    EXPECT_EQ(e.event(), valid[i].event);
    // A client sets the Event oneof field of that name.
    EXPECT_NE(v1::Event::descriptor()->FindFieldByName(e.event()), nullptr) << e.event();
    if (e.region() == "stay" && e.event() == "pathway_agreed") pathway_agreed_in_stay = true;
  }
  EXPECT_TRUE(pathway_agreed_in_stay);
}

TEST(CaseView, CarriesFactsDeadlinesAndParties) {
  const v1::Case view = CaseView("case-1", ReadyJourney());
  const v1::CaseFacts& facts = view.facts();
  EXPECT_EQ(facts.identity().nhs_number(), "9434765919");
  EXPECT_EQ(facts.identity().setting(), v1::SETTING_ACUTE);
  EXPECT_EQ(facts.identity().admitted_at().seconds(), wf::ToUnixSeconds(T("2026-05-04T08:00:00Z")));
  EXPECT_EQ(facts.rule_set(), v1::RULE_SET_DISCHARGE_TO_ASSESS_2022);
  ASSERT_TRUE(facts.stay().has_discharge_ready_date());
  EXPECT_EQ(facts.stay().discharge_ready_date().day(), 5);
  ASSERT_EQ(facts.stay().ready_periods_size(), 1);
  EXPECT_EQ(facts.stay().ready_periods(0).ended_by(), v1::READY_PERIOD_END_OPEN);
  EXPECT_FALSE(facts.stay().ready_periods(0).has_end());
  EXPECT_FALSE(facts.stay().has_discharged_at());
  EXPECT_EQ(facts.stay().pathway(), v1::PATHWAY_UNSPECIFIED);
  EXPECT_FALSE(facts.chc().has_eligible());

  bool pathway_deadline = false;
  for (const v1::Deadline& d : view.open_deadlines()) {
    EXPECT_NE(d.kind(), v1::DEADLINE_KIND_UNSPECIFIED);
    EXPECT_FALSE(d.owners().empty()) << v1::DeadlineKind_Name(d.kind());
    if (d.kind() == v1::DEADLINE_KIND_PATHWAY_NOT_AGREED) {
      pathway_deadline = true;
      EXPECT_EQ(d.due().seconds(), wf::ToUnixSeconds(T("2026-05-06T09:00:00Z")));
      ASSERT_EQ(d.owners_size(), 1);
      EXPECT_EQ(d.owners(0).role(), v1::ROLE_CARE_TRANSFER_HUB);
      EXPECT_EQ(d.owners(0).party(), "");
    }
  }
  EXPECT_TRUE(pathway_deadline);

  ASSERT_EQ(view.parties_size(), 1);
  EXPECT_EQ(view.parties(0).role(), v1::ROLE_LA_SOCIAL_WORKER);
  EXPECT_EQ(view.parties(0).party(), "sw-7");
}

TEST(CaseView, DeadlineOwnersTakeTeamDefaultsForUnassignedRoles) {
  wf::TeamDirectory teams;
  teams.SetDefault(wf::Role::kCareTransferHub, "RRV", "rrv-transfer-hub");
  const v1::Case view = CaseView("case-1", ReadyJourney(), teams);
  bool found = false;
  for (const v1::Deadline& d : view.open_deadlines()) {
    if (d.kind() != v1::DEADLINE_KIND_PATHWAY_NOT_AGREED) continue;
    found = true;
    ASSERT_EQ(d.owners_size(), 1);
    EXPECT_EQ(d.owners(0).party(), "rrv-transfer-hub");
  }
  EXPECT_TRUE(found);
}

TEST(CaseView, ClosedCaseHasNoValidEvents) {
  wf::Journey journey = ReadyJourney();
  ASSERT_TRUE(journey.Apply({"ward", T("2026-05-06T01:00:00Z"), wf::Died{}}).ok());
  const v1::Case view = CaseView("case-1", journey);
  EXPECT_TRUE(view.closed());
  EXPECT_EQ(view.valid_next_events_size(), 0);
  EXPECT_TRUE(view.facts().stay().has_died_at());
}

TEST(CaseView, AlertsKeepOptionalFieldsOptional) {
  wf::Alert alert;
  alert.kind = wf::AlertKind::kLiabilityAccruing;
  alert.severity = wf::Severity::kCritical;
  alert.recipients = {{wf::Role::kLaFinance, ""}, {wf::Role::kLaTeamManager, "tm-1"}};
  alert.message = "Liability accruing";
  alert.raised_at = T("2026-05-04T08:00:00Z");
  v1::Alert wire = ToWire(alert);
  EXPECT_EQ(wire.kind(), v1::ALERT_KIND_LIABILITY_ACCRUING);
  EXPECT_EQ(wire.severity(), v1::SEVERITY_CRITICAL);
  ASSERT_EQ(wire.recipients_size(), 2);
  EXPECT_EQ(wire.recipients(0).role(), v1::ROLE_LA_FINANCE);
  EXPECT_EQ(wire.recipients(1).party(), "tm-1");
  EXPECT_EQ(wire.message(), "Liability accruing");
  EXPECT_EQ(wire.raised_at().seconds(), wf::ToUnixSeconds(alert.raised_at));
  EXPECT_FALSE(wire.has_due());
  EXPECT_FALSE(wire.has_pence_per_day());

  alert.due = T("2026-05-05T00:00:00Z");
  alert.pence_per_day = 15500;
  wire = ToWire(alert);
  EXPECT_EQ(wire.due().seconds(), wf::ToUnixSeconds(*alert.due));
  ASSERT_TRUE(wire.has_pence_per_day());
  EXPECT_EQ(wire.pence_per_day(), 15500);
}

TEST(CaseView, AlertsOfAnAppliedEventMapKindByName) {
  wf::Journey journey;
  auto effects = journey.Apply({"pas", T("2026-05-04T08:00:00Z"), Opening()});
  ASSERT_TRUE(effects.ok()) << effects.status();
  ASSERT_FALSE(effects->alerts.empty());
  for (const wf::Alert& alert : effects->alerts) {
    const v1::Alert wire = ToWire(alert);
    const auto* value = v1::AlertKind_descriptor()->FindValueByNumber(wire.kind());
    ASSERT_NE(value, nullptr);
    EXPECT_EQ(
        value->name(), "ALERT_KIND_" + [](std::string s) {
          for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          return s;
        }(std::string(wf::Name(alert.kind))));
    EXPECT_EQ(wire.recipients_size(), static_cast<int>(alert.recipients.size()));
  }
}

}  // namespace
}  // namespace tocflow::wire
