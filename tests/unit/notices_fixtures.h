// Shared steps for the notices track tests: a case under a notice rule set, taken to the
// assessment notice, the discharge notice or liability, with the dates worked out by hand.
#pragma once

#include <gmock/gmock.h>

#include <optional>
#include <string_view>

#include "journey_fixtures.h"
#include "workflow/calendar.h"

namespace workflow::testing {

// ---------------------------------------------------------------------------------------------
// Helpers

// The due time of a deadline the effects set, if they set it.
inline std::optional<Timestamp> DueSet(const Effects& effects, DeadlineKind kind) {
  for (const DeadlineSet& d : effects.deadlines_set) {
    if (d.kind == kind) return d.due;
  }
  return std::nullopt;
}

// The refusal of a guard that explains itself: FAILED_PRECONDITION, with the guard's reason
// after "Refused:".
inline void ExpectRefused(const absl::Status& status, std::string_view why) {
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("Refused: " + std::string(why)));
}

// A delay reason with the given attribution (the code is only for realism).
inline DelayReasonRecorded Delay(Attribution attribution) {
  return DelayReasonRecorded{attribution == Attribution::kNhs
                                 ? DtocReason::kC_AwaitingFurtherNhsCare
                                 : DtocReason::kE_AwaitingCarePackage,
                             std::nullopt, attribution};
}

inline AssessmentNoticeGiven Notice() {
  return AssessmentNoticeGiven{true, false, false, true, "negative checklist"};
}

// Elective admission Mon 1 Jun 2026 08:00Z (09:00 BST), case opened 08:30Z. Elective, so no EDD
// clock is pending to muddle the deadlines.
inline void OpenCase(Driver& d, RuleSetId rule_set = RuleSetId::kCareAct2014) {
  d.Apply("2026-06-01T08:30Z",
          Opening(T("2026-06-01T08:00Z"), rule_set, AdmissionMethod::kElective));
}

// The standard path, under CARE_ACT_2014 (every day counts):
//   Thu 4 Jun 10:00Z ready for discharge; 10:30Z delay recorded with `attribution`;
//   Fri 5 Jun 14:10Z (15:10 BST, after the 14:00 cut-off) assessment notice: treated as given
//     Sat 6 Jun; minimum period Sun 7 and Mon 8; minimum period ends Mon 8 Jun. The
//     "ends tomorrow" deadline is due as Sun 7 Jun begins: 2026-06-06T23:00Z.
inline void ToAssessmentNotice(Driver& d, Attribution attribution = Attribution::kSocialCare) {
  OpenCase(d);
  d.Apply("2026-06-04T10:00Z", ReadyForDischarge{});
  d.Apply("2026-06-04T10:30Z", Delay(attribution));
  d.Apply("2026-06-05T14:10Z", Notice());
  ASSERT_EQ(d.State(Region::kNotices), "AssessmentNoticeGiven");
}

//   Mon 8 Jun 09:00Z (10:00 BST) discharge notice proposing Tue 9 Jun: relevant day = later of
//     Tue 9 (proposed) and Tue 9 (day after the minimum period ends) = Tue 9 Jun. The
//     relevant-day deadline is due as Wed 10 Jun begins: 2026-06-09T23:00Z.
inline void ToDischargeNotice(Driver& d, Attribution attribution = Attribution::kSocialCare) {
  ToAssessmentNotice(d, attribution);
  d.Apply("2026-06-08T09:00Z", DischargeNoticeGiven{D("2026-06-09")});
  ASSERT_EQ(d.State(Region::kNotices), "DischargeNoticeGiven");
}

//   Relevant-day deadline fired at 2026-06-09T23:00Z with the delay solely social care: liable
//   from Wed 10 Jun 00:00 BST.
inline void ToLiability(Driver& d) {
  ToDischargeNotice(d, Attribution::kSocialCare);
  d.Fire(DeadlineKind::kRelevantDayPassed);
  ASSERT_EQ(d.State(Region::kNotices), "LiabilityAccruing");
}

}  // namespace workflow::testing
