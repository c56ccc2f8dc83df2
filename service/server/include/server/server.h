// tocflowd in a box: opens the store, starts the command engine, the alert hub, the deadline
// scheduler and the gRPC server (CaseService, AlertService, ReportService, health checking and
// reflection). Used by main.cc and by the integration tests.
//
// Thread safety: PokeScheduler may be called from any thread; Shutdown from one thread (never
// from a signal handler).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine/clock.h"
#include "engine/command_engine.h"
#include "store/options.h"
#include "workflow/alert_rules.h"
#include "workflow/reference_data.h"
#include "workflow/rule_set.h"

namespace tocflow::server {

struct ServerOptions {
  // The SQLite file; created when missing. Required.
  std::string db_path;
  // host:port to listen on; port 0 picks a free port (read it back with port()).
  std::string listen = "127.0.0.1:50051";
  store::StoreOptions store;
  // The source of "now" for the engine, the scheduler and ListCases; must outlive the server.
  // nullptr: the system clock.
  const engine::Clock* clock = nullptr;
  std::shared_ptr<const workflow::ReferenceData> reference = workflow::DefaultReferenceData();
  // Alert routing defaults and the rule set of cases opened without one (see config.h).
  std::shared_ptr<const workflow::TeamDirectory> teams;
  workflow::RuleSetId default_rule_set = workflow::kDefaultRuleSet;
  // Threads that read cases back after commands.
  int work_threads = 2;
  // Journeys the command writer keeps in memory (least recently used dropped); a command on any
  // other case first restores it from the store (its row, facts and pending deadlines).
  size_t journey_cache_size = engine::EngineOptions{}.journey_cache_size;
  // Alerts queued per WatchAlerts stream; a watcher that leaves its queue full without reading
  // for watch_stall_timeout is finished with RESOURCE_EXHAUSTED (it resumes from its cursor).
  size_t watch_buffer = 256;
  std::chrono::milliseconds watch_stall_timeout{30000};
  // Threads that hand the alert hub's deliveries to the watch streams, the hub's own included
  // (each may start a gRPC write); 0: one per core, at most 4.
  int watch_delivery_threads = 0;
  // Limits: WatchAlerts streams one client (principal, or connection without authentication)
  // may hold open; the largest request message (larger: RESOURCE_EXHAUSTED from gRPC); events
  // one case may hold (more: RESOURCE_EXHAUSTED).
  int max_watches_per_client = 32;
  int max_message_bytes = 1 << 20;
  int64_t max_events_per_case = 10000;

  // Security. TLS with these PEM files when both are set; with client_ca_file too, clients
  // must present a certificate signed by that CA (mutual TLS).
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;
  // Who may call (see the principals file format in README "Security"); empty: authentication
  // off, every caller is the local admin.
  std::string principals_file;
  // Listening on a non-loopback address without TLS is refused unless this is set.
  bool insecure = false;
  // One line per RPC (who, which RPC, which case, outcome); empty: `<db_path>.access.log`.
  std::string access_log_file;

  // For benchmarks and tests in the same process: called with the highest alert cursor of each
  // durable commit group that stored alerts, on the writer thread, just before the watch streams
  // are woken for them. Must be quick. Empty: nothing is called.
  std::function<void(int64_t last_cursor)> on_alerts_committed;
};

class Server {
 public:
  // Starts everything. Errors: the store's (a newer schema is FAILED_PRECONDITION, an
  // unopenable file UNAVAILABLE), UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServerOptions options);
  ~Server();  // Shutdown()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The address actually bound, e.g. "127.0.0.1:43215".
  const std::string& address() const;
  int port() const;
  // Cases stored when the server started.
  int64_t cases_at_start() const;

  // Makes the scheduler look at the deadlines now (after a ManualClock moved).
  void PokeScheduler();
  // deadline_elapsed events the scheduler has recorded.
  int64_t deadlines_fired() const;
  // Deadlines the engine refused while the store still held them pending (logged, then skipped
  // until their case changes).
  int64_t deadlines_refused() const;
  // WatchAlerts streams finished because their watcher stopped reading.
  int64_t stalled_watchers_finished() const;

  // Graceful stop: health NOT_SERVING, watch streams end with UNAVAILABLE, the scheduler stops,
  // in-flight RPCs finish (cancelled after a few seconds), queued commands are committed.
  // Idempotent.
  void Shutdown();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocflow::server
