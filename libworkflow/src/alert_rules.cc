#include "workflow/alert_rules.h"

#include <algorithm>

namespace workflow {

const std::vector<AlertRule>& AlertRules() {
  using enum Role;
  using enum Severity;
  // clang-format off
  static const std::vector<AlertRule> kRules = {
    {AlertKind::kCaseOpened,               kInfo,     {kWardDischargeCoordinator, kCareTransferHub}, "case opened / referral received"},
    {AlertKind::kEddNotSet,                kWarning,  {kWardDischargeCoordinator},                   "EDD not set 48 h after an emergency admission"},
    {AlertKind::kPathwayNotAgreed,         kWarning,  {kCareTransferHub},                            "ready for discharge, pathway not agreed after 24 h"},
    {AlertKind::kDelayedSevenDays,         kWarning,  {kCareTransferHub, kSeniorEscalation},         "delay reaches 7 days (stranded)"},
    {AlertKind::kDelayedTwentyOneDays,     kCritical, {kCareTransferHub, kSeniorEscalation},         "delay reaches 21 days (super-stranded)"},
    {AlertKind::kAssessmentNoticeGiven,    kInfo,     {kLaSocialWorker},                             "assessment notice given"},
    {AlertKind::kMinimumPeriodEndsTomorrow,kWarning,  {kLaTeamManager},                              "minimum period ends tomorrow, LA assessment not complete"},
    {AlertKind::kDischargeNoticeGiven,     kInfo,     {kLaSocialWorker, kCareProvider},              "discharge notice given"},
    {AlertKind::kLiabilityAccruing,        kCritical, {kLaTeamManager, kLaFinance},                  "relevant day passed, not discharged, delay solely social care"},
    {AlertKind::kChcReferralReceived,      kInfo,     {kChcCoordinator},                             "positive Checklist / referral for full assessment"},
    {AlertKind::kChcAtRisk,                kWarning,  {kChcCoordinator},                             "CHC decision at risk as day 21 begins"},
    {AlertKind::kChcBreach,                kCritical, {kChcCoordinator, kChcManager},                "CHC 28-day breach as day 29 begins, no decision"},
    {AlertKind::kFastTrackReferral,        kCritical, {kChcCoordinator},                             "Fast Track referral"},
    {AlertKind::kFastTrackCareOverdue,     kCritical, {kChcCoordinator, kChcManager},                "Fast Track care not in place within 48 h"},
    {AlertKind::kChcReviewDue,             kInfo,     {kChcCoordinator},                             "CHC eligibility review due"},
    {AlertKind::kChcDelayCodingCheck,      kWarning,  {kCareTransferHub},                            "delay coded awaiting CHC attributed to Both or Social Care"},
    {AlertKind::kCareStartConfirmed,       kInfo,     {kWardDischargeCoordinator, kTransport},       "care start confirmed"},
    {AlertKind::kEquipmentOverdue,         kWarning,  {kCareTransferHub, kEquipmentService},         "equipment not delivered by its due date"},
    {AlertKind::kDischarged,               kInfo,     {kGp, kCareProvider},                          "discharged"},
  };
  // clang-format on
  return kRules;
}

const AlertRule& GetAlertRule(AlertKind kind) { return AlertRules()[static_cast<size_t>(kind)]; }

namespace {
std::string Key(Role role, std::string_view scope) {
  return std::string(Name(role)) + "|" + std::string(scope);
}
}  // namespace

void TeamDirectory::SetDefault(Role role, std::string scope, std::string party) {
  std::string key = Key(role, scope);
  auto it = std::find_if(defaults_.begin(), defaults_.end(),
                         [&](const auto& entry) { return entry.first == key; });
  if (it != defaults_.end()) {
    it->second = std::move(party);
  } else {
    defaults_.emplace_back(std::move(key), std::move(party));
  }
}

std::string TeamDirectory::ScopeFor(Role role, const CaseIdentity& identity) {
  switch (role) {
    case Role::kWardDischargeCoordinator:
    case Role::kTransport:
      return identity.provider_ods + "/" + identity.ward;
    case Role::kLaSocialWorker:
    case Role::kLaTeamManager:
    case Role::kLaFinance:
      return identity.local_authority;
    case Role::kChcCoordinator:
    case Role::kChcManager:
      return identity.icb;
    case Role::kCareTransferHub:
    case Role::kSeniorEscalation:
    case Role::kCareProvider:
    case Role::kGp:
    case Role::kEquipmentService:
      return identity.provider_ods;
  }
  return identity.provider_ods;
}

std::string TeamDirectory::Resolve(Role role, const CaseIdentity& identity) const {
  const std::string key = Key(role, ScopeFor(role, identity));
  for (const auto& [k, party] : defaults_) {
    if (k == key) return party;
  }
  return {};
}

std::vector<AlertRecipient> RouteAlert(const Alert& alert, const CaseIdentity& identity,
                                       const TeamDirectory& directory) {
  std::vector<AlertRecipient> routed = alert.recipients;
  for (AlertRecipient& recipient : routed) {
    if (recipient.party.empty()) recipient.party = directory.Resolve(recipient.role, identity);
  }
  return routed;
}

}  // namespace workflow
