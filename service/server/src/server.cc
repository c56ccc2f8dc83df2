#include "server/server.h"

#include <chrono>
#include <iostream>
#include <utility>

#include "alert_hub.h"
#include "alert_service.h"
#include "case_service.h"
#include "engine/command_engine.h"
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

std::string WithPort(const std::string& listen, int port) {
  auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  return host + ":" + std::to_string(port);
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

  auto store = store::Store::Open(opt.db_path, opt.store);
  if (!store.ok()) return store.status();
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
  engine_options.clock = impl->clock;
  auto engine = engine::CommandEngine::Start(std::move(*store), std::move(engine_options));
  if (!engine.ok()) return engine.status();
  impl->engine = std::move(*engine);

  impl->work = std::make_unique<WorkQueue>(opt.work_threads);
  AlertHubOptions hub_options;
  hub_options.buffer = opt.watch_buffer;
  hub_options.stall_timeout = opt.watch_stall_timeout;
  impl->hub = std::make_unique<AlertHub>(impl->readers.get(), last_cursor, hub_options);
  AlertHub* hub = impl->hub.get();
  impl->engine->OnAlertsCommitted([hub](int64_t last) { hub->Notify(last); });
  impl->scheduler =
      std::make_unique<DeadlineScheduler>(impl->engine.get(), impl->readers.get(), impl->clock);

  DeadlineScheduler* scheduler = impl->scheduler.get();
  ServiceDeps deps;
  deps.engine = impl->engine.get();
  deps.readers = impl->readers.get();
  deps.clock = impl->clock;
  deps.reference = opt.reference;
  deps.work = impl->work.get();
  deps.command_applied = [scheduler] { scheduler->Poke(); };
  impl->cases = std::make_unique<CaseServiceImpl>(deps);
  impl->alerts = std::make_unique<AlertServiceImpl>(deps, hub);
  impl->reports = std::make_unique<ReportServiceImpl>(deps);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(opt.listen, grpc::InsecureServerCredentials(), &impl->port);
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
