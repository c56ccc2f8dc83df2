#include "cli/channel_security.h"

#include <grpcpp/support/client_interceptor.h>

#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

namespace tocflow::cli {
namespace {

namespace gx = grpc::experimental;

// Adds the authorization header to every call's initial metadata.
class BearerTokenInterceptor : public gx::Interceptor {
 public:
  explicit BearerTokenInterceptor(const std::string* header) : header_(header) {}

  void Intercept(gx::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            gx::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({"authorization", *header_});
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;  // owned by the factory, which the channel keeps
};

class BearerTokenInterceptorFactory : public gx::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenInterceptorFactory(const std::string& token) : header_("Bearer " + token) {}

  gx::Interceptor* CreateClientInterceptor(gx::ClientRpcInfo*) override {
    return new BearerTokenInterceptor(&header_);
  }

 private:
  const std::string header_;
};

absl::StatusOr<std::string> ReadPem(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(flag + ": cannot read " + path);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  if (text.find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(flag + ": " + path + " is not a PEM file");
  }
  return text;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
    const ChannelSecurity& security) {
  if (!security.tls()) {
    if (!security.tls_server_name.empty()) {
      return absl::InvalidArgumentError("--tls-server-name needs --tls-ca (TLS)");
    }
    return grpc::InsecureChannelCredentials();
  }
  if (security.tls_cert.empty() != security.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together (mutual TLS)");
  }
  grpc::SslCredentialsOptions ssl;
  if (!security.tls_ca.empty()) {
    auto ca = ReadPem("--tls-ca", security.tls_ca);
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *std::move(ca);
  }
  if (!security.tls_cert.empty()) {
    auto cert = ReadPem("--tls-cert", security.tls_cert);
    if (!cert.ok()) return cert.status();
    auto key = ReadPem("--tls-key", security.tls_key);
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(cert);
    ssl.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

absl::Status CheckToken(const std::string& token) {
  if (token.empty()) return absl::InvalidArgumentError("--token: empty");
  for (char c : token) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(
          "--token: only printable ASCII without spaces can be sent (the token is not shown)");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckChannelSecurity(const ChannelSecurity& security) {
  if (!security.token.empty()) {
    if (absl::Status ok = CheckToken(security.token); !ok.ok()) return ok;
  }
  return Credentials(security).status();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenSecureChannel(const std::string& target,
                                                                 const ChannelSecurity& security,
                                                                 grpc::ChannelArguments args) {
  auto credentials = Credentials(security);
  if (!credentials.ok()) return credentials.status();
  if (!security.tls_server_name.empty()) args.SetSslTargetNameOverride(security.tls_server_name);
  if (security.token.empty()) return grpc::CreateCustomChannel(target, *credentials, args);
  if (absl::Status ok = CheckToken(security.token); !ok.ok()) return ok;
  std::vector<std::unique_ptr<gx::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<BearerTokenInterceptorFactory>(security.token));
  return gx::CreateCustomChannelWithInterceptors(target, *credentials, args,
                                                 std::move(interceptors));
}

std::string ConnectHint(const ChannelSecurity& security) {
  if (security.tls()) {
    return "TLS: is tocflowd serving TLS, with a certificate signed by the --tls-ca CA for this "
           "address (else --tls-server-name), and does it require a client certificate "
           "(--tls-cert/--tls-key)?";
  }
  return "is tocflowd running there? If it serves TLS, pass --tls-ca";
}

}  // namespace tocflow::cli
