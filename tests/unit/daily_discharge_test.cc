// The daily discharge ready date / NCTR report for Wednesday 10 June 2026 (BST: London is UTC+1,
// so the day runs from 2026-06-09T23:00Z to 2026-06-10T23:00Z). Timestamps are in UTC.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workflow/case_facts.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow {
namespace {

Timestamp T(const char* utc) { return ParseUtc(utc).value(); }

CaseFacts Case(const std::string& spell, const std::string& provider = "RAA") {
  CaseFacts f;
  f.identity.spell_id = spell;
  f.identity.provider_ods = provider;
  return f;
}

void ReadyOpen(CaseFacts& f, const char* start) {
  f.stay.ready_periods.push_back(ReadyPeriod{T(start), std::nullopt, ReadyPeriodEnd::kOpen});
}

void Ready(CaseFacts& f, const char* start, const char* end, ReadyPeriodEnd how) {
  f.stay.ready_periods.push_back(ReadyPeriod{T(start), T(end), how});
  if (how == ReadyPeriodEnd::kDischarged) f.stay.discharged_at = T(end);
  if (how == ReadyPeriodEnd::kDied) f.stay.died_at = T(end);
}

void Reason(CaseFacts& f, const char* at, NctrReason nctr, Attribution attribution) {
  f.stay.delay_reason_history.push_back(
      DelayReasonChange{T(at), DelayReason{std::nullopt, nctr, attribution}});
}

std::vector<CaseFacts> June10() {
  std::vector<CaseFacts> cases;
  // A: ready since 1 Jun, waiting for pathway 1 capacity (Social Care). Current delay at the end
  //    of 10 Jun: 11 Jun - 1 Jun = 10 days (1..10 Jun). 7+.
  CaseFacts a = Case("A");
  ReadyOpen(a, "2026-06-01T08:00Z");
  Reason(a, "2026-06-01T08:00Z", NctrReason::kAwaitingPathway1Capacity, Attribution::kSocialCare);
  cases.push_back(a);
  // B: ready since 15 May, pathway 3 capacity (Both): 11 Jun - 15 May = 27 days. 7+ and 21+.
  CaseFacts b = Case("B");
  ReadyOpen(b, "2026-05-15T11:00Z");
  Reason(b, "2026-05-15T11:00Z", NctrReason::kAwaitingPathway3Capacity, Attribution::kBoth);
  cases.push_back(b);
  // C: ready 5 Jun, discharged 10 Jun 15:00 BST on pathway 1: delay 10 - 5 = 5, band 4-6.
  CaseFacts c = Case("C");
  Ready(c, "2026-06-05T09:00Z", "2026-06-10T14:00Z", ReadyPeriodEnd::kDischarged);
  c.stay.pathway = Pathway::kPathway1;
  cases.push_back(c);
  // D: ready and discharged on 10 Jun, pathway 0: delay 0.
  CaseFacts d = Case("D");
  Ready(d, "2026-06-10T07:00Z", "2026-06-10T15:00Z", ReadyPeriodEnd::kDischarged);
  d.stay.pathway = Pathway::kPathway0;
  cases.push_back(d);
  // E: never ready, discharged 2026-06-10T23:30Z = 11 Jun 00:30 BST: not a 10 Jun discharge.
  CaseFacts e = Case("E");
  e.stay.discharged_at = T("2026-06-10T23:30Z");
  cases.push_back(e);
  // F: ready 20 May, discharged 2026-06-09T23:30Z = 10 Jun 00:30 BST, pathway not recorded:
  //    a 10 Jun discharge (the UTC date is 9 Jun), delay 10 Jun - 20 May = 21, band 21+.
  CaseFacts f = Case("F");
  Ready(f, "2026-05-20T09:00Z", "2026-06-09T23:30Z", ReadyPeriodEnd::kDischarged);
  cases.push_back(f);
  // G: ready 3 Jun, met the criteria again 7 Jun, discharged 10 Jun on pathway 2 with no new DRD.
  CaseFacts g = Case("G");
  Ready(g, "2026-06-03T09:00Z", "2026-06-07T09:00Z", ReadyPeriodEnd::kCriteriaMetAgain);
  g.stay.discharged_at = T("2026-06-10T09:00Z");
  g.stay.pathway = Pathway::kPathway2;
  cases.push_back(g);
  // H: ready since 4 Jun, no reason recorded: 11 Jun - 4 Jun = 7 days (4..10 Jun). 7+.
  CaseFacts h = Case("H");
  ReadyOpen(h, "2026-06-04T09:00Z");
  cases.push_back(h);
  // I: ready since 5 Jun: 11 Jun - 5 Jun = 6 days. Not 7+.
  CaseFacts i = Case("I");
  ReadyOpen(i, "2026-06-05T09:00Z");
  Reason(i, "2026-06-05T09:00Z", NctrReason::kAwaitingTransport, Attribution::kNhs);
  cases.push_back(i);
  // J: ready at 2026-06-10T23:30Z = 11 Jun 00:30 BST: not ready on 10 Jun.
  CaseFacts j = Case("J");
  ReadyOpen(j, "2026-06-10T23:30Z");
  cases.push_back(j);
  // K: ready since 1 Jun, died 10 Jun 13:00 BST: neither remaining nor discharged.
  CaseFacts k = Case("K");
  Ready(k, "2026-06-01T09:00Z", "2026-06-10T12:00Z", ReadyPeriodEnd::kDied);
  cases.push_back(k);
  // L: another provider's patient, ready since 1 Jun: counted only without the provider filter.
  CaseFacts l = Case("L", "RBB");
  ReadyOpen(l, "2026-06-01T09:00Z");
  cases.push_back(l);
  // M: cancelled admission: left out.
  CaseFacts m = Case("M");
  ReadyOpen(m, "2026-06-01T09:00Z");
  m.stay.cancelled_at = T("2026-06-02T09:00Z");
  cases.push_back(m);
  return cases;
}

DailyDischargeParams Params(const char* as_at) {
  DailyDischargeParams params;
  params.day = Date::FromYmd(2026, 6, 10);
  params.as_at = T(as_at);
  params.provider_ods = "RAA";
  return params;
}

TEST(DailyDischargeReport, EndOfDayPosition) {
  const absl::StatusOr<DailyDischargeReport> report =
      BuildDailyDischargeReport(June10(), Params("2026-06-11T08:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->position_at, T("2026-06-10T23:00Z"));  // midnight ending 10 Jun (BST)

  // Remaining and ready at the end of the day: A, B, H, I.
  EXPECT_EQ(report->not_meeting_criteria, 4);

  // Discharges on 10 Jun: C (P1), D (P0), F (unknown), G (P2). Not E (11 Jun London).
  EXPECT_EQ(report->discharges, 4);
  EXPECT_EQ(report->discharges_by_pathway[0], 1);
  EXPECT_EQ(report->discharges_by_pathway[1], 1);
  EXPECT_EQ(report->discharges_by_pathway[2], 1);
  EXPECT_EQ(report->discharges_by_pathway[3], 0);
  EXPECT_EQ(report->discharges_pathway_unknown, 1);

  // Delays: D 0, C 5, F 21; G has no DRD.
  const auto& bands = report->discharge_delay_bands;
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k0Days)], 1);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k1Day)], 0);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k2To3Days)], 0);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k4To6Days)], 1);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k7To13Days)], 0);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k14To20Days)], 0);
  EXPECT_EQ(bands[static_cast<int>(DischargeDelayBand::k21PlusDays)], 1);
  EXPECT_EQ(report->discharges_without_drd, 1);

  // 7+: A (10 days, P1 capacity, Social Care), B (27, P3 capacity, Both), H (7, nothing).
  const LongDelayGroup& seven = report->delayed_7_plus;
  EXPECT_EQ(seven.patients, 3);
  EXPECT_EQ(seven.by_reason[static_cast<int>(NctrReason::kAwaitingPathway1Capacity)], 1);
  EXPECT_EQ(seven.by_reason[static_cast<int>(NctrReason::kAwaitingPathway3Capacity)], 1);
  EXPECT_EQ(seven.by_reason[static_cast<int>(NctrReason::kAwaitingTransport)], 0);  // I: 6 days
  EXPECT_EQ(seven.reason_not_recorded, 1);
  EXPECT_EQ(seven.by_attribution[static_cast<int>(Attribution::kSocialCare)], 1);
  EXPECT_EQ(seven.by_attribution[static_cast<int>(Attribution::kBoth)], 1);
  EXPECT_EQ(seven.by_attribution[static_cast<int>(Attribution::kNhs)], 0);
  EXPECT_EQ(seven.attribution_not_recorded, 1);

  // 21+: B only.
  const LongDelayGroup& twenty_one = report->delayed_21_plus;
  EXPECT_EQ(twenty_one.patients, 1);
  EXPECT_EQ(twenty_one.by_reason[static_cast<int>(NctrReason::kAwaitingPathway3Capacity)], 1);
  EXPECT_EQ(twenty_one.by_attribution[static_cast<int>(Attribution::kBoth)], 1);
  EXPECT_EQ(twenty_one.reason_not_recorded, 0);
}

TEST(DailyDischargeReport, AllProvidersWithoutFilter) {
  DailyDischargeParams params = Params("2026-06-11T08:00Z");
  params.provider_ods.reset();
  const absl::StatusOr<DailyDischargeReport> report = BuildDailyDischargeReport(June10(), params);
  ASSERT_TRUE(report.ok()) << report.status();
  // A, B, H, I and RBB's L (ready since 1 Jun: 10 days, no reason). M is cancelled.
  EXPECT_EQ(report->not_meeting_criteria, 5);
  EXPECT_EQ(report->delayed_7_plus.patients, 4);
  EXPECT_EQ(report->delayed_7_plus.reason_not_recorded, 2);  // H and L
}

TEST(DailyDischargeReport, PositionAtAsAtDuringTheDay) {
  // As at 2026-06-10T13:00Z (14:00 BST): C (discharged 14:00Z) and D (discharged 15:00Z) are
  // still in hospital and ready; K died at 12:00Z; F and G were discharged earlier today.
  // Remaining ready: A, B, C, D, H, I = 6. Discharges so far: F, G = 2.
  // Current delays count the days ended by now (up to 9 Jun): A 10 Jun - 1 Jun = 9, B 26,
  // C 5, D 0, H 6, I 5: 7+ = A, B; 21+ = B.
  const absl::StatusOr<DailyDischargeReport> report =
      BuildDailyDischargeReport(June10(), Params("2026-06-10T13:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->position_at, T("2026-06-10T13:00Z"));
  EXPECT_EQ(report->not_meeting_criteria, 6);
  EXPECT_EQ(report->discharges, 2);
  EXPECT_EQ(report->discharges_pathway_unknown, 1);  // F
  EXPECT_EQ(report->discharges_without_drd, 1);      // G
  EXPECT_EQ(report->delayed_7_plus.patients, 2);
  EXPECT_EQ(report->delayed_21_plus.patients, 1);
}

TEST(DailyDischargeReport, RejectsAsAtBeforeTheDay) {
  // 2026-06-09T22:59:59Z is 9 Jun 23:59:59 BST.
  EXPECT_EQ(BuildDailyDischargeReport(June10(), Params("2026-06-09T22:59:59Z")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DailyDischargeReport, DelayBands) {
  EXPECT_EQ(BandForDischargeDelay(-1), DischargeDelayBand::k0Days);
  EXPECT_EQ(BandForDischargeDelay(0), DischargeDelayBand::k0Days);
  EXPECT_EQ(BandForDischargeDelay(1), DischargeDelayBand::k1Day);
  EXPECT_EQ(BandForDischargeDelay(2), DischargeDelayBand::k2To3Days);
  EXPECT_EQ(BandForDischargeDelay(3), DischargeDelayBand::k2To3Days);
  EXPECT_EQ(BandForDischargeDelay(4), DischargeDelayBand::k4To6Days);
  EXPECT_EQ(BandForDischargeDelay(6), DischargeDelayBand::k4To6Days);
  EXPECT_EQ(BandForDischargeDelay(7), DischargeDelayBand::k7To13Days);
  EXPECT_EQ(BandForDischargeDelay(13), DischargeDelayBand::k7To13Days);
  EXPECT_EQ(BandForDischargeDelay(14), DischargeDelayBand::k14To20Days);
  EXPECT_EQ(BandForDischargeDelay(20), DischargeDelayBand::k14To20Days);
  EXPECT_EQ(BandForDischargeDelay(21), DischargeDelayBand::k21PlusDays);
  EXPECT_EQ(BandForDischargeDelay(400), DischargeDelayBand::k21PlusDays);
}

}  // namespace
}  // namespace workflow
