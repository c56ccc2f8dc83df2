// The kinds of deadline a case can have pending; at most one of each kind at a time.
#pragma once

#include <optional>
#include <string_view>

namespace workflow {

enum class DeadlineKind {
  kEddMissing,                // 48 h after an emergency admission with no EDD
  kPathwayNotAgreed,          // 24 h after ready for discharge with no pathway
  kDelayedSevenDays,          // the 7th delayed day has been counted ("stranded")
  kDelayedTwentyOneDays,      // the 21st ("super-stranded")
  kMinimumPeriodEndsTomorrow, // the LA's minimum assessment period ends tomorrow
  kRelevantDayPassed,         // the day after the relevant day begins
  kChcAtRisk,                 // day 21 of the CHC 28-day clock begins
  kChcBreach,                 // day 29 begins with no decision
  kFastTrackCareDue,          // 48 h after a Fast Track referral
  kChcReviewDue,              // CHC eligibility review falls due
  kEquipmentOverdue,          // the day after equipment was due
};
inline constexpr int kDeadlineKindCount = 11;

std::string_view Name(DeadlineKind kind);
// Parse<DeadlineKind>("name"), as for the enums in codes.h.
template <typename E>
std::optional<E> Parse(std::string_view name);

}  // namespace workflow
