// The stay and discharge-readiness track (domain.md, track 1).
#include "machines/msm_track.h"

namespace workflow {
namespace machines {
namespace {

// ---- States -----------------------------------------------------------------------------------
struct NotOpened : msm::front::state<> { static constexpr std::string_view kName = "NotOpened"; };
struct Admitted : msm::front::state<> { static constexpr std::string_view kName = "Admitted"; };
struct ReadyForDischargeState : msm::front::state<> {
  static constexpr std::string_view kName = "ReadyForDischarge";
};
struct DischargedState : msm::front::state<> {
  static constexpr std::string_view kName = "Discharged";
};
struct DiedState : msm::front::state<> {
  static constexpr std::string_view kName = "Died";
  using flag_list = mpl::vector1<CaseClosedFlag>;
};
struct CancelledState : msm::front::state<> {
  static constexpr std::string_view kName = "Cancelled";
  using flag_list = mpl::vector1<CaseClosedFlag>;
};

// ---- Facts recorded ---------------------------------------------------------------------------
void RecordOpening(const CaseOpened& e, TrackContext& c) {
  CaseIdentity& id = c.facts.identity;
  id.nhs_number = e.nhs_number;
  id.nhs_number_untraced = e.nhs_number_untraced;
  id.local_patient_id = e.local_patient_id;
  id.spell_id = e.spell_id;
  id.provider_ods = e.provider_ods;
  id.site = e.site;
  id.ward = e.ward;
  id.bed = e.bed;
  id.setting = e.setting;
  id.local_authority = e.local_authority;
  id.icb = e.icb;
  id.admitted_at = e.admitted_at;
  id.admission_method = e.admission_method;
  id.notice_exclusion = e.notice_exclusion;
  c.facts.rule_set = e.rule_set.value_or(kDefaultRuleSet);
  c.facts.opened_at = c.now();
}
void RecordWard(const WardTransferred& e, TrackContext& c) {
  if (!e.site.empty()) c.facts.identity.site = e.site;
  c.facts.identity.ward = e.ward;
  c.facts.identity.bed = e.bed;
}
void RecordEdd(const ExpectedDischargeDateSet& e, TrackContext& c) {
  c.facts.stay.expected_discharge_date = e.expected_discharge_date;
}
void RecordPathway(const PathwayAgreed& e, TrackContext& c) { c.facts.stay.pathway = e.pathway; }
void RecordDelayReason(const DelayReasonRecorded& e, TrackContext& c) {
  DelayReason reason{e.dtoc, e.nctr, e.attribution};
  c.facts.stay.delay_reason = reason;
  c.facts.stay.delay_reason_history.push_back({c.now(), reason});
}
void StartReadyPeriod(const ReadyForDischarge&, TrackContext& c) {
  c.facts.stay.ready_periods.push_back({c.now(), std::nullopt, ReadyPeriodEnd::kOpen});
}
void EndReadyPeriod(TrackContext& c, ReadyPeriodEnd how) {
  ReadyPeriod& period = c.facts.stay.ready_periods.back();
  period.end = c.now();
  period.ended_by = how;
  c.facts.stay.delay_reason.reset();
}
void ResetReadiness(const CriteriaToResideMetAgain&, TrackContext& c) {
  EndReadyPeriod(c, ReadyPeriodEnd::kCriteriaMetAgain);
}
void RecordDischarge(const Discharged& e, TrackContext& c) {
  c.facts.stay.discharged_at = c.now();
  c.facts.stay.discharge_destination = e.destination;
}
void EndReadinessAtDischarge(const Discharged&, TrackContext& c) {
  EndReadyPeriod(c, ReadyPeriodEnd::kDischarged);
}
void RecordDeath(const Died&, TrackContext& c) { c.facts.stay.died_at = c.now(); }
void EndReadinessAtDeath(const Died&, TrackContext& c) { EndReadyPeriod(c, ReadyPeriodEnd::kDied); }
void RecordCancellation(const AdmissionCancelled&, TrackContext& c) {
  c.facts.stay.cancelled_at = c.now();
}
void EndReadinessAtCancellation(const AdmissionCancelled&, TrackContext& c) {
  EndReadyPeriod(c, ReadyPeriodEnd::kCancelled);
}
// A discharge entered in error: the patient is still in hospital, and a readiness that the
// discharge ended carries on as if never interrupted.
void UndoDischarge(const DischargeCancelled&, TrackContext& c) {
  c.facts.stay.discharged_at.reset();
  c.facts.stay.discharge_destination.clear();
}
void ReopenReadyPeriod(const DischargeCancelled& e, TrackContext& c) {
  UndoDischarge(e, c);
  ReadyPeriod& period = c.facts.stay.ready_periods.back();
  period.end.reset();
  period.ended_by = ReadyPeriodEnd::kOpen;
  // The reason in force before the discharge is in force again.
  const auto& history = c.facts.stay.delay_reason_history;
  if (!history.empty() && history.back().at >= period.start) {
    c.facts.stay.delay_reason = history.back().reason;
  }
}

// ---- Guards -----------------------------------------------------------------------------------
bool IsEmergencyAdmission(const CaseOpened& e, TrackContext&) {
  return e.admission_method == AdmissionMethod::kEmergency;
}
bool IsNotEmergencyAdmission(const CaseOpened& e, TrackContext& c) {
  return !IsEmergencyAdmission(e, c);
}
bool PathwayAlreadyAgreed(const ReadyForDischarge&, TrackContext& c) {
  return c.facts.stay.pathway.has_value();
}
bool NoPathwayYet(const ReadyForDischarge&, TrackContext& c) {
  return !c.facts.stay.pathway.has_value();
}
// Delays awaiting a CHC decision are the NHS's: a coding to social care or both needs checking.
bool ChcDelayMiscoded(const DelayReasonRecorded& e, TrackContext&) {
  return e.nctr == NctrReason::kAwaitingChcDecision && e.attribution != Attribution::kNhs;
}
bool ChcDelayCodedWell(const DelayReasonRecorded& e, TrackContext& c) {
  return !ChcDelayMiscoded(e, c);
}
bool WasReadyAtDischarge(const DischargeCancelled&, TrackContext& c) {
  const auto& periods = c.facts.stay.ready_periods;
  return !periods.empty() && periods.back().ended_by == ReadyPeriodEnd::kDischarged;
}
bool WasNotReadyAtDischarge(const DischargeCancelled& e, TrackContext& c) {
  return !WasReadyAtDischarge(e, c);
}

// ---- Named actions and guards for the table ---------------------------------------------------
using open_case = Seq<Do<RecordOpening>, Raise<AlertKind::kCaseOpened>>;
using open_emergency_case =
    Seq<Do<RecordOpening>, Raise<AlertKind::kCaseOpened>, Schedule<DeadlineKind::kEddMissing>>;
using record_ward = Do<RecordWard>;
using record_edd = Seq<Do<RecordEdd>, Cancel<DeadlineKind::kEddMissing>>;
using record_pathway = Seq<Do<RecordPathway>, Cancel<DeadlineKind::kPathwayNotAgreed>>;
using record_delay_reason = Do<RecordDelayReason>;
using record_miscoded_delay = Seq<Do<RecordDelayReason>, Raise<AlertKind::kChcDelayCodingCheck>>;
using start_delay_clocks = Seq<Do<StartReadyPeriod>, Schedule<DeadlineKind::kDelayedSevenDays>,
                               Schedule<DeadlineKind::kDelayedTwentyOneDays>>;
using start_delay_and_pathway_clocks =
    Seq<start_delay_clocks, Schedule<DeadlineKind::kPathwayNotAgreed>>;
using stop_delay_clocks = Seq<Cancel<DeadlineKind::kPathwayNotAgreed>,
                              Cancel<DeadlineKind::kDelayedSevenDays>,
                              Cancel<DeadlineKind::kDelayedTwentyOneDays>>;
using reset_readiness = Seq<Do<ResetReadiness>, stop_delay_clocks>;
using discharge = Seq<Do<RecordDischarge>, Cancel<DeadlineKind::kEddMissing>,
                      Raise<AlertKind::kDischarged>>;
using discharge_ready_patient = Seq<Do<EndReadinessAtDischarge>, stop_delay_clocks, discharge>;
using record_death = Do<RecordDeath>;
using record_death_while_ready = Seq<Do<EndReadinessAtDeath>, Do<RecordDeath>>;
using cancel_admission = Do<RecordCancellation>;
using cancel_admission_while_ready =
    Seq<Do<EndReadinessAtCancellation>, Do<RecordCancellation>>;
using undo_discharge = Do<UndoDischarge>;
using resume_readiness = Seq<Do<ReopenReadyPeriod>, Schedule<DeadlineKind::kDelayedSevenDays>,
                             Schedule<DeadlineKind::kDelayedTwentyOneDays>>;

using is_emergency_admission = If<IsEmergencyAdmission>;
using is_not_emergency_admission = If<IsNotEmergencyAdmission>;
using pathway_already_agreed = If<PathwayAlreadyAgreed>;
using no_pathway_yet = If<NoPathwayYet>;
using chc_delay_miscoded = If<ChcDelayMiscoded>;
using chc_delay_coded_well = If<ChcDelayCodedWell>;
using was_ready_at_discharge = If<WasReadyAtDischarge>;
using was_not_ready_at_discharge = If<WasNotReadyAtDischarge>;

using Ready = ReadyForDischargeState;
using Discharged_ = DischargedState;

struct StayFront : TrackFront<StayFront> {
  using initial_state = NotOpened;

  // clang-format off
  struct transition_table : mpl::vector<
  //     Source      Event                      Target          Action                              Guard
  // ---+-----------+--------------------------+---------------+-----------------------------------+------------------------------
  Row < NotOpened  , CaseOpened               , Admitted      , open_emergency_case               , is_emergency_admission       >,
  Row < NotOpened  , CaseOpened               , Admitted      , open_case                         , is_not_emergency_admission   >,
  // ---+-----------+--------------------------+---------------+-----------------------------------+------------------------------
  Row < Admitted   , WardTransferred          , none          , record_ward                       , none                         >,
  Row < Admitted   , ExpectedDischargeDateSet , none          , record_edd                        , none                         >,
  Row < Admitted   , PathwayAgreed            , none          , record_pathway                    , none                         >,
  Row < Admitted   , ReadyForDischarge        , Ready         , start_delay_clocks                , pathway_already_agreed       >,
  Row < Admitted   , ReadyForDischarge        , Ready         , start_delay_and_pathway_clocks    , no_pathway_yet               >,
  Row < Admitted   , Discharged               , Discharged_   , discharge                         , none                         >,
  Row < Admitted   , Died                     , DiedState     , record_death                      , none                         >,
  Row < Admitted   , AdmissionCancelled       , CancelledState, cancel_admission                  , none                         >,
  Row < Admitted   , DeadlineElapsed          , none          , Raise<AlertKind::kEddNotSet>      , Elapsed<DeadlineKind::kEddMissing> >,
  // ---+-----------+--------------------------+---------------+-----------------------------------+------------------------------
  Row < Ready      , WardTransferred          , none          , record_ward                       , none                         >,
  Row < Ready      , ExpectedDischargeDateSet , none          , record_edd                        , none                         >,
  Row < Ready      , PathwayAgreed            , none          , record_pathway                    , none                         >,
  Row < Ready      , DelayReasonRecorded      , none          , record_delay_reason               , chc_delay_coded_well         >,
  Row < Ready      , DelayReasonRecorded      , none          , record_miscoded_delay             , chc_delay_miscoded           >,
  Row < Ready      , CriteriaToResideMetAgain , Admitted      , reset_readiness                   , none                         >,
  Row < Ready      , Discharged               , Discharged_   , discharge_ready_patient           , none                         >,
  Row < Ready      , Died                     , DiedState     , record_death_while_ready          , none                         >,
  Row < Ready      , AdmissionCancelled       , CancelledState, cancel_admission_while_ready      , none                         >,
  Row < Ready      , DeadlineElapsed          , none          , Raise<AlertKind::kEddNotSet>      , Elapsed<DeadlineKind::kEddMissing> >,
  Row < Ready      , DeadlineElapsed          , none          , Raise<AlertKind::kPathwayNotAgreed>, Elapsed<DeadlineKind::kPathwayNotAgreed> >,
  Row < Ready      , DeadlineElapsed          , none          , Raise<AlertKind::kDelayedSevenDays>, Elapsed<DeadlineKind::kDelayedSevenDays> >,
  Row < Ready      , DeadlineElapsed          , none          , Raise<AlertKind::kDelayedTwentyOneDays>, Elapsed<DeadlineKind::kDelayedTwentyOneDays> >,
  // ---+-----------+--------------------------+---------------+-----------------------------------+------------------------------
  Row < Discharged_, DischargeCancelled       , Ready         , resume_readiness                  , was_ready_at_discharge       >,
  Row < Discharged_, DischargeCancelled       , Admitted      , undo_discharge                    , was_not_ready_at_discharge   >
  > {};
  // clang-format on
};

}  // namespace
}  // namespace machines

std::unique_ptr<Track> MakeStayTrack() {
  return std::make_unique<machines::MsmTrack<machines::StayFront>>();
}

}  // namespace workflow
