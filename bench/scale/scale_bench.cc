// The scale benchmark (issue 5, figure 3) on a database made by gen_cases: cold start of an
// in-process tocflowd (synchronous=FULL, its clock at the generated "now") to the first
// GetCase answer; GetCase p99 over random cases; ListCases p99 for three worklists (one ward's
// open cases, one LA's delayed cases, deadlines due in the next 24 h); the DTOC monthly report
// for all LAs and for one; database bytes per event; the process's peak RSS (VmHWM: server and
// this small client together). A file made by an older schema is migrated first, in a child
// process and untimed, so that neither the start nor the RSS counts the one-off rebuild.
//
// Usage: scale_bench --db PATH [--clients 2] [--warmup-ms 1000] [--duration-ms 5000]
//                    [--report-calls 1] [--json PATH]
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "command/echo_server.h"
#include "common/load_runner.h"
#include "common/report.h"
#include "common/run_support.h"
#include "engine/clock.h"
#include "engine/summary_rebuild.h"
#include "google/protobuf/util/message_differencer.h"
#include "scale/journey_gen.h"
#include "server/server.h"
#include "tocflow/v1/cases.grpc.pb.h"
#include "tocflow/v1/reports.grpc.pb.h"
#include "wire/case_view.h"
#include "wire/event_codec.h"
#include "workflow/calendar.h"
#include "workflow/journey.h"

namespace {

namespace v1 = tocflow::v1;
using bench::scale::World;
using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> ReadMeta(const std::string& path) {
  std::map<std::string, std::string> meta;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos) meta[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return meta;
}

double FileBytes(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0.0 : static_cast<double>(size);
}

// Whether GetCase answers `case_id` with the case that replaying its history (GetHistory, every
// page) gives: the server restores the case from its stored row instead of replaying it, and
// this checks the two agree on realistic journeys. Prints the first difference.
bool ServedAsReplayed(v1::CaseService::Stub& stub, const std::string& case_id) {
  v1::Case served;
  {
    v1::GetCaseRequest request;
    request.set_case_id(case_id);
    grpc::ClientContext context;
    if (!stub.GetCase(&context, request, &served).ok()) return false;
  }
  std::vector<workflow::Event> events;
  v1::GetHistoryRequest request;
  request.set_case_id(case_id);
  request.set_page_size(1000);
  do {
    v1::GetHistoryResponse page;
    grpc::ClientContext context;
    if (!stub.GetHistory(&context, request, &page).ok()) return false;
    for (const v1::RecordedEvent& recorded : page.events()) {
      absl::StatusOr<workflow::Event> event = tocflow::wire::FromWire(recorded);
      if (!event.ok()) return false;
      events.push_back(*std::move(event));
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  absl::StatusOr<workflow::Journey> replayed = workflow::Replay(events);
  if (!replayed.ok()) return false;
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  if (differencer.Compare(tocflow::wire::CaseView(case_id, *replayed), served)) return true;
  std::fprintf(stderr, "scale_bench: GetCase %s differs from its replayed history: %s\n",
               case_id.c_str(), difference.c_str());
  return false;
}

// The database's pages in use (page_count less freelist_count), in bytes: a migration that drops
// a table leaves its pages free in the file (reused by later writes, or returned by VACUUM).
// The file's size when it cannot be read.
double BytesInUse(const std::string& path) {
  sqlite3* db = nullptr;
  double bytes = FileBytes(path);
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    auto pragma = [db](const char* sql) -> int64_t {
      sqlite3_stmt* statement = nullptr;
      int64_t value = -1;
      if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK &&
          sqlite3_step(statement) == SQLITE_ROW) {
        value = sqlite3_column_int64(statement, 0);
      }
      sqlite3_finalize(statement);
      return value;
    };
    const int64_t pages = pragma("PRAGMA page_count");
    const int64_t free_pages = pragma("PRAGMA freelist_count");
    const int64_t page_size = pragma("PRAGMA page_size");
    if (pages >= 0 && free_pages >= 0 && page_size > 0) {
      bytes = static_cast<double>((pages - free_pages) * page_size);
    }
  }
  sqlite3_close(db);
  return bytes;
}

bench::Figure Target(std::string name, double value, std::string unit, bench::Goal goal,
                     double target) {
  bench::Figure figure{std::move(name), value, std::move(unit)};
  figure.goal = goal;
  figure.target = target;
  return figure;
}

// Migrates `db` to this build's schema and runs the rebuild a migration files, in a child
// process (before this one starts any thread). False when that failed.
bool MigrateInChild(const std::string& db) {
  const Clock::time_point began = Clock::now();
  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    auto store = tocflow::store::Store::Open(db);
    if (!store.ok()) _exit(1);
    auto pending = (*store)->SummaryRebuildPending();
    if (!pending.ok()) _exit(1);
    if (*pending) {
      auto rebuilt = tocflow::engine::RebuildSummaries(**store, workflow::DefaultReferenceData());
      if (!rebuilt.ok()) {
        std::fprintf(stderr, "scale_bench: rebuild: %s\n",
                     std::string(rebuilt.status().message()).c_str());
        _exit(1);
      }
      std::fprintf(stderr, "scale_bench: migrated %s: %lld cases replayed (%.1f s, not timed)\n",
                   db.c_str(), static_cast<long long>(rebuilt->cases),
                   std::chrono::duration<double>(Clock::now() - began).count());
    }
    _exit(0);
  }
  int status = 0;
  return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  std::string json;
  int clients = 2;
  int warmup_ms = 1000;
  int duration_ms = 5000;
  int report_calls = 1;
  CLI::App app{"Start-up, reads, reports and memory of tocflowd on a generated database"};
  app.add_option("--db", db, "A database made by gen_cases (with its .meta file)")->required();
  app.add_option("--clients", clients, "Concurrent clients for the read figures");
  app.add_option("--warmup-ms", warmup_ms, "Warm-up per read figure, excluded");
  app.add_option("--duration-ms", duration_ms, "Measured window per read figure");
  app.add_option("--report-calls", report_calls, "DTOC reports to time (0: skip)");
  app.add_option("--json", json, "Also write the figures as JSON here");
  CLI11_PARSE(app, argc, argv);

  const auto meta = ReadMeta(db + ".meta");
  if (!meta.contains("cases") || !meta.contains("events")) {
    std::fprintf(stderr, "scale_bench: %s.meta is missing or incomplete (run gen_cases)\n",
                 db.c_str());
    return 2;
  }
  World world;
  world.seed = std::stoull(meta.at("seed"));
  world.now = workflow::FromUnixSeconds(std::stoll(meta.at("now")));
  const int64_t cases = std::stoll(meta.at("cases"));
  const int64_t events = std::stoll(meta.at("events"));
  if (!MigrateInChild(db)) {
    std::fprintf(stderr, "scale_bench: cannot migrate %s to this build's schema\n", db.c_str());
    return 1;
  }
  const double bytes = BytesInUse(db);

  // Cold start: a new server on the file, until the first GetCase is answered.
  tocflow::engine::ManualClock clock(world.now);
  const Clock::time_point start = Clock::now();
  tocflow::server::ServerOptions options;
  options.db_path = db;
  options.listen = "127.0.0.1:0";
  options.clock = &clock;
  auto server = tocflow::server::Server::Start(options);
  if (!server.ok()) {
    std::fprintf(stderr, "scale_bench: %s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  const std::string first_id = bench::scale::IdentityOf(world, 0).case_id;
  std::vector<std::unique_ptr<v1::CaseService::Stub>> stubs;
  for (int c = 0; c < clients; ++c) {
    stubs.push_back(v1::CaseService::NewStub(bench::ClientChannel((*server)->address(), c)));
  }
  {
    v1::GetCaseRequest request;
    request.set_case_id(first_id);
    v1::Case answer;
    grpc::ClientContext context;
    context.set_wait_for_ready(true);
    grpc::Status status = stubs[0]->GetCase(&context, request, &answer);
    if (!status.ok()) {
      std::fprintf(stderr, "scale_bench: first GetCase: %s\n", status.error_message().c_str());
      return 1;
    }
  }
  const double start_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  bench::LoadOptions load;
  load.clients = clients;
  load.warmup = std::chrono::milliseconds(warmup_ms);
  load.duration = std::chrono::milliseconds(duration_ms);
  std::vector<std::mt19937_64> rngs;
  for (int c = 0; c < clients; ++c) rngs.emplace_back(1000 + c);
  auto random_case = [&](int c) {
    return std::uniform_int_distribution<int64_t>(0, cases - 1)(rngs[static_cast<size_t>(c)]);
  };

  bench::LoadResult get_case = bench::RunLoad(load, [&](int c, int64_t) {
    v1::GetCaseRequest request;
    request.set_case_id(bench::scale::IdentityOf(world, random_case(c)).case_id);
    v1::Case answer;
    grpc::ClientContext context;
    return stubs[static_cast<size_t>(c)]->GetCase(&context, request, &answer).ok();
  });

  // Untimed: GetCase answers the same as a replay of the case's history.
  constexpr int kReplayChecks = 1000;
  int unlike_replay = 0;
  for (int i = 0; i < kReplayChecks; ++i) {
    const std::string id = bench::scale::IdentityOf(world, random_case(0)).case_id;
    if (!ServedAsReplayed(*stubs[0], id)) ++unlike_replay;
  }

  // A worklist run: each call lists the first page for the filter made from a random case.
  std::vector<int64_t> listed(static_cast<size_t>(clients), 0);
  auto worklist = [&](auto make_request) {
    std::fill(listed.begin(), listed.end(), 0);
    return bench::RunLoad(load, [&](int c, int64_t) {
      v1::ListCasesRequest request = make_request(bench::scale::IdentityOf(world, random_case(c)));
      v1::ListCasesResponse answer;
      grpc::ClientContext context;
      const bool ok = stubs[static_cast<size_t>(c)]->ListCases(&context, request, &answer).ok();
      listed[static_cast<size_t>(c)] += answer.cases_size();
      return ok;
    });
  };
  auto sum = [&] {
    int64_t total = 0;
    for (int64_t n : listed) total += n;
    return total;
  };
  bench::LoadResult ward = worklist([](const bench::scale::CaseIdentity& who) {
    v1::ListCasesRequest request;
    request.mutable_filter()->set_provider_ods(who.provider_ods);
    request.mutable_filter()->set_ward(who.ward);
    return request;
  });
  const double ward_rows = static_cast<double>(sum()) / static_cast<double>(ward.calls + 1);
  bench::LoadResult delayed = worklist([](const bench::scale::CaseIdentity& who) {
    v1::ListCasesRequest request;
    request.mutable_filter()->set_local_authority(who.local_authority);
    request.mutable_filter()->set_ready_for_discharge(true);
    request.set_order_by(v1::CASE_ORDER_DELAY_DESCENDING);
    return request;
  });
  const double delayed_rows = static_cast<double>(sum()) / static_cast<double>(delayed.calls + 1);
  const int64_t due_before = workflow::ToUnixSeconds(world.now) + 24 * 3600;
  bench::LoadResult due = worklist([&](const bench::scale::CaseIdentity&) {
    v1::ListCasesRequest request;
    request.mutable_filter()->mutable_deadline_due_before()->set_seconds(due_before);
    request.set_order_by(v1::CASE_ORDER_NEXT_DEADLINE);
    return request;
  });
  const double due_rows = static_cast<double>(sum()) / static_cast<double>(due.calls + 1);

  // The DTOC report of the month before "now": for every LA, and for the first case's LA (the
  // server then reads only that LA's cases). The slowest of `report_calls` calls of each.
  double report_seconds = 0;
  double la_report_seconds = 0;
  int report_rows = 0;
  int la_report_rows = 0;
  const std::string one_la = bench::scale::IdentityOf(world, 0).local_authority;
  if (report_calls > 0) {
    auto reports = v1::ReportService::NewStub(bench::ClientChannel((*server)->address(), 0));
    const workflow::Date today = workflow::LondonDate(world.now);
    v1::DelayedTransfersMonthlyRequest request;
    request.set_year(today.month() == 1 ? today.year() - 1 : today.year());
    request.set_month(today.month() == 1 ? 12 : today.month() - 1);
    auto time_report = [&](const std::string& la, double& seconds, int& rows) {
      request.set_local_authority(la);
      for (int i = 0; i < report_calls; ++i) {
        v1::DelayedTransfersMonthlyResponse answer;
        grpc::ClientContext context;
        const Clock::time_point began = Clock::now();
        grpc::Status status = reports->DelayedTransfersMonthly(&context, request, &answer);
        if (!status.ok()) {
          std::fprintf(stderr, "scale_bench: report: %s\n", status.error_message().c_str());
          return false;
        }
        seconds = std::max(seconds, std::chrono::duration<double>(Clock::now() - began).count());
        rows = answer.rows_size();
      }
      return true;
    };
    if (!time_report("", report_seconds, report_rows) ||
        !time_report(one_la, la_report_seconds, la_report_rows)) {
      return 1;
    }
  }
  const double rss_mb = bench::ProcessMemoryMb("VmHWM:");

  bench::Report report("scale_bench: tocflowd on a generated database");
  report.Note("database", db + ": " + std::to_string(cases) + " cases, " + std::to_string(events) +
                              " events, " + bench::FormatNumber(bytes / 1e6) + " MB");
  report.Note("server", "in-process, synchronous=full, clock at the generated now");
  report.Note("rows per page", "ward " + bench::FormatNumber(ward_rows) + ", LA delayed " +
                                   bench::FormatNumber(delayed_rows) + ", due 24 h " +
                                   bench::FormatNumber(due_rows));
  report.AddRun({"GetCase (random case)", clients, get_case.calls_per_second, get_case.latency,
                 get_case.errors});
  report.AddRun({"ListCases: one ward's open cases", clients, ward.calls_per_second, ward.latency,
                 ward.errors});
  report.AddRun({"ListCases: one LA's delayed cases", clients, delayed.calls_per_second,
                 delayed.latency, delayed.errors});
  report.AddRun(
      {"ListCases: deadlines due in 24 h", clients, due.calls_per_second, due.latency, due.errors});
  report.Add(Target("cold start to first GetCase", start_seconds * 1000, "ms", bench::Goal::kAtMost,
                    2000));
  report.Add(Target("GetCase p99", get_case.latency.p99_us, "us", bench::Goal::kAtMost, 1000));
  report.Add(Target("GetCase unlike a replay (" + std::to_string(kReplayChecks) + " random cases)",
                    unlike_replay, "", bench::Goal::kAtMost, 0));
  report.Add(
      Target("ListCases ward open p99", ward.latency.p99_us, "us", bench::Goal::kAtMost, 10000));
  report.Add(Target("ListCases LA delayed p99", delayed.latency.p99_us, "us", bench::Goal::kAtMost,
                    10000));
  report.Add(
      Target("ListCases due in 24 h p99", due.latency.p99_us, "us", bench::Goal::kAtMost, 10000));
  if (report_calls > 0) {
    report.Add({"DTOC month report, all LAs (" + std::to_string(report_rows) + " rows)",
                report_seconds * 1000, "ms"});
    report.Add(
        {"DTOC month report, LA " + one_la + " (" + std::to_string(la_report_rows) + " rows)",
         la_report_seconds * 1000, "ms"});
  }
  report.Add({"database bytes per event", bytes / static_cast<double>(events), "B"});
  report.Add(Target("peak RSS (server + client)", rss_mb, "MB", bench::Goal::kAtMost, 256));
  report.Print(stdout);
  if (!json.empty() && !report.WriteJson(json)) return 1;
  (*server)->Shutdown();
  const int64_t failed = get_case.errors + ward.errors + delayed.errors + due.errors;
  if (failed > 0 || get_case.calls == 0 || ward.calls == 0) {
    std::fprintf(stderr, "scale_bench: %lld failed calls\n", static_cast<long long>(failed));
    return 1;
  }
  if (unlike_replay > 0) {
    std::fprintf(stderr, "scale_bench: %d GetCase answers unlike their replayed history\n",
                 unlike_replay);
    return 1;
  }
  return 0;
}
