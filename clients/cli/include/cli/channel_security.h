// How a C++ client (tocflow, tocflow-adt) connects to tocflowd securely: TLS verified against a
// CA file, an optional client certificate for mutual TLS, and a bearer token sent as
// `authorization: Bearer TOKEN` metadata on every call (plain metadata, so it also works on a
// loopback channel without TLS, where gRPC refuses call credentials).
//
// The token is a secret: nothing here puts it in an error message, and callers must not print
// or log it either.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tocflow::cli {

// The security flags of a client; all empty: a plain channel without credentials.
struct ChannelSecurity {
  std::string token;            // bearer token (never printed)
  std::string tls_ca;           // PEM CA file: use TLS and verify tocflowd against it
  std::string tls_cert;         // PEM client certificate (chain) for mutual TLS; with tls_key
  std::string tls_key;          // its PEM private key
  std::string tls_server_name;  // the name to verify instead of the target's host

  // True when the channel uses TLS (a CA, or a client certificate, is given).
  bool tls() const { return !tls_ca.empty() || !tls_cert.empty() || !tls_key.empty(); }
};

// INVALID_ARGUMENT when the token is empty or has characters that cannot travel as gRPC
// metadata (printable ASCII only). The message never contains the token.
absl::Status CheckToken(const std::string& token);

// The errors OpenSecureChannel would return, checked up front (files read, flags paired, token
// checked) so that a client can report them as usage errors before connecting.
absl::Status CheckChannelSecurity(const ChannelSecurity& security);

// Opens a channel to `target` with `args` (the TLS target name override is added to them).
// Errors, naming the flag: INVALID_ARGUMENT for --tls-cert without --tls-key (or the reverse),
// --tls-server-name without TLS, or a bad token; NOT_FOUND for an unreadable or empty PEM file.
// The channel connects lazily, like grpc::CreateCustomChannel.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenSecureChannel(const std::string& target,
                                                                 const ChannelSecurity& security,
                                                                 grpc::ChannelArguments args = {});

// A short hint for "cannot connect" messages: what to check given these settings, e.g.
// "is it serving TLS? then pass --tls-ca".
std::string ConnectHint(const ChannelSecurity& security);

}  // namespace tocflow::cli
