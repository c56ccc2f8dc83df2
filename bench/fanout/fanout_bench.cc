// The alert fan-out (issue 5, figure 5): --streams concurrent WatchAlertBatches streams
// (WatchAlerts with --one-per-message) with mixed filters (role, team, LA, ICB, role and LA, one
// case; see fanout_plan.h) on an in-process tocflowd (synchronous=FULL, a ManualClock, team
// defaults), while --clients clients send commands at --rate per second, each raising one alert.
// Measures commit-to-delivery latency (the writer's report that the alert's group is durable to
// the alert's arrival, same steady clock, same process) and checks
// that every stream received exactly the alerts its filter selects, computed from the commands
// answered OK. Measured in the same run as its limits: the same messages (count, size, streams,
// channels) pushed through plain gRPC server streams, paced at the same event rate (latency)
// and as fast as they go (messages/s). Exit 1 when a stream missed an alert or got a wrong one,
// a command failed, or a stream ended early.
//
// Usage: fanout_bench [--streams 1000] [--rate 1000] [--clients 64] [--channels 32]
//                     [--watch-buffer 256] [--warmup-ms 2000] [--duration-ms 20000]
//                     [--synchronous full|normal] [--one-per-message]
//                     [--dir DIR] [--json PATH]
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <system_error>

#include "common/load_runner.h"
#include "common/report.h"
#include "common/run_support.h"
#include "engine/clock.h"
#include "fanout/event_load.h"
#include "fanout/fanout_check.h"
#include "fanout/fanout_plan.h"
#include "fanout/raw_fanout.h"
#include "fanout/watchers.h"
#include "server/server.h"

namespace {

namespace fanout = bench::fanout;
using Clock = std::chrono::steady_clock;

struct Flags {
  int streams = 1000;
  double rate = 1000;
  int clients = 64;
  int channels = 32;
  int watch_buffer = 256;        // tocflowd's default (ServerOptions::watch_buffer)
  int delivery_threads = 0;      // tocflowd's default (ServerOptions::watch_delivery_threads)
  bool one_per_message = false;  // WatchAlerts instead of WatchAlertBatches
  int warmup_ms = 2000;
  int duration_ms = 20000;
  std::string synchronous = "full";
  std::string dir = ".";
  std::string json;
};

int Fail(const std::string& what) {
  std::fprintf(stderr, "fanout_bench: %s\n", what.c_str());
  return 1;
}

bench::Figure Versus(std::string name, double value, std::string limit_name, double limit,
                     std::string unit = "us") {
  return {std::move(name), value, std::move(unit), std::move(limit_name), limit};
}

bench::Figure AtMost(bench::Figure figure, double target) {
  figure.goal = bench::Goal::kAtMost;
  figure.target = target;
  return figure;
}

int Run(const Flags& flags) {
  bench::RunDir dir(flags.dir, "fanout_bench");
  if (!dir.ok()) return Fail("cannot create a directory under " + flags.dir);
  const workflow::Timestamp now = workflow::FromUnixSeconds(1793620800);  // 2026-11-02 12:00
  tocflow::engine::ManualClock clock(now);
  tocflow::server::ServerOptions options;
  options.db_path = dir.File("tocflowd.db");
  options.listen = "127.0.0.1:0";
  options.clock = &clock;
  options.teams = fanout::Teams();
  options.watch_buffer = static_cast<size_t>(flags.watch_buffer);
  options.watch_delivery_threads = flags.delivery_threads;
  const bool full = flags.synchronous == "full";
  options.store.synchronous =
      full ? tocflow::store::Synchronous::kFull : tocflow::store::Synchronous::kNormal;
  // Streams per connection: within the default of 32 per client unless fewer channels.
  const int per_channel = (flags.streams + flags.channels - 1) / flags.channels;
  options.max_watches_per_client = std::max(options.max_watches_per_client, per_channel);
  // When each alert was durable: the writer reports every commit group that stored alerts.
  std::mutex commits_mutex;
  std::vector<fanout::AlertCommit> commits;
  commits.reserve(1 << 20);
  options.on_alerts_committed = [&commits_mutex, &commits](int64_t last_cursor) {
    const Clock::time_point at = Clock::now();
    std::lock_guard lock(commits_mutex);
    commits.push_back({last_cursor, at});
  };
  auto server = tocflow::server::Server::Start(options);
  if (!server.ok()) return Fail("tocflowd: " + std::string(server.status().message()));

  const int pre_opened = fanout::PreOpenedPerClient(flags.streams, flags.clients);
  fanout::EventLoad load((*server)->address(), flags.clients, pre_opened,
                         workflow::ToUnixSeconds(now));
  if (std::string failed = load.PreOpen(); !failed.empty()) return Fail(failed);
  const std::vector<fanout::StreamFilter> filters =
      fanout::MakeFilters(flags.streams, flags.clients, pre_opened);
  std::vector<tocflow::v1::AlertFilter> wire;
  for (const auto& filter : filters) {
    wire.push_back(fanout::ToWire(
        filter, filter.case_key ? load.PreOpenedId(*filter.case_key) : std::string()));
  }

  const double rss_before = bench::ProcessMemoryMb("VmRSS:");
  fanout::Watchers watchers((*server)->address(), flags.channels, !flags.one_per_message);
  std::string error;
  if (!watchers.Open(wire, std::chrono::seconds(60), &error)) return Fail(error);
  const double rss_streams = bench::ProcessMemoryMb("VmRSS:");

  bench::LoadOptions paced;
  paced.clients = flags.clients;
  paced.warmup = std::chrono::milliseconds(flags.warmup_ms);
  paced.duration = std::chrono::milliseconds(flags.duration_ms);
  paced.rate_per_second = flags.rate;
  // RunLoad starts 20 ms after it is called; its window follows the warm-up.
  const Clock::time_point window_from = Clock::now() + std::chrono::milliseconds(20) + paced.warmup;
  const Clock::time_point window_to = window_from + paced.duration;
  bench::LoadResult commands =
      bench::RunLoad(paced, [&](int client, int64_t n) { return load.Call(client, n); });

  const fanout::Events events = fanout::CollectEvents(load.records());
  const std::vector<std::vector<int>> targets = fanout::ExpectedTargets(events, filters);
  int64_t expected_total = 0;
  for (const auto& t : targets) expected_total += static_cast<int64_t>(t.size());
  const bool delivered = watchers.WaitForTotal(expected_total, std::chrono::seconds(60));
  const int64_t ended_early = watchers.ended_early();
  const std::string end_status = watchers.last_end_status();
  if (!watchers.Close()) return Fail("WatchAlerts streams did not end after cancelling");
  const double stalled = static_cast<double>((*server)->stalled_watchers_finished());
  (*server)->Shutdown();

  const fanout::FanoutCheck check =
      fanout::CheckDeliveries(events, targets, filters, watchers, commits, window_from, window_to);
  bench::LatencyRecorder commit_recorder = check.commit_to_delivery;
  const bench::LatencySummary commit = commit_recorder.Summarise();
  bench::LatencyRecorder send_recorder = check.send_to_delivery;
  const bench::LatencySummary send = send_recorder.Summarise();

  const double delivered_rate =
      static_cast<double>(check.window_deliveries) / (flags.duration_ms / 1000.0);
  // What the clients achieved: OK commands from the first send to the last answer (RunLoad
  // counts every call scheduled in its window, however late it was sent), and each command's
  // own latency, send to answer (RunLoad's runs from the scheduled time: it adds the lag of a
  // client that fell behind its schedule).
  bench::LatencyRecorder own_latency;
  Clock::time_point first_sent = Clock::time_point::max();
  Clock::time_point last_answered = Clock::time_point::min();
  for (const fanout::OkEvent& event : events.ok) {
    first_sent = std::min(first_sent, event.record->sent);
    last_answered = std::max(last_answered, event.record->answered);
    if (event.record->sent >= window_from && event.record->sent < window_to) {
      own_latency.Add(event.record->answered - event.record->sent);
    }
  }
  const double achieved_rate =
      events.ok.empty() ? 0
                        : static_cast<double>(events.ok.size()) /
                              std::chrono::duration<double>(last_answered - first_sent).count();
  const bench::LatencySummary own = own_latency.Summarise();

  // The raw limits: the same deliveries through plain gRPC streams.
  std::unique_ptr<fanout::RawFanout> raw = fanout::RawFanout::Start();
  if (!raw) return Fail("the raw fan-out server could not start");
  int64_t skip = 0;
  while (skip < static_cast<int64_t>(events.ok.size()) &&
         events.ok[static_cast<size_t>(skip)].record->sent < window_from) {
    ++skip;
  }
  const size_t payload = static_cast<size_t>(std::max(0.0, check.mean_alert_bytes - 14));
  fanout::RawFanout::Result raw_paced =
      raw->Run(flags.streams, flags.channels, targets, achieved_rate, skip, payload);
  fanout::RawFanout::Result raw_max =
      raw->Run(flags.streams, flags.channels, targets, 0, 0, payload);
  const bench::LatencySummary raw_latency = raw_paced.latency.Summarise();
  const double raw_rate =
      raw_max.seconds > 0 ? static_cast<double>(raw_max.messages) / raw_max.seconds : 0;

  bench::Report report("fanout_bench: WatchAlerts fan-out");
  std::string mix;
  for (const auto& [label, count] : check.streams_by_label) {
    mix += (mix.empty() ? "" : ", ") + std::to_string(count) + " " + label;
  }
  report.Note(
      "streams",
      std::to_string(flags.streams) + " (" + mix + ") over " + std::to_string(flags.channels) +
          " channels (TCP connections), callback API, from now, " +
          (flags.one_per_message ? "WatchAlerts (one alert per message)"
                                 : "WatchAlertBatches (every alert ready per message)") +
          "; tocflowd watch buffer " + std::to_string(flags.watch_buffer) + ", delivery threads " +
          (flags.delivery_threads == 0 ? std::string("one per core (the default)")
                                       : std::to_string(flags.delivery_threads)));
  report.Note("commands", bench::FormatNumber(flags.rate) + "/s offered by " +
                              std::to_string(flags.clients) +
                              " paced clients (own channel each): open, refer, discharge; one "
                              "alert each; synchronous=" +
                              flags.synchronous);
  report.Note("window", std::to_string(flags.warmup_ms) + " ms warm-up excluded from latency, " +
                            std::to_string(flags.duration_ms) +
                            " ms measured; correctness over the whole run");
  report.Note("deliveries",
              std::to_string(check.received) + " received of " + std::to_string(check.expected) +
                  " expected; " + std::to_string(check.before_answer) +
                  " arrived before the command's client had its answer; latency "
                  "from the durable commit (tocflowd's on_alerts_committed), " +
                  std::to_string(check.no_commit_time) + " timed from the answer for want of it");
  report.Note("alert size", bench::FormatNumber(check.mean_alert_bytes) +
                                " wire bytes on average (raw messages padded to it)");
  report.Note("memory", bench::FormatNumber((rss_streams - rss_before) * 1024 / flags.streams) +
                            " KB RSS per stream (server and client sides, at open)");
  if (ended_early > 0) report.Note("streams ended early", end_status);
  report.AddRun({"commands, from the scheduled time (RunLoad)", flags.clients,
                 commands.calls_per_second, commands.latency, commands.errors});
  report.AddRun({"commands, send to answer", flags.clients, achieved_rate, own, events.failed});
  report.AddRun({"tocflowd commit-to-delivery, all streams", static_cast<int>(filters.size()),
                 delivered_rate, commit, check.missing});
  for (const auto& [label, recorder] : check.by_label) {
    bench::LatencyRecorder copy = recorder;
    report.AddRun({"  streams by " + label, static_cast<int>(check.streams_by_label.at(label)),
                   static_cast<double>(copy.count()) / (flags.duration_ms / 1000.0),
                   copy.Summarise(), 0});
  }
  report.AddRun({"raw gRPC push, paced at the same event rate", flags.streams,
                 static_cast<double>(raw_paced.messages) / std::max(raw_paced.seconds, 1e-9),
                 raw_latency, raw_paced.expected - raw_paced.messages});
  report.AddRun({"raw gRPC push, as fast as possible", flags.streams, raw_rate,
                 raw_max.latency.Summarise(), raw_max.expected - raw_max.messages});

  report.Add(AtMost(
      Versus("commit-to-delivery p99", commit.p99_us, "raw push p99", raw_latency.p99_us), 20000));
  report.Add(Versus("commit-to-delivery p50", commit.p50_us, "raw push p50", raw_latency.p50_us));
  report.Add(
      Versus("commit-to-delivery p999", commit.p999_us, "raw push p999", raw_latency.p999_us));
  report.Add(Versus("commit-to-delivery max", commit.max_us, "raw push max", raw_latency.max_us));
  report.Add({"send-to-delivery p99 (includes the command)", send.p99_us, "us"});
  report.Add(
      Versus("alerts delivered per second", delivered_rate, "raw push max/s", raw_rate, "/s"));
  report.Add(Versus("events per second achieved (commands answered OK)", achieved_rate, "offered",
                    flags.rate, "/s"));
  report.Add({"command p99 under the fan-out (send to answer)", own.p99_us, "us"});
  report.Add(
      {"command p99 from the scheduled time (client lag included)", commands.latency.p99_us, "us"});
  report.Add(
      AtMost({"streams that missed an alert", static_cast<double>(check.streams_missing), ""}, 0));
  report.Add(AtMost({"alerts missed (all streams)", static_cast<double>(check.missing), ""}, 0));
  report.Add(AtMost(
      {"alerts wrong, repeated or out of order",
       static_cast<double>(check.unexpected + check.repeated + check.out_of_order + check.unmapped),
       ""},
      0));
  report.Add(
      AtMost({"streams ended early (incl. stalled)", static_cast<double>(ended_early), ""}, 0));
  report.Add({"peak RSS (server, clients, raw runs)", bench::ProcessMemoryMb("VmHWM:"), "MB"});
  report.Print(stdout);
  if (!flags.json.empty() && !report.WriteJson(flags.json)) return 1;

  std::string failures;
  if (!check.Clean() || !delivered) {
    failures +=
        std::to_string(check.streams_missing) + " streams missed " + std::to_string(check.missing) +
        " alerts, " +
        std::to_string(check.unexpected + check.repeated + check.out_of_order + check.unmapped) +
        " wrong; ";
  }
  if (events.failed > 0 || commands.errors > 0) {
    failures +=
        std::to_string(events.failed) + " commands failed, last: " + load.last_error() + "; ";
  }
  if (ended_early > 0 || stalled > 0) failures += "streams ended early: " + end_status + "; ";
  if (commands.calls == 0 || check.window_deliveries == 0) failures += "nothing measured; ";
  if (raw_paced.messages != raw_paced.expected || raw_max.messages != raw_max.expected) {
    failures += "the raw push lost messages; ";
  }
  if (!failures.empty()) return Fail("FAILED: " + failures);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"WatchAlerts fan-out: many filtered streams, commit-to-delivery latency"};
  app.add_option("--streams", flags.streams, "Concurrent WatchAlerts streams")
      ->check(CLI::Range(2, 100000));
  app.add_option("--rate", flags.rate, "Commands (alerts) per second offered")
      ->check(CLI::PositiveNumber);
  app.add_option("--clients", flags.clients, "Command clients, one channel each")
      ->check(CLI::Range(1, 1000));
  app.add_option("--channels", flags.channels, "Channels (TCP connections) the streams share")
      ->check(CLI::Range(1, 10000));
  app.add_option("--watch-buffer", flags.watch_buffer,
                 "Alerts queued per stream in tocflowd (its default: 256; for diagnosis)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--delivery-threads", flags.delivery_threads,
                 "Threads delivering the alert hub's alerts to the streams in tocflowd, the hub's "
                 "own included (its default, 0: one per core, at most 4; 1: the hub alone; for "
                 "diagnosis)")
      ->check(CLI::Range(0, 64));
  app.add_flag("--one-per-message", flags.one_per_message,
               "Watch with WatchAlerts (one alert per message) instead of WatchAlertBatches");
  app.add_option("--warmup-ms", flags.warmup_ms, "Warm-up, excluded from latency");
  app.add_option("--duration-ms", flags.duration_ms, "Measured window");
  app.add_option("--synchronous", flags.synchronous, "SQLite synchronous setting of the server")
      ->check(CLI::IsMember({"full", "normal"}));
  app.add_option("--dir", flags.dir, "Where the run's database goes (a real disk)");
  app.add_option("--json", flags.json, "Also write the figures as JSON here");
  CLI11_PARSE(app, argc, argv);
  return Run(flags);
}
