// The tocflowd configuration file (`tocflowd --config FILE`): the deployment's defaults for
// alert routing, its bank holidays and higher-rate local authorities, and the rule set new
// cases are judged by when they do not name one.
//
// Format: one setting per line, `key = value`; blank lines and lines starting with '#' are
// ignored; surrounding spaces are trimmed.
//   default_rule_set = CARE_ACT_2014         a rule set name (workflow::RuleSetName)
//   bank_holidays = holidays.txt             one ISO date per line; relative to the config file;
//                                            replaces the built-in England and Wales list
//   higher_rate_authorities = E09000001 E09000033   LA codes, separated by spaces or commas
//   team <role> <scope> = <party>            who gets a role's alerts on cases of that scope
//                                            while nobody is assigned to the role on the case
// Team scopes (workflow::TeamDirectory::ScopeFor): "<provider ODS>/<ward>" for the ward
// discharge coordinator and transport; the LA code for the LA roles; the ICB code for the CHC
// roles; the provider ODS code for the others. Roles by their names, e.g. chc_coordinator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "workflow/alert_rules.h"
#include "workflow/reference_data.h"
#include "workflow/rule_set.h"

namespace tocflow::server {

struct ServiceConfig {
  std::shared_ptr<const workflow::ReferenceData> reference = workflow::DefaultReferenceData();
  std::shared_ptr<const workflow::TeamDirectory> teams =
      std::make_shared<const workflow::TeamDirectory>();
  workflow::RuleSetId default_rule_set = workflow::kDefaultRuleSet;
  int team_defaults = 0;  // `team` lines read, for the start-up log
};

// Parses the text of a configuration file; `base_dir` resolves relative file names.
// INVALID_ARGUMENT naming the line for an unknown key, role or rule set, a malformed line or an
// unreadable bank holiday file.
absl::StatusOr<ServiceConfig> ParseConfig(std::string_view text, const std::string& base_dir);

// Reads and parses `path`. NOT_FOUND when it cannot be read; ParseConfig's errors.
absl::StatusOr<ServiceConfig> LoadConfig(const std::string& path);

}  // namespace tocflow::server
