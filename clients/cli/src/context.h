// What every `tocflow` command shares: the global options, the connection to tocflowd, the
// options of commands that change a case, and how failures are printed and turned into exit
// codes.
#pragma once

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/channel_security.h"
#include "cli/exit_codes.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"
#include "tocflow/v1/reports.grpc.pb.h"

namespace tocflow::cli {

// Options every command accepts, before or after the command name.
struct GlobalOptions {
  std::string server = "127.0.0.1:50051";
  bool json = false;
  // --token (else $TOCFLOW_TOKEN), --tls-ca (else $TOCFLOW_TLS_CA), --tls-cert, --tls-key,
  // --tls-server-name. The token is never printed.
  ChannelSecurity security;
};

// The parsed command line: options, and the command to run once parsing succeeded.
struct CliState {
  GlobalOptions global;
  std::function<int()> action;
};

// Adds --server, --json and the security options to `command` (bound to `state.global`).
void AddGlobalOptions(CLI::App* command, CliState& state);
// After parsing: fills the token and CA from $TOCFLOW_TOKEN and $TOCFLOW_TLS_CA when not given
// as options, and checks the security options (files readable, cert with key). A usage error
// is printed (never the token) and kExitUsage returned; nullopt when they are fine.
std::optional<int> ResolveSecurity(GlobalOptions& global);
// Makes `command` run `action` when it is the command given.
void SetAction(CLI::App* command, CliState& state, std::function<int()> action);

// Who, why and when of a command that changes a case.
struct WriteOptions {
  std::string actor;
  std::string request_id;
  std::optional<int64_t> expected_version;
  std::string at;
};
// Adds --actor (default $USER), --request-id (default: a new random id), --expected-version and
// --at (occurred_at, default now) to `command`.
void AddWriteOptions(CLI::App* command, WriteOptions& options);
// The request id to send: options.request_id, or a fresh random one.
std::string RequestId(const WriteOptions& options);
// The actor to send: options.actor, $USER, or "tocflow-cli".
std::string Actor(const WriteOptions& options);
// The occurred_at to send: --at parsed, or now. Errors: INVALID_ARGUMENT for a bad --at.
absl::StatusOr<google::protobuf::Timestamp> OccurredAt(const WriteOptions& options);
// Now, in whole seconds.
google::protobuf::Timestamp Now();

// A channel to tocflowd and its three service stubs.
class Connection {
 public:
  // Connects (with TLS and the token when configured), waiting at most `connect_timeout`.
  // Returns nullptr after printing "cannot reach tocflowd at ADDR (hint)" when the first attempt
  // fails (refused, TLS handshake failed) or it cannot connect in time.
  static std::unique_ptr<Connection> Open(
      const GlobalOptions& options, std::chrono::seconds connect_timeout = std::chrono::seconds(5));

  tocflow::v1::CaseService::Stub& cases() { return *cases_; }
  tocflow::v1::AlertService::Stub& alerts() { return *alerts_; }
  tocflow::v1::ReportService::Stub& reports() { return *reports_; }
  grpc::Channel& channel() { return *channel_; }

  // A context for one unary call with a 30 s deadline.
  static std::unique_ptr<grpc::ClientContext> Call();

 private:
  explicit Connection(std::shared_ptr<grpc::Channel> channel);
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tocflow::v1::CaseService::Stub> cases_;
  std::unique_ptr<tocflow::v1::AlertService::Stub> alerts_;
  std::unique_ptr<tocflow::v1::ReportService::Stub> reports_;
};

// Prints DescribeFailure to stderr; returns the exit code for it.
int Fail(const grpc::Status& status, const GlobalOptions& options);
// Prints "tocflow: <message>" to stderr; returns kExitUsage.
int UsageError(const std::string& message);

}  // namespace tocflow::cli
