// The kinds of alert the engine raises (domain.md, "Alerts: who is told what").
#pragma once

#include <optional>
#include <string_view>

namespace workflow {

enum class AlertKind {
  kCaseOpened,
  kEddNotSet,
  kPathwayNotAgreed,
  kDelayedSevenDays,
  kDelayedTwentyOneDays,
  kAssessmentNoticeGiven,
  kMinimumPeriodEndsTomorrow,
  kDischargeNoticeGiven,
  kLiabilityAccruing,
  kChcReferralReceived,
  kChcAtRisk,
  kChcBreach,
  kFastTrackReferral,
  kFastTrackCareOverdue,
  kChcReviewDue,
  kChcDelayCodingCheck,
  kCareStartConfirmed,
  kEquipmentOverdue,
  kDischarged,
};
inline constexpr int kAlertKindCount = 19;

std::string_view Name(AlertKind kind);
// Parse<AlertKind>("name"), as for the enums in codes.h.
template <typename E>
std::optional<E> Parse(std::string_view name);

}  // namespace workflow
