#include "context.h"

#include <cstdlib>
#include <random>
#include <utility>

#include "cli/format.h"

namespace tocflow::cli {

void AddGlobalOptions(CLI::App* command, CliState& state) {
  // $TOCFLOW_SERVER is read once into the default (main.cc): an option's own envname would be
  // read again by every subcommand and override a --server given before the command name.
  command->add_option("--server", state.global.server,
                      "tocflowd address host:port (default $TOCFLOW_SERVER, else 127.0.0.1:50051)");
  command->add_flag("--json", state.global.json, "print JSON for scripts instead of tables");
  // No envname and no captured defaults: the token must never appear in --help.
  command->add_option("--token", state.global.security.token,
                      "bearer token for tocflowd (default $TOCFLOW_TOKEN); never printed");
  command->add_option("--tls-ca", state.global.security.tls_ca,
                      "connect with TLS, verifying tocflowd against this PEM CA file "
                      "(default $TOCFLOW_TLS_CA)");
  command->add_option("--tls-cert", state.global.security.tls_cert,
                      "PEM client certificate for mutual TLS (with --tls-key)");
  command->add_option("--tls-key", state.global.security.tls_key, "PEM private key of --tls-cert");
  command->add_option("--tls-server-name", state.global.security.tls_server_name,
                      "the name tocflowd's certificate must carry, when not the --server host");
}

std::optional<int> ResolveSecurity(GlobalOptions& global) {
  ChannelSecurity& security = global.security;
  if (const char* token = std::getenv("TOCFLOW_TOKEN");
      security.token.empty() && token != nullptr && *token != '\0') {
    security.token = token;
  }
  if (const char* ca = std::getenv("TOCFLOW_TLS_CA");
      security.tls_ca.empty() && ca != nullptr && *ca != '\0') {
    security.tls_ca = ca;
  }
  absl::Status ok = CheckChannelSecurity(security);
  if (ok.ok()) return std::nullopt;
  return UsageError(std::string(ok.message()));
}

void SetAction(CLI::App* command, CliState& state, std::function<int()> action) {
  command->callback([&state, action = std::move(action)] { state.action = action; });
}

void AddWriteOptions(CLI::App* command, WriteOptions& options) {
  command->add_option("--actor", options.actor, "who records it (default $USER)");
  command->add_option("--request-id", options.request_id,
                      "idempotency key: a retry with the same id applies nothing twice "
                      "(default: a new random id)");
  command->add_option("--expected-version", options.expected_version,
                      "refuse (ABORTED) unless the case is still at this version");
  command->add_option("--at", options.at,
                      "when it happened: ISO 8601, or London time \"2026-10-03 14:00\" "
                      "(default now)");
}

std::string RequestId(const WriteOptions& options) {
  if (!options.request_id.empty()) return options.request_id;
  std::random_device device;
  std::mt19937_64 random(
      (static_cast<uint64_t>(device()) << 32) ^ device() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  char out[40];
  std::snprintf(out, sizeof out, "cli-%016llx%08llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random() & 0xffffffffu));
  return out;
}

std::string Actor(const WriteOptions& options) {
  if (!options.actor.empty()) return options.actor;
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "tocflow-cli";
}

google::protobuf::Timestamp Now() {
  google::protobuf::Timestamp now;
  now.set_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count());
  return now;
}

absl::StatusOr<google::protobuf::Timestamp> OccurredAt(const WriteOptions& options) {
  if (options.at.empty()) return Now();
  auto at = ParseTimestamp(options.at);
  if (!at.ok()) return absl::InvalidArgumentError("--at: " + std::string(at.status().message()));
  return at;
}

Connection::Connection(std::shared_ptr<grpc::Channel> channel) : channel_(std::move(channel)) {
  cases_ = tocflow::v1::CaseService::NewStub(channel_);
  alerts_ = tocflow::v1::AlertService::NewStub(channel_);
  reports_ = tocflow::v1::ReportService::NewStub(channel_);
}

std::unique_ptr<Connection> Connection::Open(const GlobalOptions& options,
                                             std::chrono::seconds connect_timeout) {
  grpc::ChannelArguments args;
  // Reconnect quickly after a server restart (the default backoff can reach minutes).
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
  auto channel = OpenSecureChannel(options.server, options.security, args);
  if (!channel.ok()) {  // ResolveSecurity has checked the options already; a file may have gone
    std::cerr << "tocflow: " << channel.status().message() << "\n";
    return nullptr;
  }
  std::unique_ptr<Connection> connection(new Connection(*std::move(channel)));
  // Ready, or give up at the first failed attempt (refused, no route) or at the timeout.
  const auto deadline = std::chrono::system_clock::now() + connect_timeout;
  grpc_connectivity_state state = connection->channel_->GetState(/*try_to_connect=*/true);
  while (state != GRPC_CHANNEL_READY) {
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_SHUTDOWN ||
        !connection->channel_->WaitForStateChange(state, deadline)) {
      std::cerr << "tocflow: cannot reach tocflowd at " << options.server << " ("
                << ConnectHint(options.security) << ")\n";
      return nullptr;
    }
    state = connection->channel_->GetState(/*try_to_connect=*/true);
  }
  return connection;
}

std::unique_ptr<grpc::ClientContext> Connection::Call() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

int Fail(const grpc::Status& status, const GlobalOptions& options) {
  std::cerr << "tocflow: " << DescribeFailure(status, options.server) << "\n";
  return ExitCodeFor(status.error_code());
}

int UsageError(const std::string& message) {
  std::cerr << "tocflow: " << message << "\n";
  return kExitUsage;
}

}  // namespace tocflow::cli
