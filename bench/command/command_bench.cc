// Durable commands through gRPC (issue 5, figure 2): CaseService.RecordEvent from 1, 8 and 32
// concurrent clients over loopback against an in-process tocflowd (synchronous=FULL by
// default), measured in the same run as its limits: a raw gRPC echo with the same channel
// settings and message sizes, and raw SQLite writes of the same rows with the same durability
// (one transaction per command, and group commit like the service). Then the p99 at half of
// the maximum load, with the echo and the SQLite group commit paced the same way as its limits.
// Prints a table and writes JSON (--json).
//
// Usage: command_bench [--clients 1,8,32] [--warmup-ms 2000] [--duration-ms 10000]
//                      [--synchronous full|normal] [--checkpoint-pages N]
//                      [--wal-writes gathered|each] [--echo-answer handler|own-thread|
//                      sync-handler|sync-released|async-handler|async-own-thread]
//                      [--dir DIR] [--json PATH]
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "command/echo_server.h"
#include "command/sqlite_baseline.h"
#include "command/tocflowd_load.h"
#include "common/load_runner.h"
#include "common/report.h"
#include "common/run_support.h"
#include "server/server.h"

namespace {

struct Flags {
  std::vector<int> clients = {1, 8, 32};
  int warmup_ms = 2000;
  int duration_ms = 10000;
  int cases_per_client = 16;
  int max_batch = 256;  // the engine's default group size (EngineOptions::max_batch)
  std::string synchronous = "full";
  bool gather_wal_writes = true;
  bench::EchoServer::Answer echo_answer = bench::EchoServer::Answer::kInHandler;
  int checkpoint_pages = tocflow::store::StoreOptions{}.background_checkpoint_pages;
  std::string dir = ".";
  std::string json;
};

bench::RunRow Row(std::string system, const bench::LoadResult& result) {
  return {std::move(system), result.clients,         result.calls_per_second,      result.latency,
          result.errors,     result.cpu_us_per_call, result.client_cpu_us_per_call};
}

// The figures of one client count.
struct Measured {
  int clients;
  bench::LoadResult tocflowd, echo, sqlite_txn, sqlite_group;
  double mean_group = 0;
};

void AddFigures(bench::Report& report, const Measured& m) {
  const std::string at = ", " + std::to_string(m.clients) + " clients";
  const bool targeted = m.clients == 8 || m.clients == 32;
  bench::Figure vs_echo{"RecordEvent calls/s vs echo" + at, m.tocflowd.calls_per_second, "calls/s",
                        "echo calls/s", m.echo.calls_per_second};
  if (targeted) {
    vs_echo.goal = bench::Goal::kAtLeast;
    vs_echo.target = 0.6;
    vs_echo.target_on_ratio = true;
  }
  report.Add(vs_echo);
  // A closed loop's mean latency is clients / (calls/s), so a call that took the echo's time
  // and then the group commit's would run at 1 / (1/echo + 1/group) calls/s. An estimate of
  // what the two limits allow together, not a bound: a server can overlap them.
  const double in_series = 1 / (1 / m.echo.calls_per_second + 1 / m.sqlite_group.calls_per_second);
  report.Add({"RecordEvent calls/s vs echo and SQLite group in series" + at,
              m.tocflowd.calls_per_second, "calls/s", "1/(1/echo + 1/group)", in_series});
  report.Add({"RecordEvent calls/s vs SQLite group commit" + at, m.tocflowd.calls_per_second,
              "calls/s", "SQLite group calls/s", m.sqlite_group.calls_per_second});
  report.Add({"RecordEvent calls/s vs SQLite txn per command" + at, m.tocflowd.calls_per_second,
              "calls/s", "SQLite txn calls/s", m.sqlite_txn.calls_per_second});
  report.Add({"RecordEvent p50 vs echo p50" + at, m.tocflowd.latency.p50_us, "us", "echo p50 us",
              m.echo.latency.p50_us});
  report.Add({"RecordEvent p99 vs echo p99" + at, m.tocflowd.latency.p99_us, "us", "echo p99 us",
              m.echo.latency.p99_us});
  report.Add({"RecordEvent p999 vs echo p999" + at, m.tocflowd.latency.p999_us, "us",
              "echo p999 us", m.echo.latency.p999_us});
  report.Add({"RecordEvent p99 vs SQLite group p99" + at, m.tocflowd.latency.p99_us, "us",
              "SQLite group p99 us", m.sqlite_group.latency.p99_us});
}

// How the echo answers (--echo-answer), for the report; nullptr for the raw limit.
const char* EchoAnswerNote(bench::EchoServer::Answer answer) {
  switch (answer) {
    case bench::EchoServer::Answer::kInHandler:
      return nullptr;
    case bench::EchoServer::Answer::kFromOwnThread:
      return "answered from a thread of the echo server's own";
    case bench::EchoServer::Answer::kSyncInHandler:
      return "gRPC's synchronous API, answered in the handler";
    case bench::EchoServer::Answer::kSyncReleasedByOwnThread:
      return "gRPC's synchronous API, each handler waiting until a thread of the echo server's "
             "own releases it";
    case bench::EchoServer::Answer::kAsyncInHandler:
      return "gRPC's asynchronous API, answered by the thread that took the call";
    case bench::EchoServer::Answer::kAsyncFromOwnThread:
      return "gRPC's asynchronous API, answered from a thread of the echo server's own";
  }
  return nullptr;
}

int Run(const Flags& flags) {
  bench::RunDir dir(flags.dir, "command_bench");
  if (!dir.ok()) {
    std::fprintf(stderr, "command_bench: cannot create a directory under %s\n", flags.dir.c_str());
    return 1;
  }
  const bool full = flags.synchronous == "full";
  tocflow::server::ServerOptions options;
  options.db_path = dir.File("tocflowd.db");
  options.listen = "127.0.0.1:0";
  options.store.synchronous =
      full ? tocflow::store::Synchronous::kFull : tocflow::store::Synchronous::kNormal;
  options.store.background_checkpoint_pages = flags.checkpoint_pages;
  options.store.gather_wal_writes = flags.gather_wal_writes;
  auto server = tocflow::server::Server::Start(options);
  if (!server.ok()) {
    std::fprintf(stderr, "command_bench: tocflowd: %s\n",
                 std::string(server.status().message()).c_str());
    return 1;
  }
  std::unique_ptr<bench::EchoServer> echo = bench::EchoServer::Start(flags.echo_answer);
  if (!echo) {
    std::fprintf(stderr, "command_bench: the echo server could not start\n");
    return 1;
  }

  const int max_clients = *std::max_element(flags.clients.begin(), flags.clients.end());
  bench::TocflowdLoad tocflowd((*server)->address(), max_clients, flags.cases_per_client);
  if (std::string error = tocflowd.CreateCases(); !error.empty()) {
    std::fprintf(stderr, "command_bench: %s\n", error.c_str());
    return 1;
  }

  std::vector<std::unique_ptr<bench::v1::Echo::Stub>> echo_stubs;
  for (int c = 0; c < max_clients; ++c) {
    echo_stubs.push_back(bench::v1::Echo::NewStub(bench::ClientChannel(echo->address(), c)));
  }
  bench::v1::EchoRequest echo_request;
  // The echo request carries as many bytes as a RecordEventRequest: filler plus its own fields.
  echo_request.set_reply_bytes(static_cast<int>(tocflowd.response_bytes()));
  echo_request.set_payload(std::string(tocflowd.request_bytes(), 'x'));
  auto echo_call = [&](int client, int64_t) {
    bench::v1::EchoReply reply;
    grpc::ClientContext context;
    bench::PrepareCall(context);
    return echo_stubs[static_cast<size_t>(client)]->Call(&context, echo_request, &reply).ok();
  };

  bench::RowShape shape;
  shape.event_payload_bytes = tocflowd.event_bytes();
  shape.result_bytes = tocflowd.response_bytes();
  shape.synchronous_full = full;
  shape.cases_per_client = flags.cases_per_client;

  bench::Report report("command_bench: durable commands through gRPC (RecordEvent)");
  report.Note("synchronous", flags.synchronous + (full ? " (the default, the headline)"
                                                       : " (NOT the default: not power-safe)"));
  report.Note("WAL writes", flags.gather_wal_writes
                                ? "gathered, one per commit (the default)"
                                : "each, two per page (NOT the default: for comparison)");
  if (const char* note = EchoAnswerNote(flags.echo_answer)) {
    report.Note("echo", std::string(note) + " (NOT the raw limit: for diagnosis)");
  }
  report.Note("window", std::to_string(flags.warmup_ms) + " ms warm-up excluded, " +
                            std::to_string(flags.duration_ms) + " ms measured per run");
  report.Note("message bytes", "RecordEventRequest " + std::to_string(tocflowd.request_bytes()) +
                                   ", response " + std::to_string(tocflowd.response_bytes()) +
                                   "; echo request/reply padded to the same");
  report.Note("channels", "one channel (TCP connection) per client, distinct channel argument");

  std::vector<Measured> measured;
  std::string errors;
  for (int clients : flags.clients) {
    bench::LoadOptions load;
    load.clients = clients;
    load.warmup = std::chrono::milliseconds(flags.warmup_ms);
    load.duration = std::chrono::milliseconds(flags.duration_ms);
    Measured m{clients, {}, {}, {}, {}};
    m.tocflowd = bench::RunLoad(load, [&](int c, int64_t n) { return tocflowd.Call(c, n); });
    m.echo = bench::RunLoad(load, echo_call);
    {
      bench::SqlitePerTransaction txn(dir.File("raw_txn.db"), shape, clients, &errors);
      if (!errors.empty()) break;
      m.sqlite_txn = bench::RunLoad(load, [&](int c, int64_t) { return txn.Call(c); });
    }
    {
      bench::SqliteGroupCommit group(dir.File("raw_group.db"), shape, flags.max_batch, &errors);
      if (!errors.empty()) break;
      m.sqlite_group = bench::RunLoad(load, [&](int c, int64_t) { return group.Call(c); });
      if (group.transactions() > 0) {
        m.mean_group =
            static_cast<double>(group.commands()) / static_cast<double>(group.transactions());
      }
    }
    measured.push_back(m);
  }
  if (!errors.empty()) {
    std::fprintf(stderr, "command_bench: raw SQLite: %s\n", errors.c_str());
    return 1;
  }

  for (const Measured& m : measured) {
    report.AddRun(Row("tocflowd RecordEvent", m.tocflowd));
    report.AddRun(Row("raw gRPC echo", m.echo));
    report.AddRun(Row("raw SQLite, txn per command per client", m.sqlite_txn));
    char group_name[96];
    std::snprintf(group_name, sizeof group_name, "raw SQLite, group commit (mean %.1f/txn)",
                  m.mean_group);
    report.AddRun(Row(group_name, m.sqlite_group));
  }

  // Half of the highest RecordEvent rate, from the client count that reached it.
  const Measured* best = &measured.front();
  for (const Measured& m : measured) {
    if (m.tocflowd.calls_per_second > best->tocflowd.calls_per_second) best = &m;
  }
  bench::LoadOptions half;
  half.clients = best->clients;
  half.warmup = std::chrono::milliseconds(flags.warmup_ms);
  half.duration = std::chrono::milliseconds(flags.duration_ms);
  half.rate_per_second = best->tocflowd.calls_per_second / 2;
  bench::LoadResult paced =
      bench::RunLoad(half, [&](int c, int64_t n) { return tocflowd.Call(c, n); });
  report.AddRun(Row("tocflowd RecordEvent, paced to half the max", paced));
  // The same pace against the limits: how low the tail can be with gRPC alone, and with the
  // same rows written durably by group commit and no gRPC.
  const bench::LoadResult paced_echo = bench::RunLoad(half, echo_call);
  report.AddRun(Row("raw gRPC echo, same pace", paced_echo));
  bench::LoadResult paced_group;
  {
    bench::SqliteGroupCommit group(dir.File("raw_group_paced.db"), shape, flags.max_batch, &errors);
    if (!errors.empty()) {
      std::fprintf(stderr, "command_bench: raw SQLite: %s\n", errors.c_str());
      return 1;
    }
    paced_group = bench::RunLoad(half, [&](int c, int64_t) { return group.Call(c); });
  }
  report.AddRun(Row("raw SQLite, group commit, same pace", paced_group));

  for (const Measured& m : measured) AddFigures(report, m);
  bench::Figure half_p99{
      "RecordEvent p99 at half max load (" + bench::FormatNumber(*half.rate_per_second) + "/s, " +
          std::to_string(half.clients) + " clients)",
      paced.latency.p99_us, "us", "SQLite group p99 us, same pace", paced_group.latency.p99_us};
  half_p99.goal = bench::Goal::kAtMost;
  half_p99.target = 2000;
  report.Add(half_p99);
  report.Add({"RecordEvent p99 at half max load vs echo p99, same pace", paced.latency.p99_us, "us",
              "echo p99 us, same pace", paced_echo.latency.p99_us});

  // A run with failed calls or none at all measured nothing: say so and exit non-zero. Raw
  // SQLite writers on separate connections may time out waiting for the write lock (SQLITE_BUSY
  // after busy_timeout): that is a property of the baseline, shown in its errors column.
  int64_t failed = paced.errors + paced_echo.errors + paced_group.errors;
  bool empty = paced.calls == 0 || paced_echo.calls == 0 || paced_group.calls == 0;
  for (const Measured& m : measured) {
    failed += m.tocflowd.errors + m.echo.errors + m.sqlite_group.errors;
    empty = empty || m.tocflowd.calls == 0 || m.echo.calls == 0 || m.sqlite_txn.calls == 0 ||
            m.sqlite_group.calls == 0;
  }
  if (failed > 0) {
    report.Note("failed calls",
                std::to_string(failed) + "; last tocflowd error: " + tocflowd.last_error());
  }
  report.Print(stdout);
  if (!flags.json.empty() && !report.WriteJson(flags.json)) return 1;
  (*server)->Shutdown();
  if (failed > 0 || empty) {
    std::fprintf(stderr, "command_bench: %lld failed calls%s\n", static_cast<long long>(failed),
                 empty ? ", and a run with no call completed" : "");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"Durable commands through gRPC against raw gRPC and raw SQLite limits"};
  app.add_option("--clients", flags.clients, "Client counts to run, e.g. 1,8,32")->delimiter(',');
  app.add_option("--warmup-ms", flags.warmup_ms, "Warm-up per run, excluded");
  app.add_option("--duration-ms", flags.duration_ms, "Measured window per run");
  app.add_option("--cases-per-client", flags.cases_per_client, "Cases each client rotates over");
  app.add_option("--synchronous", flags.synchronous, "SQLite synchronous setting")
      ->check(CLI::IsMember({"full", "normal"}));
  app.add_option("--checkpoint-pages", flags.checkpoint_pages,
                 "WAL pages before the store copies the WAL on its checkpoint thread; 0: SQLite's "
                 "auto-checkpoint inside a commit (for comparison)");
  app.add_option("--wal-writes", flags.gather_wal_writes,
                 "gathered: tocflowd's writer makes a commit's WAL writes as one (the default); "
                 "each: two per page, as SQLite does (for comparison)")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, bool>{{"gathered", true}, {"each", false}}))
      ->option_text("gathered|each");
  app.add_option("--echo-answer", flags.echo_answer,
                 "handler: the echo answers in its handler (the default, the raw limit); "
                 "own-thread: a thread of its own answers, as tocflowd's answer thread does; "
                 "sync-handler: gRPC's synchronous API, answered in the handler; "
                 "sync-released: the synchronous API, each handler blocked until a thread of "
                 "the echo's own releases it (as a leader/follower group commit would); "
                 "async-handler: gRPC's asynchronous API, answered by the thread that took the "
                 "call; async-own-thread: the asynchronous API, answered from a thread of its own")
      ->transform(CLI::CheckedTransformer(std::map<std::string, bench::EchoServer::Answer>{
          {"handler", bench::EchoServer::Answer::kInHandler},
          {"own-thread", bench::EchoServer::Answer::kFromOwnThread},
          {"sync-handler", bench::EchoServer::Answer::kSyncInHandler},
          {"sync-released", bench::EchoServer::Answer::kSyncReleasedByOwnThread},
          {"async-handler", bench::EchoServer::Answer::kAsyncInHandler},
          {"async-own-thread", bench::EchoServer::Answer::kAsyncFromOwnThread}}))
      ->option_text("handler|own-thread|sync-handler|sync-released");
  app.add_option("--dir", flags.dir, "Where the run's temporary databases go (a real disk)");
  app.add_option("--json", flags.json, "Also write the figures as JSON here");
  CLI11_PARSE(app, argc, argv);
  return Run(flags);
}
