#include "server/server.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>
#include <vector>

#include "alert_hub.h"
#include "alert_service.h"
#include "auth/access_log.h"
#include "auth/authenticator.h"
#include "auth/principals_file.h"
#include "case_service.h"
#include "database_access.h"
#include "engine/command_engine.h"
#include "engine/summary_rebuild.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "reader_pool.h"
#include "report_service.h"
#include "scheduler.h"
#include "store/store.h"
#include "work_queue.h"

namespace tocflow::server {
namespace {

constexpr const char* kServiceNames[] = {"tocflow.v1.CaseService", "tocflow.v1.AlertService",
                                         "tocflow.v1.ReportService"};

std::string HostOf(const std::string& listen) {
  auto colon = listen.rfind(':');
  return colon == std::string::npos ? listen : listen.substr(0, colon);
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1" ||
         host.rfind("127.", 0) == 0;
}

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(std::string("cannot read the ") + what + " " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The listening credentials: TLS (optionally mutual) or, on loopback or with --insecure, none.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& opt) {
  const bool tls = !opt.tls_cert_file.empty() || !opt.tls_key_file.empty();
  if (!tls) {
    if (!opt.tls_client_ca_file.empty()) {
      return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
    }
    if (!IsLoopback(HostOf(opt.listen)) && !opt.insecure) {
      return absl::FailedPreconditionError(
          "refusing to serve patient data on " + opt.listen +
          " without TLS: give --tls-cert and --tls-key, listen on 127.0.0.1, or pass --insecure");
    }
    return grpc::InsecureServerCredentials();
  }
  if (opt.tls_cert_file.empty() || opt.tls_key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both --tls-cert and --tls-key");
  }
  auto cert = ReadPem(opt.tls_cert_file, "TLS certificate");
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(opt.tls_key_file, "TLS key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!opt.tls_client_ca_file.empty()) {
    auto ca = ReadPem(opt.tls_client_ca_file, "client CA");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

std::string WithPort(const std::string& listen, int port) {
  return HostOf(listen) + ":" + std::to_string(port);
}

// A schema upgrade that added summary columns or stored facts filed a rebuild: fill them from
// the histories before serving, so that every list shows them and reports need not replay.
absl::Status RebuildSummariesIfPending(store::Store& store, const ServerOptions& opt) {
  absl::StatusOr<bool> pending = store.SummaryRebuildPending();
  if (!pending.ok() || !*pending) return pending.status();
  std::clog << "tocflowd: schema upgraded; rebuilding case summaries and facts from their "
               "histories\n";
  const workflow::TeamDirectory no_teams;
  absl::StatusOr<engine::RebuildReport> report =
      engine::RebuildSummaries(store, opt.reference, opt.teams != nullptr ? *opt.teams : no_teams);
  if (!report.ok()) return report.status();
  std::clog << "tocflowd: " << report->cases << " case summaries rebuilt\n";
  return absl::OkStatus();
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  engine::SystemClock system_clock;
  const engine::Clock* clock = nullptr;
  std::unique_ptr<engine::CommandEngine> engine;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<WorkQueue> work;
  std::unique_ptr<AlertHub> hub;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<auth::AccessLog> access_log;
  std::unique_ptr<DeadlineScheduler> scheduler;
  std::unique_ptr<CaseServiceImpl> cases;
  std::unique_ptr<AlertServiceImpl> alerts;
  std::unique_ptr<ReportServiceImpl> reports;
  std::unique_ptr<grpc::Server> grpc_server;
  std::string address;
  int port = 0;
  int64_t cases_at_start = 0;
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const ServerOptions& opt = impl->options;
  impl->clock = opt.clock != nullptr ? opt.clock : &impl->system_clock;

  auto credentials = Credentials(opt);
  if (!credentials.ok()) return credentials.status();
  std::optional<auth::Principals> principals;
  if (!opt.principals_file.empty()) {
    auto loaded = auth::LoadPrincipals(opt.principals_file);
    if (!loaded.ok()) return loaded.status();
    principals = *std::move(loaded);
  }
  impl->authenticator = std::make_unique<auth::Authenticator>(std::move(principals));
  if (absl::Status writable = CheckDatabaseWritable(opt.db_path); !writable.ok()) return writable;
  auto access_log = auth::AccessLog::Open(
      opt.access_log_file.empty() ? opt.db_path + ".access.log" : opt.access_log_file, impl->clock);
  if (!access_log.ok()) return access_log.status();
  impl->access_log = *std::move(access_log);

  if (!opt.store.on_checkpoint_error) {
    // A checkpoint that fails leaves the WAL growing: say so, and say when it works again.
    impl->options.store.on_checkpoint_error = [path = opt.db_path](const absl::Status& status) {
      if (status.ok()) {
        std::clog << "tocflowd: copying the write-ahead log into " << path << " works again\n";
      } else {
        std::clog << "tocflowd: cannot copy the write-ahead log into " << path << " ("
                  << status.message() << "); it grows until this is fixed\n";
      }
    };
  }
  auto store = store::Store::Open(opt.db_path, opt.store);
  if (!store.ok()) return store.status();
  if (absl::Status rebuilt = RebuildSummariesIfPending(**store, opt); !rebuilt.ok()) {
    return rebuilt;
  }
  impl->readers = std::make_unique<ReaderPool>(opt.db_path, opt.store);
  int64_t last_cursor = 0;
  {
    auto reader = impl->readers->Acquire();
    if (!reader.ok()) return reader.status();
    auto last = (*reader)->LastAlertCursor();
    if (!last.ok()) return last.status();
    last_cursor = *last;
    auto count = (*reader)->CaseCount();
    if (!count.ok()) return count.status();
    impl->cases_at_start = *count;
  }

  engine::EngineOptions engine_options;
  engine_options.reference = opt.reference;
  engine_options.teams = opt.teams;
  engine_options.default_rule_set = opt.default_rule_set;
  engine_options.max_events_per_case = opt.max_events_per_case;
  engine_options.journey_cache_size = opt.journey_cache_size;
  engine_options.clock = impl->clock;
  auto engine = engine::CommandEngine::Start(std::move(*store), std::move(engine_options));
  if (!engine.ok()) return engine.status();
  impl->engine = std::move(*engine);

  impl->work = std::make_unique<WorkQueue>(opt.work_threads);
  AlertHubOptions hub_options;
  hub_options.buffer = opt.watch_buffer;
  hub_options.stall_timeout = opt.watch_stall_timeout;
  hub_options.delivery_threads = opt.watch_delivery_threads;
  impl->hub = std::make_unique<AlertHub>(impl->readers.get(), last_cursor, hub_options);
  AlertHub* hub = impl->hub.get();
  impl->engine->OnAlertsCommitted([hub, committed = opt.on_alerts_committed](int64_t last) {
    if (committed) committed(last);
    hub->Notify(last);
  });
  impl->scheduler =
      std::make_unique<DeadlineScheduler>(impl->engine.get(), impl->readers.get(), impl->clock);

  DeadlineScheduler* scheduler = impl->scheduler.get();
  ServiceDeps deps;
  deps.engine = impl->engine.get();
  deps.readers = impl->readers.get();
  deps.clock = impl->clock;
  deps.reference = opt.reference;
  if (opt.teams != nullptr) deps.teams = opt.teams;
  deps.work = impl->work.get();
  deps.command_applied = [scheduler] { scheduler->Poke(); };
  deps.authenticator = impl->authenticator.get();
  impl->cases = std::make_unique<CaseServiceImpl>(deps);
  impl->alerts = std::make_unique<AlertServiceImpl>(deps, hub, opt.max_watches_per_client);
  impl->reports = std::make_unique<ReportServiceImpl>(deps);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(opt.listen, *credentials, &impl->port);
  builder.SetMaxReceiveMessageSize(opt.max_message_bytes);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(
      auth::AccessLogInterceptors(impl->access_log.get(), impl->authenticator.get()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  builder.RegisterService(impl->cases.get());
  builder.RegisterService(impl->alerts.get());
  builder.RegisterService(impl->reports.get());
  impl->grpc_server = builder.BuildAndStart();
  if (!impl->grpc_server || impl->port == 0) {
    impl->scheduler->Stop();
    impl->hub->Stop();
    return absl::UnavailableError("cannot listen on " + opt.listen +
                                  " (address in use or not local?)");
  }
  impl->address = WithPort(opt.listen, impl->port);
  auto* health = impl->grpc_server->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    for (const char* name : kServiceNames) health->SetServingStatus(name, true);
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

const std::string& Server::address() const { return impl_->address; }
int Server::port() const { return impl_->port; }
int64_t Server::cases_at_start() const { return impl_->cases_at_start; }
void Server::PokeScheduler() { impl_->scheduler->Poke(); }
int64_t Server::deadlines_fired() const { return impl_->scheduler->fired(); }
int64_t Server::deadlines_refused() const { return impl_->scheduler->refused(); }
int64_t Server::stalled_watchers_finished() const { return impl_->hub->stalled_finished(); }

void Server::Shutdown() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  if (auto* health = impl_->grpc_server->GetHealthCheckService()) {
    health->SetServingStatus(false);
    for (const char* name : kServiceNames) health->SetServingStatus(name, false);
  }
  impl_->scheduler->Stop();
  impl_->hub->Stop();
  impl_->grpc_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  impl_->grpc_server->Wait();
  impl_->work->Stop();
  impl_->engine.reset();  // commits what is queued, then stops the writer
}

}  // namespace tocflow::server
