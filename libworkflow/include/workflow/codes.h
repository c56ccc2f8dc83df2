// The code lists of the discharge domain (NHS Data Dictionary, DTOC and NCTR returns, the CHC
// Framework), each with a stable snake_case name for storage and messages.
#pragma once

#include <optional>
#include <string_view>

namespace workflow {

// Care setting of the hospital spell; DTOC reports split acute from non-acute.
enum class Setting { kAcute, kCommunity, kMentalHealth };

// How the patient was admitted; an emergency admission starts the EDD clock (HIC 1).
enum class AdmissionMethod { kEmergency, kElective, kTransfer, kOther };

// Why a patient is outside the scope of the statutory notices (p: adult acute consultant-led
// care only).
enum class NoticeExclusion {
  kNone, kMaternity, kMentalHealthCare, kPalliativeCare, kIntermediateCare, kRehabilitation,
  kSelfFunded
};

// Discharge pathways 0-3 (p).
enum class Pathway { kPathway0 = 0, kPathway1 = 1, kPathway2 = 2, kPathway3 = 3 };

// Monthly DTOC delay reason codes (p).
enum class DtocReason {
  kA_AwaitingAssessment,
  kB_AwaitingPublicFunding,
  kC_AwaitingFurtherNhsCare,
  kDi_AwaitingResidentialHome,
  kDii_AwaitingNursingHome,
  kE_AwaitingCarePackage,
  kF_AwaitingEquipment,
  kG_PatientOrFamilyChoice,
  kH_Disputes,
  kI_Housing,
  kOther,
};

// Current weekly NCTR delay reasons (the second code list).
enum class NctrReason {
  kAwaitingMedicalDecision,
  kAwaitingTherapy,
  kAwaitingMedicines,
  kAwaitingTransport,
  kAwaitingPathway1Capacity,
  kAwaitingPathway2Capacity,
  kAwaitingPathway3Capacity,
  kAwaitingEquipment,
  kFamilyDisagreement,
  kHomelessness,
  kSafeguardingOrCourtOfProtection,
  kAwaitingChcDecision,
  kOther,
};

// Who a delay is attributed to (p), separately from its reason.
enum class Attribution { kNhs, kSocialCare, kBoth };

// Criteria to reside codes 01-11 (NHS Data Dictionary).
enum class CriterionToReside {
  kCriticalCare = 1, kOxygenOrNiv, kIvFluids, kNewsAbove3, kDiminishedConsciousness,
  kAcuteFunctionalImpairment, kLastHoursOfLife, kIvMedication, kLowerLimbSurgery48h,
  kMajorSurgery72h, kInvasiveProcedure24h
};

// Roles that alerts are routed to and parties are assigned to.
enum class Role {
  kWardDischargeCoordinator,
  kCareTransferHub,
  kSeniorEscalation,
  kLaSocialWorker,
  kLaTeamManager,
  kLaFinance,
  kCareProvider,
  kChcCoordinator,
  kChcManager,
  kGp,
  kTransport,
  kEquipmentService,
};

enum class Severity { kInfo, kWarning, kCritical };

// CHC Checklist domain score (p).
enum class ChecklistScore { kA, kB, kC };

// Decision Support Tool domain level (p).
enum class DstLevel { kNoNeeds, kLow, kModerate, kHigh, kSevere, kPriority };

// Kind of care being arranged.
enum class CareType {
  kHomeCare, kIntensiveHomeCare, kReablement, kResidential, kNursing, kEquipmentOnly
};

// Who pays for arranged care.
enum class Funder { kLocalAuthority, kIcb, kJoint, kSelfFunded };

// Each enum's stable name, and the reverse lookup (nullopt for an unknown name).
std::string_view Name(Setting v);
std::string_view Name(AdmissionMethod v);
std::string_view Name(NoticeExclusion v);
std::string_view Name(Pathway v);
std::string_view Name(DtocReason v);
std::string_view Name(NctrReason v);
std::string_view Name(Attribution v);
std::string_view Name(CriterionToReside v);
std::string_view Name(Role v);
std::string_view Name(Severity v);
std::string_view Name(ChecklistScore v);
std::string_view Name(DstLevel v);
std::string_view Name(CareType v);
std::string_view Name(Funder v);

// Parse<E>("name"): the enum value with that name.
template <typename E>
std::optional<E> Parse(std::string_view name);

// Number of values of each enum (they are dense from their first value).
template <typename E>
constexpr int kEnumSize = 0;
template <> inline constexpr int kEnumSize<Setting> = 3;
template <> inline constexpr int kEnumSize<AdmissionMethod> = 4;
template <> inline constexpr int kEnumSize<NoticeExclusion> = 7;
template <> inline constexpr int kEnumSize<Pathway> = 4;
template <> inline constexpr int kEnumSize<DtocReason> = 11;
template <> inline constexpr int kEnumSize<NctrReason> = 13;
template <> inline constexpr int kEnumSize<Attribution> = 3;
template <> inline constexpr int kEnumSize<CriterionToReside> = 11;
template <> inline constexpr int kEnumSize<Role> = 12;
template <> inline constexpr int kEnumSize<Severity> = 3;
template <> inline constexpr int kEnumSize<ChecklistScore> = 3;
template <> inline constexpr int kEnumSize<DstLevel> = 6;
template <> inline constexpr int kEnumSize<CareType> = 6;
template <> inline constexpr int kEnumSize<Funder> = 4;

}  // namespace workflow
