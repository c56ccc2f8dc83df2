// Who is calling tocflowd, and what they may see: a principal authenticated by bearer token or
// client certificate, with one role and the organisations that role is limited to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tocflow::server::auth {

// What a principal may do (issue 6's roles).
enum class Role {
  kDischargeTeam,  // cases of its provider (or provider/ward): read, open, record
  kSocialCare,     // cases of its local authorities: read, record
  kChc,            // cases of its ICBs: read, record
  kIntegration,    // hospital systems: open, read and record cases of its providers (any if none)
  kAnalyst,        // reports only, without patient or spell identifiers
  kAdmin,          // everything
};

std::string_view Name(Role role);  // "discharge_team", ...
std::optional<Role> ParseRole(std::string_view name);

// One organisation a role is limited to: a provider ODS code with an optional ward (discharge
// team, integration), a local authority code (social care) or an ICB code (CHC).
struct Scope {
  std::string code;
  std::string ward;  // discharge team only; empty: every ward of the provider
  friend bool operator==(const Scope&, const Scope&) = default;
};

struct Principal {
  std::string name;  // for the access log, e.g. "ward7-nurse"; never a secret
  Role role = Role::kAdmin;
  std::vector<Scope> scopes;  // empty: no limit (integration, analyst, admin only)
};

// The organisation columns of a case that scopes are checked against.
struct CaseScope {
  std::string provider_ods;
  std::string ward;
  std::string local_authority;
  std::string icb;
};

}  // namespace tocflow::server::auth
