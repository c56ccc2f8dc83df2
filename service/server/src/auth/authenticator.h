// Who is calling: the principal behind an RPC's bearer token (`authorization: Bearer TOKEN`
// metadata) or client certificate (mutual TLS, by common name), from the principals file.
// Without a principals file authentication is off and every caller is the local admin, which
// tocflowd allows only on a loopback address.
//
// Thread-safe (immutable after construction).
#pragma once

#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "principal.h"
#include "principals_file.h"

namespace tocflow::server::auth {

class Authenticator {
 public:
  // nullopt: authentication off.
  explicit Authenticator(std::optional<Principals> principals);

  bool enabled() const { return principals_.has_value(); }

  // UNAUTHENTICATED, saying what to send, when the call carries no known credentials.
  absl::StatusOr<Principal> Identify(const grpc::ServerContextBase& context) const;

 private:
  std::optional<Principals> principals_;
};

}  // namespace tocflow::server::auth
