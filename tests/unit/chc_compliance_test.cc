// CHC 28-day compliance for June 2026 (BST: London is UTC+1; the month ends at
// 2026-06-30T23:00Z). Timestamps are in UTC. Day 0 is the London day of receipt; a decision is
// within the standard when its London day is at most receipt + 28; the breach begins with day 29.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "workflow/case_facts.h"
#include "workflow/reports.h"
#include "workflow/time.h"

namespace workflow {
namespace {

Timestamp T(const char* utc) { return ParseUtc(utc).value(); }

CaseFacts Referral(const std::string& icb, const char* received, const char* decided = nullptr) {
  CaseFacts f;
  f.identity.icb = icb;
  f.chc.referral_received_at = T(received);
  if (decided) {
    f.chc.first_decided_at = T(decided);
    f.chc.decided_at = T(decided);
  }
  return f;
}

void FastTrack(CaseFacts& f, const char* at) {
  f.chc.fast_track = true;
  f.chc.fast_track_at = T(at);
}

std::vector<CaseFacts> June2026() {
  std::vector<CaseFacts> cases;
  // R1 QWE: received 20 May, decided 10 Jun; due 20 May + 28 = 17 Jun: within.
  cases.push_back(Referral("QWE", "2026-05-20T09:00Z", "2026-06-10T09:00Z"));
  // R2 QWE: received 1 May, due 29 May, decided 2 Jun: late.
  cases.push_back(Referral("QWE", "2026-05-01T09:00Z", "2026-06-02T09:00Z"));
  // R3 QRV: received Mon 1 Jun, due 29 Jun; decided 29 Jun 23:30 BST: within (day 28).
  cases.push_back(Referral("QRV", "2026-06-01T09:00Z", "2026-06-29T22:30Z"));
  // R4 QRV: received 1 Jun; decided 2026-06-29T23:30Z = 30 Jun 00:30 BST: late (day 29).
  cases.push_back(Referral("QRV", "2026-06-01T09:00Z", "2026-06-29T23:30Z"));
  // R5 QWE: received 25 May, decided 1 Jul: no decision at the end of June, breach began
  //    25 May + 29 = 23 Jun: incomplete over 28 days.
  cases.push_back(Referral("QWE", "2026-05-25T09:00Z", "2026-07-01T09:00Z"));
  // R6 QRV: received 2 Jun, no decision: the breach begins 2 Jun + 29 = 1 Jul 00:00 BST, the
  //    very midnight that ends June: incomplete over 28 days.
  cases.push_back(Referral("QRV", "2026-06-02T09:00Z"));
  // R7 QRV: received 3 Jun, no decision: breach 2 Jul, after the month. Not counted.
  cases.push_back(Referral("QRV", "2026-06-03T09:00Z"));
  // R8 QRV: referred 1 May, then Fast Track 15 Jun, no decision: a Fast Track in June, and out
  //    of the 28-day standard.
  CaseFacts r8 = Referral("QRV", "2026-05-01T09:00Z");
  FastTrack(r8, "2026-06-15T09:00Z");
  cases.push_back(r8);
  // FT2 QRV: Fast Track at 2026-05-31T23:30Z = 1 Jun 00:30 BST (a June Fast Track), decided
  //    1 Jun: decided by the Fast Track route, so not in `decided`.
  CaseFacts ft2 = Referral("QRV", "2026-05-31T23:30Z", "2026-06-01T10:00Z");
  FastTrack(ft2, "2026-05-31T23:30Z");
  cases.push_back(ft2);
  // R9 QRV: received 1 May, died 20 May without a decision: lapsed, not incomplete.
  CaseFacts r9 = Referral("QRV", "2026-05-01T09:00Z");
  r9.stay.died_at = T("2026-05-20T09:00Z");
  cases.push_back(r9);
  // R10 QWE: decided 2026-05-30T22:30Z = 30 May 23:30 BST: a May decision. Not counted.
  cases.push_back(Referral("QWE", "2026-04-20T09:00Z", "2026-05-30T22:30Z"));
  // R11 QWE: received 15 May, decided 5 Jun (due 12 Jun: within), Fast Tracked later on 20 Jun:
  //    counts as a decision and as a June Fast Track.
  CaseFacts r11 = Referral("QWE", "2026-05-15T09:00Z", "2026-06-05T09:00Z");
  FastTrack(r11, "2026-06-20T09:00Z");
  cases.push_back(r11);
  // R12: cancelled admission with an old undecided referral: left out.
  CaseFacts r12 = Referral("QWE", "2026-04-01T09:00Z");
  r12.stay.cancelled_at = T("2026-04-02T09:00Z");
  cases.push_back(r12);
  return cases;
}

ChcComplianceParams Params(const char* as_at) {
  ChcComplianceParams params;
  params.year = 2026;
  params.month = 6;
  params.as_at = T(as_at);
  return params;
}

TEST(ChcComplianceReport, CompleteMonth) {
  const absl::StatusOr<ChcComplianceReport> report =
      BuildChcComplianceReport(June2026(), Params("2026-07-05T00:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  // Decided in June: R1 (within), R2 (late), R3 (within), R4 (late), R11 (within) = 5, 3 within,
  // 60%. Incomplete over 28 days: R5, R6. Fast Track: R8, FT2, R11.
  EXPECT_EQ(report->total.decided, 5);
  EXPECT_EQ(report->total.decided_within_28_days, 3);
  EXPECT_DOUBLE_EQ(report->total.percent_within_28_days.value(), 60.0);
  EXPECT_EQ(report->total.incomplete_over_28_days, 2);
  EXPECT_EQ(report->total.fast_track, 3);

  ASSERT_EQ(report->by_icb.size(), 2u);
  // QRV: R3, R4 decided (1 within, 50%), R6 incomplete, R8 and FT2 Fast Track.
  EXPECT_EQ(report->by_icb[0].icb, "QRV");
  EXPECT_EQ(report->by_icb[0].counts.decided, 2);
  EXPECT_EQ(report->by_icb[0].counts.decided_within_28_days, 1);
  EXPECT_DOUBLE_EQ(report->by_icb[0].counts.percent_within_28_days.value(), 50.0);
  EXPECT_EQ(report->by_icb[0].counts.incomplete_over_28_days, 1);
  EXPECT_EQ(report->by_icb[0].counts.fast_track, 2);
  // QWE: R1, R2, R11 decided (R1, R11 within: 2/3), R5 incomplete, R11 Fast Track.
  EXPECT_EQ(report->by_icb[1].icb, "QWE");
  EXPECT_EQ(report->by_icb[1].counts.decided, 3);
  EXPECT_EQ(report->by_icb[1].counts.decided_within_28_days, 2);
  EXPECT_NEAR(report->by_icb[1].counts.percent_within_28_days.value(), 200.0 / 3.0, 1e-9);
  EXPECT_EQ(report->by_icb[1].counts.incomplete_over_28_days, 1);
  EXPECT_EQ(report->by_icb[1].counts.fast_track, 1);
}

TEST(ChcComplianceReport, MonthInProgressUsesAsAt) {
  // As at 20 Jun 13:00 BST. Decided so far: R2 (2 Jun, late), R11 (5 Jun, within), R1 (10 Jun,
  // within) = 3, 2 within. Incomplete over 28 days: R3/R4 breach 30 Jun, R5 23 Jun, R6 1 Jul,
  // R7 2 Jul: none yet. Fast Track so far: FT2 (1 Jun), R8 (15 Jun), R11 (20 Jun 10:00 BST) = 3.
  const absl::StatusOr<ChcComplianceReport> report =
      BuildChcComplianceReport(June2026(), Params("2026-06-20T12:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->total.decided, 3);
  EXPECT_EQ(report->total.decided_within_28_days, 2);
  EXPECT_EQ(report->total.incomplete_over_28_days, 0);
  EXPECT_EQ(report->total.fast_track, 3);
}

TEST(ChcComplianceReport, NoDecisionsNoPercentage) {
  const absl::StatusOr<ChcComplianceReport> report =
      BuildChcComplianceReport({}, Params("2026-07-05T00:00Z"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->total.decided, 0);
  EXPECT_EQ(report->total.percent_within_28_days, std::nullopt);
  EXPECT_TRUE(report->by_icb.empty());
}

TEST(ChcComplianceReport, RejectsBadMonth) {
  ChcComplianceParams params = Params("2026-07-05T00:00Z");
  params.month = 13;
  EXPECT_EQ(BuildChcComplianceReport({}, params).status().code(),
            absl::StatusCode::kInvalidArgument);
  params.month = 6;
  params.year = 0;
  EXPECT_EQ(BuildChcComplianceReport({}, params).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace workflow
