#include "authenticator.h"

#include <string>
#include <utility>

#include "grpc/grpc_security_constants.h"

namespace tocflow::server::auth {

Authenticator::Authenticator(std::optional<Principals> principals)
    : principals_(std::move(principals)) {}

absl::StatusOr<Principal> Authenticator::Identify(const grpc::ServerContextBase& context) const {
  if (!principals_) return Principal{"local", Role::kAdmin, {}};
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    const std::string value(it->second.data(), it->second.size());
    constexpr std::string_view kBearer = "Bearer ";
    if (value.rfind(kBearer, 0) != 0 || value.size() == kBearer.size()) {
      return absl::UnauthenticatedError("authorization metadata must be `Bearer <token>`");
    }
    auto found = principals_->by_token_hash.find(Sha256Hex(value.substr(kBearer.size())));
    if (found == principals_->by_token_hash.end()) {
      return absl::UnauthenticatedError("the bearer token is not known to this tocflowd");
    }
    return found->second;
  }
  if (std::shared_ptr<const grpc::AuthContext> auth = context.auth_context()) {
    for (const auto& cn : auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME)) {
      auto found = principals_->by_certificate.find(std::string(cn.data(), cn.size()));
      if (found != principals_->by_certificate.end()) return found->second;
      return absl::UnauthenticatedError(
          "the client certificate (CN=" + std::string(cn.data(), cn.size()) +
          ") is not in this tocflowd's principals file");
    }
  }
  return absl::UnauthenticatedError(
      "credentials required: send `authorization: Bearer <token>` metadata or a client "
      "certificate");
}

}  // namespace tocflow::server::auth
