#include "caller.h"

namespace tocflow::server {

absl::StatusOr<auth::Principal> Caller(const ServiceDeps& deps,
                                       const grpc::ServerContextBase& context) {
  return deps.authenticator->Identify(context);
}

absl::StatusOr<auth::CaseScope> ScopeOfCase(const ServiceDeps& deps, const std::string& case_id) {
  auto reader = deps.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto summary = (*reader)->GetCaseSummary(case_id);
  if (!summary.ok()) {
    if (absl::IsNotFound(summary.status())) return absl::NotFoundError("no case " + case_id);
    return summary.status();
  }
  return auth::CaseScope{summary->provider_ods, summary->ward, summary->local_authority,
                         summary->icb};
}

auth::CaseScope ScopeOfJourney(const workflow::Journey& journey) {
  const workflow::CaseIdentity& identity = journey.facts().identity;
  return auth::CaseScope{identity.provider_ods, identity.ward, identity.local_authority,
                         identity.icb};
}

absl::StatusOr<auth::Principal> CallerOnCase(const ServiceDeps& deps,
                                             const grpc::ServerContextBase& context,
                                             const std::string& case_id, bool record) {
  auto who = Caller(deps, context);
  if (!who.ok()) return who.status();
  if (who->role == auth::Role::kAdmin) return who;  // no read needed
  auto scope = ScopeOfCase(deps, case_id);
  if (!scope.ok()) return scope.status();
  absl::Status allowed = record ? auth::MayRecord(*who, *scope) : auth::MayRead(*who, *scope);
  if (!allowed.ok()) return allowed;
  return who;
}

}  // namespace tocflow::server
