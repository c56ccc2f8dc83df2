// The timer storm (issue 5, figure 4): an in-process tocflowd (synchronous=FULL, a ManualClock)
// on a copy of a database with 4 x --cases pending deadlines, --due-at-once of them falling due
// at the same instant. Clients keep sending commands (RecordEvent party_assigned, paced, each
// client on its own connection) throughout; after a window with no storm (the baseline, in the
// same run) the clock is moved past the instant and the scheduler poked, and the storm lasts
// until every due deadline has fired. Prints command latency during the storm against the
// baseline, the storm's length and rate, and checks in the store (and on an alert stream) that
// every due deadline fired exactly once. Exit 1 when a check fails or a command failed.
//
// Usage: storm_bench [--cases 250000] [--due-at-once 100000] [--clients 8] [--rate 200]
//                    [--warmup-ms 2000] [--baseline-ms 10000] [--cache DIR] [--dir DIR]
//                    [--synchronous full|normal] [--checkpoint-pages N] [--json PATH]
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>

#include "common/report.h"
#include "common/run_support.h"
#include "engine/clock.h"
#include "server/server.h"
#include "storm/alert_tally.h"
#include "storm/async_commands.h"
#include "storm/paced_load.h"
#include "storm/storm_db.h"
#include "storm/storm_plan.h"

namespace {

using bench::storm::PacedLoad;
using Clock = std::chrono::steady_clock;

struct Flags {
  int64_t cases = 250000;
  int64_t due_at_once = 100000;
  int clients = 8;
  double rate = 200;
  int warmup_ms = 2000;
  int baseline_ms = 10000;
  int storm_timeout_s = 900;
  std::string cache = "storm-cache";
  std::string dir = ".";
  std::string synchronous = "full";
  int checkpoint_pages = tocflow::store::StoreOptions{}.background_checkpoint_pages;
  std::string json;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

bench::Figure Versus(std::string name, double value, double baseline, bench::Goal goal = {},
                     double target = 0) {
  bench::Figure figure{std::move(name), value, "us", "no storm", baseline};
  figure.goal = goal;
  figure.target = target;
  return figure;
}

bench::Figure Count(std::string name, double value, double target) {
  bench::Figure figure{std::move(name), value, ""};
  figure.goal = bench::Goal::kAtMost;
  figure.target = target;
  return figure;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "storm_bench: %s\n", what.c_str());
  return 1;
}

int Run(const Flags& flags) {
  bench::storm::StormPlan plan;
  plan.cases = flags.cases;
  plan.due_at_once = flags.due_at_once;
  if (plan.due_at_once > plan.cases || plan.due_at_once < 1) {
    return Fail("--due-at-once must be between 1 and --cases");
  }
  std::string error;
  const Clock::time_point generation_start = Clock::now();
  bool generated = false;
  const std::string cached = bench::storm::CachedDatabase(plan, flags.cache, &generated, &error);
  if (cached.empty()) return Fail(error);
  const double generation_s =
      std::chrono::duration<double>(Clock::now() - generation_start).count();
  bench::RunDir dir(flags.dir, "storm_bench");
  if (!dir.ok()) return Fail("cannot create a directory under " + flags.dir);
  const std::string db = dir.File("tocflowd.db");
  const Clock::time_point copy_start = Clock::now();
  if (!bench::storm::CopyDatabase(cached, db, &error)) return Fail(error);
  const double copy_s = std::chrono::duration<double>(Clock::now() - copy_start).count();
  bench::storm::FiringCheck before;
  if (!bench::storm::CheckFirings(db, plan, &before, &error)) return Fail(error);
  if (before.pending != plan.pending_deadlines() || before.elapsed_events != 0) {
    return Fail("the copied database is not as generated: " + before.Describe());
  }

  // The peak memory reported is the storm's: generating the file in this process (a 1 GiB
  // cache) is not counted.
  if (!bench::ResetPeakMemory())
    return Fail("cannot reset the peak memory (/proc/self/clear_refs)");

  // Cold start on the copy, the clock an hour before the storm: nothing is due yet.
  tocflow::engine::ManualClock clock(plan.before_storm());
  tocflow::server::ServerOptions options;
  options.db_path = db;
  options.listen = "127.0.0.1:0";
  options.clock = &clock;
  const bool full = flags.synchronous == "full";
  options.store.synchronous =
      full ? tocflow::store::Synchronous::kFull : tocflow::store::Synchronous::kNormal;
  options.store.background_checkpoint_pages = flags.checkpoint_pages;
  const Clock::time_point start = Clock::now();
  auto server = tocflow::server::Server::Start(options);
  if (!server.ok()) return Fail("tocflowd: " + std::string(server.status().message()));
  const double start_ms = Ms(Clock::now() - start);

  bench::storm::AsyncCommands commands((*server)->address(), flags.clients, 4);
  if (std::string failed = commands.CreateCases(); !failed.empty()) return Fail(failed);
  bench::storm::AlertTally tally((*server)->address());
  if (!tally.Start(std::chrono::seconds(30))) return Fail("the alert stream did not open");

  PacedLoad load(flags.clients, flags.rate,
                 [&](int client, int64_t n, std::function<void(bool)> done) {
                   commands.Send(client, n, std::move(done));
                 });
  load.Start();
  const Clock::time_point baseline_from = Clock::now() + std::chrono::milliseconds(flags.warmup_ms);
  std::this_thread::sleep_until(baseline_from + std::chrono::milliseconds(flags.baseline_ms));

  // The storm: the clock moves past the instant; the scheduler finds every deadline due.
  clock.Set(plan.storm_at);
  const Clock::time_point storm_from = Clock::now();
  (*server)->PokeScheduler();
  const Clock::time_point give_up = storm_from + std::chrono::seconds(flags.storm_timeout_s);
  // The scheduler counts a page of firings once the engine has answered all of it; polled.
  while ((*server)->deadlines_fired() < plan.due_at_once && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const Clock::time_point storm_to = Clock::now();
  const bool drained = load.Stop();
  const bool streamed = tally.WaitFor(plan.due_at_once, std::chrono::seconds(60));
  tally.Stop();
  const int64_t fired = (*server)->deadlines_fired();
  (*server)->Shutdown();
  const double rss_mb = bench::ProcessMemoryMb("VmHWM:");

  bench::storm::FiringCheck after;
  if (!bench::storm::CheckFirings(db, plan, &after, &error)) return Fail(error);

  PacedLoad::Phase baseline = load.Between(baseline_from, storm_from);
  PacedLoad::Phase storm = load.Between(storm_from, storm_to);
  const bench::LatencySummary quiet = baseline.latency.Summarise();
  const bench::LatencySummary busy = storm.latency.Summarise();
  const double storm_s = std::chrono::duration<double>(storm_to - storm_from).count();

  bench::Report report("storm_bench: timer storm with commands");
  report.Note("deadlines",
              std::to_string(plan.pending_deadlines()) + " pending on " +
                  std::to_string(plan.cases) + " cases (EDD, pathway, 7-day, 21-day each), " +
                  std::to_string(plan.due_at_once) + " EDD deadlines due at the same instant");
  report.Note("database", cached + " (generated through the HistoryImporter at synchronous=full" +
                              (generated ? ", this run: " + bench::FormatNumber(generation_s) + " s"
                                         : ", reused") +
                              "), copied for the run in " + bench::FormatNumber(copy_s) + " s");
  report.Note("server", "in-process, synchronous=" + flags.synchronous +
                            ", ManualClock moved past the instant, then PokeScheduler; journey "
                            "cache cold for the storm's cases");
  report.Note("commands", bench::FormatNumber(flags.rate) + "/s paced over " +
                              std::to_string(flags.clients) +
                              " clients (RecordEvent party_assigned, own connection each), "
                              "sent asynchronously: open loop, latency from send to answer");
  report.Note("windows", "baseline " + std::to_string(flags.baseline_ms) + " ms after " +
                             std::to_string(flags.warmup_ms) + " ms warm-up; storm " +
                             bench::FormatNumber(storm_s * 1000) + " ms");
  report.Note("store after the storm", after.Describe());
  report.Note("alert stream", std::to_string(tally.alerts()) + " edd_not_set alerts on " +
                                  std::to_string(tally.cases()) + " cases, " +
                                  std::to_string(tally.repeated_cases()) + " cases more than once");
  report.AddRun({"RecordEvent, no storm", flags.clients, baseline.calls / baseline.seconds, quiet,
                 baseline.errors});
  report.AddRun({"RecordEvent, during the storm", flags.clients, storm.calls / storm.seconds, busy,
                 storm.errors});
  report.Add(Versus("command p99 during the storm", busy.p99_us, quiet.p99_us, bench::Goal::kAtMost,
                    20000));
  report.Add(Versus("command p50 during the storm", busy.p50_us, quiet.p50_us));
  report.Add(Versus("command p999 during the storm", busy.p999_us, quiet.p999_us));
  report.Add(Versus("command max during the storm", busy.max_us, quiet.max_us));
  report.Add({"storm length (due deadlines all fired)", storm_s * 1000, "ms"});
  report.Add({"deadlines fired per second in the storm",
              static_cast<double>(plan.due_at_once) / storm_s, "/s"});
  report.Add({"cold start with the pending deadlines", start_ms, "ms"});
  report.Add(Count("due deadlines not fired (store)",
                   static_cast<double>(plan.due_at_once - after.elapsed_cases), 0));
  report.Add(Count("deadlines fired more than once (store)",
                   static_cast<double>(after.elapsed_events - after.elapsed_cases), 0));
  report.Add(Count("deadlines fired that were not due (store)",
                   static_cast<double>(after.elapsed_not_storm), 0));
  report.Add(Count("due deadlines still pending (store)", static_cast<double>(after.still_due), 0));
  report.Add(Count("storm alerts missing or repeated (stream)",
                   static_cast<double>(plan.due_at_once - tally.cases() + tally.repeated_cases()),
                   0));
  report.Add(Count("commands failed", static_cast<double>(baseline.errors + storm.errors), 0));
  report.Add({"peak RSS (server + clients)", rss_mb, "MB"});
  report.Print(stdout);
  if (!flags.json.empty() && !report.WriteJson(flags.json)) return 1;

  std::string failures;
  if (fired != plan.due_at_once) {
    failures += "the scheduler fired " + std::to_string(fired) + " of " +
                std::to_string(plan.due_at_once) + "; ";
  }
  if (!after.ExactlyOnce(plan)) failures += "store: " + after.Describe() + "; ";
  if (!streamed || tally.cases() != plan.due_at_once || tally.repeated_cases() != 0) {
    failures += "alert stream: " + std::to_string(tally.alerts()) + " alerts on " +
                std::to_string(tally.cases()) + " cases; ";
  }
  if (baseline.errors + storm.errors > 0) {
    failures += std::to_string(baseline.errors + storm.errors) +
                " commands failed, last: " + commands.last_error() + "; ";
  }
  if (!drained) failures += "commands still unanswered 10 minutes after the storm; ";
  if (baseline.calls == 0 || storm.calls == 0) failures += "a window with no command; ";
  if (!failures.empty()) return Fail("FAILED: " + failures);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"Timer storm: deadlines falling due at once while clients send commands"};
  app.add_option("--cases", flags.cases, "Cases, 4 pending deadlines each");
  app.add_option("--due-at-once", flags.due_at_once, "Deadlines falling due at the same instant");
  app.add_option("--clients", flags.clients, "Command clients, one connection each");
  app.add_option("--rate", flags.rate, "Commands per second over all clients");
  app.add_option("--warmup-ms", flags.warmup_ms, "Warm-up before the baseline, excluded");
  app.add_option("--baseline-ms", flags.baseline_ms, "Window with no storm (the baseline)");
  app.add_option("--storm-timeout-s", flags.storm_timeout_s, "Give up on the storm after this");
  app.add_option("--cache", flags.cache, "Where the generated database is kept and reused");
  app.add_option("--dir", flags.dir, "Where the run's copy goes (a real disk)");
  app.add_option("--synchronous", flags.synchronous, "SQLite synchronous setting of the server")
      ->check(CLI::IsMember({"full", "normal"}));
  app.add_option("--checkpoint-pages", flags.checkpoint_pages,
                 "WAL pages before the server's store copies the WAL on its checkpoint thread; 0: "
                 "SQLite's auto-checkpoint inside a commit (for comparison)");
  app.add_option("--json", flags.json, "Also write the figures as JSON here");
  CLI11_PARSE(app, argc, argv);
  return Run(flags);
}
