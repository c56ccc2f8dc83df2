// Dated rule sets: the statutory and local numbers a case is judged by.
//
// A case keeps the rule set it was opened under for its whole life. Values marked (s) in
// domain.md come from secondary sources; they live here as data with the documented defaults.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "workflow/time.h"

namespace workflow {

// Which legal regime governs a case.
enum class RuleSetId {
  kCcdda2003,              // Community Care (Delayed Discharges etc.) Act 2003, ss.2 and 5
  kCareAct2014,            // Care Act 2014 Sch 3 and SI 2014/2823
  kDischargeToAssess2022,  // Health and Care Act 2022: no notices (default for new cases)
};

std::string_view RuleSetName(RuleSetId id);  // "CCDDA_2003", ...
std::optional<RuleSetId> ParseRuleSetName(std::string_view name);

// Daily reimbursement an LA owes while liable, in pence, in force from a date (s).
struct ReimbursementRate {
  Date effective_from;
  int64_t standard_pence = 0;
  int64_t higher_pence = 0;  // London (2014) / London and South East (2003) authorities
};

// The numbers and switches of one regime. Plain data: a deployment may build its own.
struct RuleSet {
  RuleSetId id = RuleSetId::kDischargeToAssess2022;

  // --- Statutory notices (old Sections 2 and 5) ---
  bool notices_apply = false;
  // A notice given at or after this London time is treated as given the next day (s).
  int notice_cutoff_minutes = 14 * 60;
  // Days the LA has to assess after the day the assessment notice is (treated as) given (p).
  int minimum_assessment_days = 2;
  // Sundays and England and Wales bank holidays are not counted, and a notice given on one is
  // treated as given on the next counted day (s, 2003 rules).
  bool exclude_sundays_and_bank_holidays = false;
  // An assessment notice may be given at most this many days before the admission (p).
  int max_notice_days_before_admission = 7;
  // The proposed discharge date is at least this many days after the discharge notice (p).
  int min_discharge_notice_days = 1;
  // Reimbursement per liable day, newest last (s).
  std::vector<ReimbursementRate> reimbursement;

  // --- NHS Continuing Healthcare ---
  int chc_decision_days = 28;  // decision due by the end of day 28 after receipt (s)
  int chc_warning_day = 21;    // at-risk warning as this day begins
  std::chrono::hours fast_track_care_in_place{48};  // (s, configurable)
  int chc_first_review_months = 3;
  int chc_review_interval_months = 12;
  int chc_appeal_window_months = 6;

  // --- Escalation ---
  int stranded_days = 7;
  int super_stranded_days = 21;
  std::chrono::hours edd_missing_after{48};        // after an emergency admission (HIC 1)
  std::chrono::hours pathway_not_agreed_after{24};  // after ready for discharge

  // The rate in force on a day, or nullopt before the first rate.
  std::optional<ReimbursementRate> RateOn(Date day) const;
};

// The built-in rule sets (immutable, static lifetime).
const RuleSet& GetRuleSet(RuleSetId id);
// The rule set for new cases when none is named.
constexpr RuleSetId kDefaultRuleSet = RuleSetId::kDischargeToAssess2022;

}  // namespace workflow
