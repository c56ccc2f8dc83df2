#include "access_policy.h"

#include <optional>
#include <string>

namespace tocflow::server::auth {
namespace {

std::string Who(const Principal& who) {
  return std::string(Name(who.role)) + " \"" + who.name + "\"";
}

bool ProviderScoped(Role role) {
  return role == Role::kDischargeTeam || role == Role::kIntegration;
}

// The case column a role's scopes name.
const std::string& ScopedColumn(Role role, const CaseScope& scope) {
  switch (role) {
    case Role::kSocialCare:
      return scope.local_authority;
    case Role::kChc:
      return scope.icb;
    default:
      return scope.provider_ods;
  }
}

bool Covers(const Principal& who, const CaseScope& scope) {
  if (who.role == Role::kAdmin) return true;
  if (who.role == Role::kAnalyst) return false;
  if (who.role == Role::kIntegration && who.scopes.empty()) return true;
  const std::string& column = ScopedColumn(who.role, scope);
  for (const Scope& s : who.scopes) {
    if (s.code == column && (s.ward.empty() || s.ward == scope.ward)) return true;
  }
  return false;
}

std::string Describe(Role role, const CaseScope& scope) {
  switch (role) {
    case Role::kSocialCare:
      return "local authority " + scope.local_authority;
    case Role::kChc:
      return "ICB " + scope.icb;
    default:
      return "provider " + scope.provider_ods + " ward " + scope.ward;
  }
}

std::string ScopeList(const Principal& who) {
  std::string list;
  for (const Scope& s : who.scopes) {
    list += (list.empty() ? "" : ", ") + s.code + (s.ward.empty() ? "" : "/" + s.ward);
  }
  return list;
}

// The organisation fields of a list filter, whichever kind of filter it is.
struct FilterFields {
  std::optional<std::string>* provider_ods;
  std::optional<std::string>* ward;
  std::optional<std::string>* local_authority;
  std::optional<std::string>* icb;
};

absl::Status Narrow(const Principal& who, FilterFields fields) {
  if (who.role == Role::kAdmin) return absl::OkStatus();
  if (who.role == Role::kAnalyst) {
    return absl::PermissionDeniedError(Who(who) + " may read reports only, not cases or alerts");
  }
  if (who.role == Role::kIntegration && who.scopes.empty()) return absl::OkStatus();
  std::optional<std::string>* code = who.role == Role::kSocialCare ? fields.local_authority
                                     : who.role == Role::kChc      ? fields.icb
                                                                   : fields.provider_ods;
  const Scope* chosen = nullptr;
  int candidates = 0;
  for (const Scope& s : who.scopes) {
    if (code->has_value() && **code != s.code) continue;
    if (ProviderScoped(who.role) && fields.ward->has_value() && !s.ward.empty() &&
        **fields.ward != s.ward) {
      continue;
    }
    if (ProviderScoped(who.role) && s.ward.empty()) {  // the whole provider: any ward
      chosen = &s;
      candidates = 1;
      break;
    }
    chosen = &s;
    ++candidates;
  }
  if (candidates == 0) {
    return absl::PermissionDeniedError(Who(who) + " may see only " + ScopeList(who) +
                                       "; the filter asks for something else");
  }
  if (candidates > 1) {
    return absl::PermissionDeniedError(Who(who) + " covers " + ScopeList(who) +
                                       ": filter by one of them");
  }
  *code = chosen->code;
  if (ProviderScoped(who.role) && !chosen->ward.empty()) *fields.ward = chosen->ward;
  return absl::OkStatus();
}

}  // namespace

absl::Status MayRead(const Principal& who, const CaseScope& scope) {
  if (Covers(who, scope)) return absl::OkStatus();
  if (who.role == Role::kAnalyst) {
    return absl::PermissionDeniedError(Who(who) + " may read reports only, not cases or alerts");
  }
  return absl::PermissionDeniedError(Who(who) + " may not see a case of " +
                                     Describe(who.role, scope) + " (covers " + ScopeList(who) +
                                     ")");
}

absl::Status MayRecord(const Principal& who, const CaseScope& scope) { return MayRead(who, scope); }

absl::Status MayOpen(const Principal& who, const CaseScope& scope) {
  if (who.role == Role::kSocialCare || who.role == Role::kChc || who.role == Role::kAnalyst) {
    return absl::PermissionDeniedError(Who(who) +
                                       " may not open cases (discharge teams and hospital "
                                       "systems do)");
  }
  return MayRead(who, scope);
}

absl::Status MayReport(const Principal& who) {
  if (who.role == Role::kIntegration) {
    return absl::PermissionDeniedError(Who(who) + " may not read reports");
  }
  return absl::OkStatus();
}

bool WithoutIdentifiers(const Principal& who) { return who.role == Role::kAnalyst; }

bool MaySeeReportLine(const Principal& who, const std::string& provider_ods,
                      const std::string& local_authority) {
  if (who.role == Role::kAnalyst || who.role == Role::kChc) return false;
  Principal any_ward = who;
  for (Scope& scope : any_ward.scopes) scope.ward.clear();
  return Covers(any_ward, CaseScope{provider_ods, "", local_authority, ""});
}

absl::Status NarrowCaseFilter(const Principal& who, store::CaseFilter& filter) {
  return Narrow(who, {&filter.provider_ods, &filter.ward, &filter.local_authority, &filter.icb});
}

absl::Status NarrowAlertFilter(const Principal& who, store::AlertFilter& filter) {
  return Narrow(who, {&filter.provider_ods, &filter.ward, &filter.local_authority, &filter.icb});
}

}  // namespace tocflow::server::auth
