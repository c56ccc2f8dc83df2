// The NHS Continuing Healthcare track (domain.md, track 3; National Framework 2022).
#include "machines/msm_track.h"
#include "workflow/calendar.h"
#include "workflow/chc_tools.h"

namespace workflow {
namespace machines {
namespace {

// ---- States -----------------------------------------------------------------------------------
struct NotScreened : msm::front::state<> {
  static constexpr std::string_view kName = "NotScreened";
};
struct ScreenedOut : msm::front::state<> {
  static constexpr std::string_view kName = "ScreenedOut";
};
struct Referred : msm::front::state<> {
  static constexpr std::string_view kName = "Referred";
};
struct AssessmentScheduled : msm::front::state<> {
  static constexpr std::string_view kName = "AssessmentScheduled";
};
struct Recommended : msm::front::state<> {
  static constexpr std::string_view kName = "Recommended";
};
struct Eligible : msm::front::state<> {
  static constexpr std::string_view kName = "Eligible";
};
struct NotEligible : msm::front::state<> {
  static constexpr std::string_view kName = "NotEligible";
};
struct ReviewDue : msm::front::state<> {
  static constexpr std::string_view kName = "ReviewDue";
};
struct Appealing : msm::front::state<> {
  static constexpr std::string_view kName = "Appealing";
};

// ---- Facts recorded ---------------------------------------------------------------------------
void RecordChecklist(const ChecklistCompleted& e, TrackContext& c) {
  c.facts.chc.checklist_positive = ChecklistIsPositive(e.scores);
}
// Day 0 of the 28-day standard is the day the ICB receives the positive Checklist or referral.
template <class Event>
void StartDecisionClock(const Event&, TrackContext& c) {
  ChcFacts& chc = c.facts.chc;
  chc.referral_received_at = c.now();
  chc.decision_due = c.today().AddDays(c.rules.chc_decision_days);
  chc.eligible.reset();
  chc.decided_at.reset();
}
void RecordFastTrack(const FastTrackReferred&, TrackContext& c) {
  ChcFacts& chc = c.facts.chc;
  chc.fast_track = true;
  chc.fast_track_at = c.now();
  chc.eligible = true;
  chc.decided_at = c.now();
  if (!chc.first_decided_at) chc.first_decided_at = c.now();
  // Fast Track packages are reviewed like any other eligibility (s: first within 3 months).
  chc.review_due = c.today().AddMonths(c.rules.chc_first_review_months);
}
void RecordSchedule(const ChcAssessmentScheduled& e, TrackContext& c) {
  c.facts.chc.assessment_scheduled_for = e.scheduled_for;
}
void RecordDst(const DstCompleted& e, TrackContext& c) {
  c.facts.chc.dst_recommends_eligible = DstRecommendsEligibility(e.levels);
}
template <class Event>
void RecordDecision(const Event& e, TrackContext& c) {
  ChcFacts& chc = c.facts.chc;
  chc.eligible = e.eligible;
  chc.decided_at = c.now();
  if (!chc.first_decided_at) chc.first_decided_at = c.now();
  if (e.eligible) {
    // s: first review 3 months after the first decision, then at least yearly.
    const bool first = !chc.review_due.has_value();
    chc.review_due = c.today().AddMonths(first ? c.rules.chc_first_review_months
                                               : c.rules.chc_review_interval_months);
  } else {
    chc.review_due.reset();
  }
}
void RecordAppeal(const AppealLodged&, TrackContext& c) { ++c.facts.chc.appeals; }

// ---- Guards -----------------------------------------------------------------------------------
bool ChecklistPositive(const ChecklistCompleted& e, TrackContext&) {
  return ChecklistIsPositive(e.scores);
}
bool ChecklistNegative(const ChecklistCompleted& e, TrackContext&) {
  return !ChecklistIsPositive(e.scores);
}
struct decided_eligible {
  template <class Event, class Fsm, class S, class T>
  bool operator()(const Event& e, Fsm&, S&, T&) const {
    return e.eligible;
  }
};
struct decided_not_eligible {
  template <class Event, class Fsm, class S, class T>
  bool operator()(const Event& e, Fsm&, S&, T&) const {
    return !e.eligible;
  }
};
// s: local resolution is asked for within 6 months of the decision letter.
bool WithinAppealWindow(const AppealLodged&, TrackContext& c) {
  const auto decided = c.facts.chc.decided_at;
  if (!decided) return Refuse(c, "there is no eligibility decision to appeal");
  const Date last_day = LondonDate(*decided).AddMonths(c.rules.chc_appeal_window_months);
  if (c.today() > last_day) {
    return Refuse(c, "an appeal must be lodged within " +
                         std::to_string(c.rules.chc_appeal_window_months) +
                         " months of the decision (by " + last_day.ToUkString() + ")");
  }
  return true;
}

// ---- Named actions and guards for the table ---------------------------------------------------
using stop_decision_clock = Seq<Cancel<DeadlineKind::kChcAtRisk>, Cancel<DeadlineKind::kChcBreach>>;
template <class Event>
using start_decision_clock =
    Seq<Do<StartDecisionClock<Event>>, Schedule<DeadlineKind::kChcAtRisk>,
        Schedule<DeadlineKind::kChcBreach>, Raise<AlertKind::kChcReferralReceived>>;
using screen_in = Seq<Do<RecordChecklist>, start_decision_clock<ChecklistCompleted>>;
using screen_out = Do<RecordChecklist>;
using refer = start_decision_clock<ReferredForFullAssessment>;
using fast_track =
    Seq<Do<RecordFastTrack>, stop_decision_clock, Schedule<DeadlineKind::kFastTrackCareDue>,
        Schedule<DeadlineKind::kChcReviewDue>, Raise<AlertKind::kFastTrackReferral>>;
using schedule_assessment = Do<RecordSchedule>;
using record_dst = Do<RecordDst>;
template <class Event>
using decide_eligible =
    Seq<Do<RecordDecision<Event>>, stop_decision_clock, Schedule<DeadlineKind::kChcReviewDue>>;
template <class Event>
using decide_not_eligible = Seq<Do<RecordDecision<Event>>, stop_decision_clock>;
using warn_at_risk = Raise<AlertKind::kChcAtRisk>;
using report_breach = Raise<AlertKind::kChcBreach>;
using review_falls_due = Raise<AlertKind::kChcReviewDue>;
using fast_track_overdue = Raise<AlertKind::kFastTrackCareOverdue>;
using lodge_appeal = Do<RecordAppeal>;

using checklist_positive = If<ChecklistPositive>;
using checklist_negative = If<ChecklistNegative>;
using within_appeal_window = If<WithinAppealWindow>;
using at_risk = Elapsed<DeadlineKind::kChcAtRisk>;
using breached = Elapsed<DeadlineKind::kChcBreach>;
using review_due = Elapsed<DeadlineKind::kChcReviewDue>;
using fast_track_due = Elapsed<DeadlineKind::kFastTrackCareDue>;

using Screening = NotScreened;
using Scheduled = AssessmentScheduled;

struct ChcFront : TrackFront<ChcFront> {
  using initial_state = NotScreened;

  // clang-format off
  struct transition_table : mpl::vector<
  //     Source       Event                       Target       Action                                     Guard
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < Screening   , ChecklistCompleted        , Referred   , screen_in                                , checklist_positive   >,
  Row < Screening   , ChecklistCompleted        , ScreenedOut, screen_out                               , checklist_negative   >,
  Row < Screening   , ReferredForFullAssessment , Referred   , refer                                    , none                 >,
  Row < Screening   , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < ScreenedOut , ChecklistCompleted        , Referred   , screen_in                                , checklist_positive   >,
  Row < ScreenedOut , ChecklistCompleted        , none       , screen_out                               , checklist_negative   >,
  Row < ScreenedOut , ReferredForFullAssessment , Referred   , refer                                    , none                 >,
  Row < ScreenedOut , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < Referred    , ChcAssessmentScheduled    , Scheduled  , schedule_assessment                      , none                 >,
  Row < Referred    , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  Row < Referred    , DeadlineElapsed           , none       , warn_at_risk                             , at_risk              >,
  Row < Referred    , DeadlineElapsed           , none       , report_breach                            , breached             >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < Scheduled   , ChcAssessmentScheduled    , none       , schedule_assessment                      , none                 >,
  Row < Scheduled   , DstCompleted              , Recommended, record_dst                               , none                 >,
  Row < Scheduled   , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  Row < Scheduled   , DeadlineElapsed           , none       , warn_at_risk                             , at_risk              >,
  Row < Scheduled   , DeadlineElapsed           , none       , report_breach                            , breached             >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < Recommended , EligibilityDecided        , Eligible   , decide_eligible<EligibilityDecided>      , decided_eligible     >,
  Row < Recommended , EligibilityDecided        , NotEligible, decide_not_eligible<EligibilityDecided>  , decided_not_eligible >,
  Row < Recommended , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  Row < Recommended , DeadlineElapsed           , none       , warn_at_risk                             , at_risk              >,
  Row < Recommended , DeadlineElapsed           , none       , report_breach                            , breached             >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < Eligible    , DeadlineElapsed           , ReviewDue  , review_falls_due                         , review_due           >,
  Row < Eligible    , DeadlineElapsed           , none       , fast_track_overdue                       , fast_track_due       >,
  Row < ReviewDue   , ReviewCompleted           , Eligible   , decide_eligible<ReviewCompleted>         , decided_eligible     >,
  Row < ReviewDue   , ReviewCompleted           , NotEligible, decide_not_eligible<ReviewCompleted>     , decided_not_eligible >,
  // ---+------------+---------------------------+------------+------------------------------------------+---------------------
  Row < NotEligible , AppealLodged              , Appealing  , lodge_appeal                             , within_appeal_window >,
  Row < NotEligible , ReferredForFullAssessment , Referred   , refer                                    , none                 >,
  Row < NotEligible , FastTrackReferred         , Eligible   , fast_track                               , none                 >,
  Row < Appealing   , AppealDecided             , Eligible   , decide_eligible<AppealDecided>           , decided_eligible     >,
  Row < Appealing   , AppealDecided             , NotEligible, decide_not_eligible<AppealDecided>       , decided_not_eligible >
  > {};
  // clang-format on
};

}  // namespace
}  // namespace machines

std::unique_ptr<Track> MakeChcTrack() {
  return std::make_unique<machines::MsmTrack<machines::ChcFront>>();
}

}  // namespace workflow
