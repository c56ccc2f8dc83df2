// Who is told what, and how urgently: the alert table of domain.md as data. The transition
// tables name an AlertKind in their actions; everything else about the alert comes from here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workflow/alert_kind.h"
#include "workflow/case_facts.h"
#include "workflow/codes.h"
#include "workflow/effects.h"

namespace workflow {

// One row of the alert table.
struct AlertRule {
  AlertKind kind;
  Severity severity;
  std::vector<Role> roles;
  std::string_view when;  // the trigger, in words
};

// Every rule, one per AlertKind, in AlertKind order.
const std::vector<AlertRule>& AlertRules();
const AlertRule& GetAlertRule(AlertKind kind);

// Team defaults for roles nobody is assigned to on a case, by organisational scope: ward roles
// by provider and ward, social care roles by LA, CHC roles by ICB, the rest by provider.
// Not thread-safe to modify; const use is thread-safe.
class TeamDirectory {
 public:
  // `scope` is the key ScopeFor returns for the role (e.g. "RRV/Ward 7", an LA or ICB code).
  void SetDefault(Role role, std::string scope, std::string party);
  // The party for a role on a case: the default for its scope, or empty when none is set.
  std::string Resolve(Role role, const CaseIdentity& identity) const;
  // The scope key a role's defaults are filed under for a case.
  static std::string ScopeFor(Role role, const CaseIdentity& identity);

 private:
  std::vector<std::pair<std::string, std::string>> defaults_;  // "role|scope" -> party
};

// The alert's recipients with any unassigned role filled from the directory.
std::vector<AlertRecipient> RouteAlert(const Alert& alert, const CaseIdentity& identity,
                                       const TeamDirectory& directory);

}  // namespace workflow
