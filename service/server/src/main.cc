// tocflowd: the tocflow gRPC service on an embedded SQLite file.
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/synchronization/mutex.h"
#include "engine/summary_rebuild.h"
#include "server/config.h"
#include "server/server.h"
#include "store/options.h"
#include "store/store.h"
#include "workflow/rule_set.h"

namespace {

constexpr std::string_view kUsage =
    R"(usage: tocflowd [--db PATH] [--listen ADDR] [--config FILE] [--synchronous full|normal]
                [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--principals FILE]
                [--access-log FILE] [--insecure]
       tocflowd --rebuild-summaries [--db PATH] [--config FILE]

Tracks NHS hospital discharge cases: the tocflow.v1 gRPC API (CaseService, AlertService,
ReportService) with health checking and server reflection, on one SQLite file.

  --db PATH             the database file, created when missing (default ./tocflow.db)
  --listen ADDR         host:port to serve on (default 127.0.0.1:50051, loopback only);
                        port 0 picks a free port
  --config FILE         deployment settings, one `key = value` per line:
                          default_rule_set = CARE_ACT_2014   (CCDDA_2003, CARE_ACT_2014 or
                                                 DISCHARGE_TO_ASSESS_2022, the default)
                          bank_holidays = FILE   one ISO date per line (default: the built-in
                                                 England and Wales list, 2004-2035)
                          higher_rate_authorities = E09000001 E09000033
                          team ROLE SCOPE = PARTY   who gets ROLE's alerts while nobody is
                                                 assigned; SCOPE is PROVIDER/WARD for
                                                 ward_discharge_coordinator and transport, the
                                                 LA code for la_* roles, the ICB code for chc_*
                                                 roles, the provider code for the others
  --synchronous MODE    full (default): every answered command is on disk, also after power
                        loss; normal: faster, may lose the last commands on power loss
  --tls-cert FILE, --tls-key FILE
                        serve TLS with this PEM certificate (chain) and key
  --tls-client-ca FILE  mutual TLS: clients must present a certificate signed by this CA
  --principals FILE     who may call, and in which role; without it every local caller is
                        admin. One per line: token:SHA256 NAME ROLE [SCOPES] or
                        cert:COMMON_NAME NAME ROLE [SCOPES] (printf %s TOKEN | sha256sum);
                        roles discharge_team (scopes PROVIDER or PROVIDER/WARD), social_care
                        (LA codes), chc (ICB codes), integration (providers, optional),
                        analyst (reports only, no identifiers), admin
  --access-log FILE     who called which RPC on which case (default DB.access.log)
  --insecure            allow a non-loopback --listen without TLS (not for patient data)
  --rebuild-summaries   replay every case's events and rewrite the summary rows, facts and
                        pending deadlines that differ (caches of the histories), print what
                        changed, and exit
  --help                this text

Stops cleanly on SIGINT (Ctrl-C) or SIGTERM: streams end with UNAVAILABLE, commands in flight
are committed.
)";

struct Flags {
  std::string db = "./tocflow.db";
  std::string listen = "127.0.0.1:50051";
  std::string config;
  bool rebuild_summaries = false;
  bool insecure = false;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  std::string principals;
  std::string access_log;
  tocflow::store::Synchronous synchronous = tocflow::store::Synchronous::kFull;
};

// 0: run; 1: bad usage; 2: --help.
int ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return 2;
    if (arg == "--rebuild-summaries") {
      flags.rebuild_summaries = true;
      continue;
    }
    if (arg == "--insecure") {
      flags.insecure = true;
      continue;
    }
    std::string value;
    std::string_view name = arg;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::cerr << "tocflowd: " << arg << " needs a value (see --help)\n";
      return 1;
    }
    if (name == "--db") {
      flags.db = value;
    } else if (name == "--listen") {
      flags.listen = value;
    } else if (name == "--config") {
      flags.config = value;
    } else if (name == "--tls-cert") {
      flags.tls_cert = value;
    } else if (name == "--tls-key") {
      flags.tls_key = value;
    } else if (name == "--tls-client-ca") {
      flags.tls_client_ca = value;
    } else if (name == "--principals") {
      flags.principals = value;
    } else if (name == "--access-log") {
      flags.access_log = value;
    } else if (name == "--synchronous") {
      if (value == "full") {
        flags.synchronous = tocflow::store::Synchronous::kFull;
      } else if (value == "normal") {
        flags.synchronous = tocflow::store::Synchronous::kNormal;
      } else {
        std::cerr << "tocflowd: --synchronous must be full or normal, not " << value << "\n";
        return 1;
      }
    } else {
      std::cerr << "tocflowd: unknown flag " << name << " (see --help)\n";
      return 1;
    }
  }
  return 0;
}

// --rebuild-summaries: replays every case and rewrites the rows that differ. Exit status.
int RebuildSummaries(const Flags& flags, const tocflow::server::ServiceConfig& config) {
  tocflow::store::StoreOptions options;
  options.synchronous = flags.synchronous;
  auto store = tocflow::store::Store::Open(flags.db, options);
  if (!store.ok()) {
    std::cerr << "tocflowd: cannot open " << flags.db << ": " << store.status().message() << "\n";
    return 1;
  }
  auto report = tocflow::engine::RebuildSummaries(**store, config.reference, *config.teams);
  if (!report.ok()) {
    std::cerr << "tocflowd: rebuild stopped: " << report.status().message() << "\n";
    return 1;
  }
  std::cout << "tocflowd: replayed " << report->cases << " cases of " << flags.db << "; "
            << report->changed << " summary rows differed and were rewritten";
  for (size_t i = 0; i < report->changed_cases.size(); ++i) {
    std::cout << (i == 0 ? " (" : ", ") << report->changed_cases[i];
  }
  if (!report->changed_cases.empty()) {
    std::cout << (report->changed > static_cast<int64_t>(report->changed_cases.size()) ? ", ...)"
                                                                                       : ")");
  }
  std::cout << "; " << report->facts_written << " stored facts written; "
            << report->deadlines_written << " cases' pending deadlines replaced\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // abseil's lock-order graph (used by gRPC's mutexes) costs ~1% of a loaded server's time
  // (bench/README.md); tocflowd's own locks are std::mutex and are not affected.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  Flags flags;
  switch (ParseFlags(argc, argv, flags)) {
    case 1:
      return 2;
    case 2:
      std::cout << kUsage;
      return 0;
    default:
      break;
  }

  // SIGINT and SIGTERM are blocked in every thread (threads inherit the mask) and taken by
  // sigwait below: no work in a signal handler, and Shutdown runs on the main thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  tocflow::server::ServiceConfig config;
  if (!flags.config.empty()) {
    auto loaded = tocflow::server::LoadConfig(flags.config);
    if (!loaded.ok()) {
      std::cerr << "tocflowd: --config " << flags.config << ": " << loaded.status().message()
                << "\n";
      return 2;
    }
    config = *std::move(loaded);
  }
  if (flags.rebuild_summaries) return RebuildSummaries(flags, config);

  tocflow::server::ServerOptions options;
  options.db_path = flags.db;
  options.reference = config.reference;
  options.teams = config.teams;
  options.default_rule_set = config.default_rule_set;
  options.listen = flags.listen;
  options.tls_cert_file = flags.tls_cert;
  options.tls_key_file = flags.tls_key;
  options.tls_client_ca_file = flags.tls_client_ca;
  options.principals_file = flags.principals;
  options.access_log_file = flags.access_log;
  options.insecure = flags.insecure;
  options.store.synchronous = flags.synchronous;
  auto server = tocflow::server::Server::Start(options);
  if (!server.ok()) {
    std::cerr << "tocflowd: cannot start: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "tocflowd: serving tocflow.v1 on " << (*server)->address() << " (database "
            << flags.db << ", schema " << tocflow::store::kSchemaVersion << ", synchronous "
            << tocflow::store::Name(flags.synchronous) << ", " << (*server)->cases_at_start()
            << " cases, default rule set " << workflow::RuleSetName(config.default_rule_set) << ", "
            << config.team_defaults << " team defaults, TLS "
            << (flags.tls_cert.empty()        ? "off"
                : flags.tls_client_ca.empty() ? "on"
                                              : "mutual")
            << ", authentication " << (flags.principals.empty() ? "off (local admin)" : "on")
            << ")\n"
            << "tocflowd: next, in another terminal: build/tocflow --server "
            << (*server)->address()
            << " case list   (tocflow --help "
               "for every command; build/tocflow import clients/cli/examples/cases.csv loads "
               "sample cases; build/tocflow alerts watch follows alerts). Other languages: "
               "proto/tocflow/v1/*.proto, server reflection on. Ctrl-C stops.\n"
            << std::flush;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "tocflowd: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ": shutting down\n"
            << std::flush;
  (*server)->Shutdown();
  std::cout << "tocflowd: stopped (" << (*server)->deadlines_fired()
            << " deadlines fired this run, " << (*server)->deadlines_refused() << " refused)\n";
  return 0;
}
