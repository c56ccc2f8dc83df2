// The tocflowd calls tocflow-adt makes, behind an interface so that the message handler can be
// tested without a server. GrpcCaseGateway is the real one.
//
// Every call returns the server's status as an absl::Status (gRPC and abseil codes are the
// same numbers). Calls block until tocflowd answers or the deadline passes
// (DEADLINE_EXCEEDED); a command's OK means it is durable on the server.
// Thread safety: GrpcCaseGateway may be called from any number of threads.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/channel_security.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::adt {

namespace v1 = ::tocflow::v1;

class CaseGateway {
 public:
  virtual ~CaseGateway() = default;
  // The case of a provider's spell (closed and discharged ones included), read with GetCase.
  // NOT_FOUND when there is none.
  virtual absl::StatusOr<v1::Case> FindCaseOfSpell(const std::string& provider_ods,
                                                   const std::string& spell_id) = 0;
  virtual absl::Status CreateCase(const v1::CreateCaseRequest& request) = 0;
  virtual absl::Status RecordEvent(const v1::RecordEventRequest& request) = 0;
};

// CaseGateway over a gRPC channel to tocflowd. Every call carries the bridge's credentials;
// tocflowd answers UNAUTHENTICATED or PERMISSION_DENIED when they are missing, unknown or do
// not cover the case (see DecideAck for the ACK the hospital then gets).
class GrpcCaseGateway : public CaseGateway {
 public:
  // `target` is a gRPC target such as "127.0.0.1:50051"; `security` the TLS files and token
  // (all empty: a plain channel). Errors: OpenSecureChannel's (unreadable PEM file, a client
  // certificate without its key, a bad token), naming the flag and never the token. The
  // channel connects lazily: an unreachable tocflowd shows up as UNAVAILABLE on calls.
  static absl::StatusOr<std::unique_ptr<GrpcCaseGateway>> Connect(
      const std::string& target, const cli::ChannelSecurity& security,
      std::chrono::milliseconds deadline);

  absl::StatusOr<v1::Case> FindCaseOfSpell(const std::string& provider_ods,
                                           const std::string& spell_id) override;
  absl::Status CreateCase(const v1::CreateCaseRequest& request) override;
  absl::Status RecordEvent(const v1::RecordEventRequest& request) override;

 private:
  GrpcCaseGateway(std::unique_ptr<v1::CaseService::Stub> stub, std::chrono::milliseconds deadline);
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::chrono::milliseconds deadline_;
};

}  // namespace tocflow::adt
