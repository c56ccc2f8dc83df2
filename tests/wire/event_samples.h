// One sample of every workflow event type, with every field set away from its default, so that
// a field the codec forgets shows up in a round trip.
#pragma once

#include <vector>

#include "workflow/chc_tools.h"
#include "workflow/events.h"

namespace tocflow::wire::testing {

inline std::vector<workflow::EventPayload> SampleOfEveryEvent() {
  namespace wf = workflow;
  wf::CaseOpened opened;
  opened.nhs_number = "9434765919";
  opened.nhs_number_untraced = true;
  opened.local_patient_id = "MRN001";
  opened.spell_id = "V100";
  opened.provider_ods = "RRV";
  opened.site = "Main";
  opened.ward = "Ward 7";
  opened.bed = "12";
  opened.setting = wf::Setting::kMentalHealth;
  opened.local_authority = "E09000007";
  opened.icb = "QMJ";
  opened.admitted_at = wf::FromUnixSeconds(1777881600);
  opened.admission_method = wf::AdmissionMethod::kTransfer;
  opened.notice_exclusion = wf::NoticeExclusion::kSelfFunded;
  opened.rule_set = wf::RuleSetId::kCareAct2014;

  // Every domain scored differently from its neighbours, so a swapped pair shows.
  wf::ChecklistCompleted checklist;
  const wf::ChecklistScore kScores[] = {wf::ChecklistScore::kA, wf::ChecklistScore::kB,
                                        wf::ChecklistScore::kC};
  for (size_t i = 0; i < checklist.scores.size(); ++i) checklist.scores[i] = kScores[i % 3];
  checklist.scores[static_cast<size_t>(wf::ChecklistDomain::kAlteredStatesOfConsciousness)] =
      wf::ChecklistScore::kA;
  wf::DstCompleted dst;
  for (size_t i = 0; i < dst.levels.size(); ++i) {
    dst.levels[i] = static_cast<wf::DstLevel>((i + 1) % wf::kEnumSize<wf::DstLevel>);
  }

  return {
      opened,
      wf::WardTransferred{"Annexe", "Ward 9", "3"},
      wf::ExpectedDischargeDateSet{wf::Date::FromYmd(2026, 5, 12)},
      wf::ReadyForDischarge{},
      wf::CriteriaToResideMetAgain{wf::CriterionToReside::kInvasiveProcedure24h},
      wf::PathwayAgreed{wf::Pathway::kPathway3},
      wf::DelayReasonRecorded{wf::DtocReason::kDii_AwaitingNursingHome,
                              wf::NctrReason::kAwaitingChcDecision, wf::Attribution::kBoth},
      wf::Discharged{"usual residence"},
      wf::Died{},
      wf::AdmissionCancelled{},
      wf::DischargeCancelled{},
      wf::AssessmentNoticeGiven{true, true, true, true, "not eligible"},
      wf::AssessmentNoticeWithdrawn{"entered in error"},
      wf::LaAssessmentStarted{},
      wf::LaAssessmentCompleted{"home care four calls a day"},
      wf::LaServicesInPlace{},
      wf::DischargeNoticeGiven{wf::Date::FromYmd(2028, 2, 29)},
      wf::DischargeNoticeWithdrawn{"patient unwell", true},
      checklist,
      wf::ReferredForFullAssessment{},
      wf::FastTrackReferred{"Dr Okafor"},
      wf::ChcAssessmentScheduled{wf::Date::FromYmd(2026, 12, 31)},
      dst,
      wf::EligibilityDecided{true},
      wf::ReviewCompleted{true},
      wf::AppealLodged{},
      wf::AppealDecided{true},
      wf::CareNeedsIdentified{wf::CareType::kEquipmentOnly},
      wf::SourcingStarted{},
      wf::ProviderOffered{"Sunrise Care"},
      wf::OfferDeclined{true, wf::Attribution::kSocialCare},
      wf::FundingAgreed{123456, wf::Funder::kSelfFunded},
      wf::StartConfirmed{wf::Date::FromYmd(2026, 6, 1), "Sunset Care"},
      wf::CareInPlace{},
      wf::EquipmentOrdered{"hoist, bed", wf::Date::FromYmd(1970, 1, 1)},
      wf::EquipmentDelivered{},
      wf::PartyAssigned{wf::Role::kEquipmentService, "team-42"},
      wf::DeadlineElapsed{wf::DeadlineKind::kEquipmentOverdue},
  };
}

}  // namespace tocflow::wire::testing
