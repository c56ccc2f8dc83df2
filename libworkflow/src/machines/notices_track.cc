// The statutory notices track (domain.md, track 2): assessment notice (old Section 2),
// discharge notice (old Section 5), and the LA's liability for delayed discharge.
#include "machines/msm_track.h"
#include "workflow/calendar.h"
#include "workflow/notice_days.h"

namespace workflow {
namespace machines {
namespace {

// ---- States -----------------------------------------------------------------------------------
struct NoNotice : msm::front::state<> {
  static constexpr std::string_view kName = "NoNotice";
};
struct NotApplicable : msm::front::state<> {
  static constexpr std::string_view kName = "NotApplicable";
};
struct AssessmentNoticeInForce : msm::front::state<> {
  static constexpr std::string_view kName = "AssessmentNoticeGiven";
};
struct DischargeNoticeInForce : msm::front::state<> {
  static constexpr std::string_view kName = "DischargeNoticeGiven";
};
struct LiabilityAccruing : msm::front::state<> {
  static constexpr std::string_view kName = "LiabilityAccruing";
};
struct Closed : msm::front::state<> {
  static constexpr std::string_view kName = "Closed";
};

// ---- Facts recorded ---------------------------------------------------------------------------
void RecordAssessmentNotice(const AssessmentNoticeGiven& e, TrackContext& c) {
  NoticeFacts& n = c.facts.notices;
  const BankHolidays& holidays = *c.reference.holidays;
  n.assessment_notice_at = c.now();
  n.deemed_given = NoticeDeemedGivenDay(c.now(), c.rules, holidays);
  n.minimum_period_end = MinimumPeriodEnd(*n.deemed_given, c.rules, holidays);
  n.patient_consulted = e.patient_consulted;
  n.patient_objected = e.patient_objected;
}
void RecordDischargeNotice(const DischargeNoticeGiven& e, TrackContext& c) {
  NoticeFacts& n = c.facts.notices;
  n.discharge_notice_at = c.now();
  n.proposed_discharge = e.proposed_discharge_date;
  n.relevant_day = RelevantDay(*n.minimum_period_end, e.proposed_discharge_date);
  n.relevant_day_passed = false;
}
void ForgetDischargeNotice(TrackContext& c) {
  NoticeFacts& n = c.facts.notices;
  n.discharge_notice_at.reset();
  n.proposed_discharge.reset();
  n.relevant_day.reset();
  n.relevant_day_passed = false;
}
void WithdrawDischargeNotice(const DischargeNoticeWithdrawn&, TrackContext& c) {
  ForgetDischargeNotice(c);
}
template <class Event>
void RecordLaStarted(const Event&, TrackContext& c) {
  c.facts.notices.la_assessment_started = true;
}
void RecordLaCompleted(const LaAssessmentCompleted& e, TrackContext& c) {
  c.facts.notices.la_assessment_started = true;
  c.facts.notices.la_assessment_completed = true;
  c.facts.notices.services_decided = e.services_decided;
}
void RecordServicesInPlace(const LaServicesInPlace&, TrackContext& c) {
  c.facts.notices.la_services_in_place = true;
}
void MarkRelevantDayPassed(const DeadlineElapsed&, TrackContext& c) {
  c.facts.notices.relevant_day_passed = true;
}
template <class Event>
void StartLiability(const Event&, TrackContext& c) {
  c.facts.notices.relevant_day_passed = true;
  c.facts.notices.liability.push_back({c.now(), std::nullopt, false});
}
template <class Event>
void EndLiability(const Event&, TrackContext& c) {
  auto& liability = c.facts.notices.liability;
  if (!liability.empty() && !liability.back().end) {
    liability.back().end = c.now();
    liability.back().ended_by_discharge = std::is_same_v<Event, Discharged>;
  }
}

// ---- Guards -----------------------------------------------------------------------------------
bool NoticesNotInForce(const CaseOpened&, TrackContext& c) { return !c.rules.notices_apply; }

// p: in-scope patients only, not more than 7 days before the (expected) admission, and only
// under a rule set with notices.
bool AssessmentNoticeAllowed(const AssessmentNoticeGiven&, TrackContext& c) {
  if (!c.rules.notices_apply) {
    return Refuse(c, "rule set " + std::string(RuleSetName(c.rules.id)) + " has no notices");
  }
  if (c.facts.identity.notice_exclusion != NoticeExclusion::kNone) {
    return Refuse(c, "the patient is outside the scope of the notices (" +
                         std::string(Name(c.facts.identity.notice_exclusion)) + ")");
  }
  if (c.facts.identity.setting != Setting::kAcute) {
    return Refuse(c, "notices apply to acute care only");
  }
  const Date earliest =
      LondonDate(c.facts.identity.admitted_at).AddDays(-c.rules.max_notice_days_before_admission);
  if (c.today() < earliest) {
    return Refuse(c, "an assessment notice may be given at most " +
                         std::to_string(c.rules.max_notice_days_before_admission) +
                         " days before admission (not before " + earliest.ToUkString() + ")");
  }
  return true;
}

// p: the proposed discharge date is at least one day after the discharge notice is given.
// The cut-off (s) applies to the discharge notice as to the assessment notice: one given after
// 14:00 is treated as given the next day.
bool ProposedDateAllowed(const DischargeNoticeGiven& e, TrackContext& c) {
  const Date deemed = NoticeDeemedGivenDay(c.now(), c.rules, *c.reference.holidays);
  const Date earliest = deemed.AddDays(c.rules.min_discharge_notice_days);
  if (e.proposed_discharge_date < earliest) {
    return Refuse(c, "the proposed discharge date must be on or after " + earliest.ToUkString() +
                         ", at least " + std::to_string(c.rules.min_discharge_notice_days) +
                         " day after the discharge notice is treated as given (" +
                         deemed.ToUkString() + ")");
  }
  return true;
}

// p: a discharge notice may be withdrawn, but not because of the LA's own failure.
bool WithdrawalAllowed(const DischargeNoticeWithdrawn& e, TrackContext& c) {
  if (e.because_of_la_failure) {
    return Refuse(c, "a discharge notice may not be withdrawn because of the LA's own failure");
  }
  return true;
}

// A delay for the patient's or family's choice is never the LA's failure.
bool IsChoiceDelay(const DelayReason& reason) {
  return reason.dtoc == DtocReason::kG_PatientOrFamilyChoice ||
         reason.nctr == NctrReason::kFamilyDisagreement;
}
// p: the LA is liable only when the delay is solely its own: in the engine, the delay is
// attributed to social care, is not the patient's or family's choice, and the services the LA
// decided to provide are not in place.
bool SolelySocialCare(const DelayReason& reason, const TrackContext& c) {
  return reason.attribution == Attribution::kSocialCare && !IsChoiceDelay(reason) &&
         !c.facts.notices.la_services_in_place;
}
DelayReason ReasonOf(const DelayReasonRecorded& e) { return {e.dtoc, e.nctr, e.attribution}; }
bool CurrentDelaySolelySocialCare(const TrackContext& c) {
  const auto& reason = c.facts.stay.delay_reason;
  return reason && SolelySocialCare(*reason, c);
}
bool RelevantDayPassedSolelyLa(const DeadlineElapsed& e, TrackContext& c) {
  return e.kind == DeadlineKind::kRelevantDayPassed && CurrentDelaySolelySocialCare(c);
}
bool RelevantDayPassedNotSolelyLa(const DeadlineElapsed& e, TrackContext& c) {
  return e.kind == DeadlineKind::kRelevantDayPassed && !CurrentDelaySolelySocialCare(c);
}
// A delay reason is only recorded while the patient is ready for discharge (stay track).
bool PatientReady(const TrackContext& c) {
  const auto& periods = c.facts.stay.ready_periods;
  return !periods.empty() && !periods.back().end;
}
bool NowSolelyLa(const DelayReasonRecorded& e, TrackContext& c) {
  return PatientReady(c) && c.facts.notices.relevant_day_passed && SolelySocialCare(ReasonOf(e), c);
}
bool NoLongerSolelyLa(const DelayReasonRecorded& e, TrackContext& c) {
  return !SolelySocialCare(ReasonOf(e), c);
}
bool StillSolelyLa(const DelayReasonRecorded& e, TrackContext& c) {
  return SolelySocialCare(ReasonOf(e), c);
}
// A declined offer recorded as a choice delay (care track) replaces the delay reason.
bool ChoiceDelayRecorded(const OfferDeclined& e, TrackContext& c) {
  return e.record_choice_delay && PatientReady(c);
}
// A discharge entered in error re-opens the notices at the stage the discharge closed them.
// (The stay track has already undone the discharge when these guards run.)
bool ClosedByDischarge(const TrackContext& c) { return c.facts.notices.closed_by_discharge; }
bool LiableAtDischarge(const TrackContext& c) {
  const auto& liability = c.facts.notices.liability;
  return !liability.empty() && liability.back().ended_by_discharge;
}
bool ClosedBeforeAnyNotice(const DischargeCancelled&, TrackContext& c) {
  return ClosedByDischarge(c) && !c.facts.notices.assessment_notice_at;
}
bool ClosedWithAssessmentNotice(const DischargeCancelled&, TrackContext& c) {
  return ClosedByDischarge(c) && c.facts.notices.assessment_notice_at &&
         !c.facts.notices.discharge_notice_at;
}
bool ClosedWithDischargeNotice(const DischargeCancelled&, TrackContext& c) {
  return ClosedByDischarge(c) && c.facts.notices.discharge_notice_at && !LiableAtDischarge(c);
}
bool ClosedWhileLiable(const DischargeCancelled&, TrackContext& c) {
  return ClosedByDischarge(c) && LiableAtDischarge(c);
}
void MarkClosedByDischarge(const Discharged&, TrackContext& c) {
  c.facts.notices.closed_by_discharge = true;
}
void Reopen(const DischargeCancelled&, TrackContext& c) {
  c.facts.notices.closed_by_discharge = false;
  // The discharge cancelled the minimum-period warning; it matters again while the LA has not
  // completed its assessment (if already past, it fires at once).
  if (!c.facts.notices.la_assessment_completed && c.facts.notices.minimum_period_end) {
    SetDeadline(c, DeadlineKind::kMinimumPeriodEndsTomorrow);
  }
}
// Liability only accrues after the minimum period, so there is no warning to reinstate.
void ReopenLiability(const DischargeCancelled&, TrackContext& c) {
  c.facts.notices.closed_by_discharge = false;
  LiabilityPeriod& period = c.facts.notices.liability.back();
  period.end.reset();
  period.ended_by_discharge = false;
}

// ---- Named actions and guards for the table ---------------------------------------------------
using give_assessment_notice =
    Seq<Do<RecordAssessmentNotice>, Schedule<DeadlineKind::kMinimumPeriodEndsTomorrow>,
        Raise<AlertKind::kAssessmentNoticeGiven>>;
using record_la_started = Do<RecordLaStarted<LaAssessmentStarted>>;
using record_la_completed =
    Seq<Do<RecordLaCompleted>, Cancel<DeadlineKind::kMinimumPeriodEndsTomorrow>>;
using record_services_in_place = Do<RecordServicesInPlace>;
using give_discharge_notice =
    Seq<Do<RecordDischargeNotice>, Schedule<DeadlineKind::kRelevantDayPassed>,
        Raise<AlertKind::kDischargeNoticeGiven>>;
using withdraw_discharge_notice =
    Seq<Do<WithdrawDischargeNotice>, Cancel<DeadlineKind::kRelevantDayPassed>>;
using close_notices =
    Seq<Cancel<DeadlineKind::kMinimumPeriodEndsTomorrow>, Cancel<DeadlineKind::kRelevantDayPassed>>;
using warn_minimum_period = Raise<AlertKind::kMinimumPeriodEndsTomorrow>;
using mark_relevant_day_passed = Do<MarkRelevantDayPassed>;
using start_liability_at_relevant_day =
    Seq<Do<StartLiability<DeadlineElapsed>>, Raise<AlertKind::kLiabilityAccruing>>;
using start_liability_on_recoding =
    Seq<Do<StartLiability<DelayReasonRecorded>>, Raise<AlertKind::kLiabilityAccruing>>;
using end_liability_on_recoding = Do<EndLiability<DelayReasonRecorded>>;
using end_liability_on_choice = Do<EndLiability<OfferDeclined>>;
// A patient who meets the criteria to reside again has an NHS need: the delay is not solely
// the LA's.
using end_liability_not_ready = Do<EndLiability<CriteriaToResideMetAgain>>;
using end_liability_services_in_place =
    Seq<Do<RecordServicesInPlace>, Do<EndLiability<LaServicesInPlace>>>;
using end_liability_on_withdrawal =
    Seq<Do<EndLiability<DischargeNoticeWithdrawn>>, withdraw_discharge_notice>;
using end_liability_notices_withdrawn =
    Seq<Do<EndLiability<AssessmentNoticeWithdrawn>>, close_notices>;
using close_at_discharge = Seq<close_notices, Do<MarkClosedByDischarge>>;
using end_liability_at_discharge =
    Seq<Do<EndLiability<Discharged>>, close_notices, Do<MarkClosedByDischarge>>;
using end_liability_at_death = Seq<Do<EndLiability<Died>>, close_notices>;
using end_liability_at_cancellation = Seq<Do<EndLiability<AdmissionCancelled>>, close_notices>;
using reopen = Do<Reopen>;
using reopen_with_relevant_day = Seq<Do<Reopen>, Schedule<DeadlineKind::kRelevantDayPassed>>;
using reopen_liability = Do<ReopenLiability>;

using notices_not_in_force = If<NoticesNotInForce>;
using assessment_notice_allowed = If<AssessmentNoticeAllowed>;
using proposed_date_allowed = If<ProposedDateAllowed>;
using withdrawal_allowed = If<WithdrawalAllowed>;
using relevant_day_passed_solely_la = If<RelevantDayPassedSolelyLa>;
using relevant_day_passed_not_solely_la = If<RelevantDayPassedNotSolelyLa>;
using now_solely_la = If<NowSolelyLa>;
using no_longer_solely_la = If<NoLongerSolelyLa>;
using still_solely_la = If<StillSolelyLa>;
using choice_delay_recorded = If<ChoiceDelayRecorded>;
using closed_before_any_notice = If<ClosedBeforeAnyNotice>;
using closed_with_assessment_notice = If<ClosedWithAssessmentNotice>;
using closed_with_discharge_notice = If<ClosedWithDischargeNotice>;
using closed_while_liable = If<ClosedWhileLiable>;

using Assessment = AssessmentNoticeInForce;
using Notice = DischargeNoticeInForce;
using Liable = LiabilityAccruing;

struct NoticesFront : TrackFront<NoticesFront> {
  using initial_state = NoNotice;

  // clang-format off
  struct transition_table : mpl::vector<
  //     Source      Event                       Target          Action                            Guard
  // ---+-----------+---------------------------+---------------+---------------------------------+---------------------------------
  Row < NoNotice   , CaseOpened                , NotApplicable , none                            , notices_not_in_force              >,
  Row < NoNotice   , AssessmentNoticeGiven     , Assessment    , give_assessment_notice          , assessment_notice_allowed         >,
  Row < NoNotice   , Discharged                , Closed        , close_at_discharge              , none                              >,
  // ---+-----------+---------------------------+---------------+---------------------------------+---------------------------------
  Row < Assessment , LaAssessmentStarted       , none          , record_la_started               , none                              >,
  Row < Assessment , LaAssessmentCompleted     , none          , record_la_completed             , none                              >,
  Row < Assessment , LaServicesInPlace         , none          , record_services_in_place        , none                              >,
  Row < Assessment , DischargeNoticeGiven      , Notice        , give_discharge_notice           , proposed_date_allowed             >,
  Row < Assessment , DeadlineElapsed           , none          , warn_minimum_period             , Elapsed<DeadlineKind::kMinimumPeriodEndsTomorrow> >,
  Row < Assessment , AssessmentNoticeWithdrawn , Closed        , close_notices                   , none                              >,
  Row < Assessment , Discharged                , Closed        , close_at_discharge              , none                              >,
  Row < Assessment , Died                      , Closed        , close_notices                   , none                              >,
  Row < Assessment , AdmissionCancelled        , Closed        , close_notices                   , none                              >,
  // ---+-----------+---------------------------+---------------+---------------------------------+---------------------------------
  Row < Notice     , LaAssessmentStarted       , none          , record_la_started               , none                              >,
  Row < Notice     , LaAssessmentCompleted     , none          , record_la_completed             , none                              >,
  Row < Notice     , LaServicesInPlace         , none          , record_services_in_place        , none                              >,
  Row < Notice     , DeadlineElapsed           , none          , warn_minimum_period             , Elapsed<DeadlineKind::kMinimumPeriodEndsTomorrow> >,
  Row < Notice     , DeadlineElapsed           , Liable        , start_liability_at_relevant_day , relevant_day_passed_solely_la     >,
  Row < Notice     , DeadlineElapsed           , none          , mark_relevant_day_passed        , relevant_day_passed_not_solely_la >,
  Row < Notice     , DelayReasonRecorded       , Liable        , start_liability_on_recoding     , now_solely_la                     >,
  Row < Notice     , DischargeNoticeWithdrawn  , Assessment    , withdraw_discharge_notice       , withdrawal_allowed                >,
  Row < Notice     , AssessmentNoticeWithdrawn , Closed        , close_notices                   , none                              >,
  Row < Notice     , Discharged                , Closed        , close_at_discharge              , none                              >,
  Row < Notice     , Died                      , Closed        , close_notices                   , none                              >,
  Row < Notice     , AdmissionCancelled        , Closed        , close_notices                   , none                              >,
  // ---+-----------+---------------------------+---------------+---------------------------------+---------------------------------
  Row < Liable     , LaAssessmentStarted       , none          , record_la_started               , none                              >,
  Row < Liable     , LaAssessmentCompleted     , none          , record_la_completed             , none                              >,
  Row < Liable     , LaServicesInPlace         , Notice        , end_liability_services_in_place , none                              >,
  Row < Liable     , DelayReasonRecorded       , none          , none                            , still_solely_la                   >,
  Row < Liable     , DelayReasonRecorded       , Notice        , end_liability_on_recoding       , no_longer_solely_la               >,
  Row < Liable     , OfferDeclined             , Notice        , end_liability_on_choice         , choice_delay_recorded             >,
  Row < Liable     , CriteriaToResideMetAgain  , Notice        , end_liability_not_ready         , none                              >,
  Row < Liable     , DischargeNoticeWithdrawn  , Assessment    , end_liability_on_withdrawal     , withdrawal_allowed                >,
  Row < Liable     , AssessmentNoticeWithdrawn , Closed        , end_liability_notices_withdrawn , none                              >,
  Row < Liable     , Discharged                , Closed        , end_liability_at_discharge      , none                              >,
  Row < Liable     , Died                      , Closed        , end_liability_at_death          , none                              >,
  Row < Liable     , AdmissionCancelled        , Closed        , end_liability_at_cancellation   , none                              >,
  // ---+-----------+---------------------------+---------------+---------------------------------+---------------------------------
  Row < Closed     , DischargeCancelled        , NoNotice      , reopen                          , closed_before_any_notice          >,
  Row < Closed     , DischargeCancelled        , Assessment    , reopen                          , closed_with_assessment_notice     >,
  Row < Closed     , DischargeCancelled        , Notice        , reopen_with_relevant_day        , closed_with_discharge_notice      >,
  Row < Closed     , DischargeCancelled        , Liable        , reopen_liability                , closed_while_liable               >
  > {};
  // clang-format on
};

}  // namespace
}  // namespace machines

std::unique_ptr<Track> MakeNoticesTrack() {
  return std::make_unique<machines::MsmTrack<machines::NoticesFront>>();
}

}  // namespace workflow
