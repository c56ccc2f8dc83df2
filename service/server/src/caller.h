// The authorization step every handler runs first: who is calling, and may they touch this
// case. Thin glue between the RPC context, the store and auth::access_policy.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "auth/access_policy.h"
#include "auth/principal.h"
#include "grpcpp/server_context.h"
#include "service_deps.h"
#include "workflow/journey.h"

namespace tocflow::server {

// The authenticated caller (UNAUTHENTICATED when credentials are missing or unknown).
absl::StatusOr<auth::Principal> Caller(const ServiceDeps& deps,
                                       const grpc::ServerContextBase& context);

// The organisation columns of a stored case. NOT_FOUND when there is no such case.
absl::StatusOr<auth::CaseScope> ScopeOfCase(const ServiceDeps& deps, const std::string& case_id);

// The organisation of a case as its journey holds it: the same as its stored columns, which are
// written from it.
auth::CaseScope ScopeOfJourney(const workflow::Journey& journey);

// Caller + ScopeOfCase + MayRead (or MayRecord when `record`).
absl::StatusOr<auth::Principal> CallerOnCase(const ServiceDeps& deps,
                                             const grpc::ServerContextBase& context,
                                             const std::string& case_id, bool record);

}  // namespace tocflow::server
