// Generates the scale benchmark's database (issue 5, figure 3): `--cases` case histories from
// journey_gen (deterministic from `--seed`) stored through tocflowd's engine::HistoryImporter,
// which applies every command through libworkflow and builds its rows with the command writer's
// own code, so the file holds what a service would have stored, request ids included. For speed
// it writes cases in case-id order, many cases per transaction. It runs at synchronous=FULL, as
// the benchmark does: a sync per transaction of 16,384 commands costs nothing, and at FULL the
// store gathers each commit's WAL writes into a few (bench/README finding 24), which made
// generating 150,000 cases 5% faster than at NORMAL.
// Writes PATH and PATH.meta (cases, events, seed, now) for scale_bench.
//
// Usage: gen_cases --out PATH [--cases 1000000] [--seed 42] [--batch 16384]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/case_id_order.h"
#include "engine/clock.h"
#include "engine/history_import.h"
#include "scale/journey_gen.h"
#include "store/store.h"

namespace {

using bench::scale::World;

// The request id of the `event`th command of the `rank`th case written: zero-padded, so that
// request ids too are written in key order.
std::string RequestId(int64_t rank, size_t event) {
  char id[48];
  std::snprintf(id, sizeof id, "gen-%09lld-%04zu", static_cast<long long>(rank), event);
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  int64_t cases = 1000000;
  uint64_t seed = 42;
  int batch = 16384;
  CLI::App app{"Generates the scale benchmark database through tocflowd's history importer"};
  app.add_option("--out", out, "The SQLite file to create (must not exist)")->required();
  app.add_option("--cases", cases, "Cases to generate");
  app.add_option("--seed", seed, "Seed: the same seed gives the same histories");
  app.add_option("--batch", batch, "Commands per transaction");
  CLI11_PARSE(app, argc, argv);
  if (std::filesystem::exists(out)) {
    std::fprintf(stderr, "gen_cases: %s exists; remove it first\n", out.c_str());
    return 2;
  }

  World world;
  world.seed = seed;
  tocflow::store::StoreOptions store_options;
  store_options.synchronous = tocflow::store::Synchronous::kFull;  // WAL writes gathered
  store_options.writer_cache_mib = 1024;  // a batch's pages stay in memory until it commits
  auto store = tocflow::store::Store::Open(out, store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "gen_cases: %s\n", std::string(store.status().message()).c_str());
    return 1;
  }
  tocflow::engine::ManualClock clock(world.now);
  const std::vector<std::pair<std::string, int64_t>> order = bench::InCaseIdOrder(
      cases, [&](int64_t n) { return bench::scale::IdentityOf(world, n).case_id; });
  tocflow::engine::ImportOptions options;
  options.engine.clock = &clock;
  options.batch = batch;
  auto importer = tocflow::engine::HistoryImporter::Start(*std::move(store), options);
  if (!importer.ok()) {
    std::fprintf(stderr, "gen_cases: %s\n", std::string(importer.status().message()).c_str());
    return 1;
  }

  int64_t events = 0;
  const auto start = std::chrono::steady_clock::now();
  auto last_report = start;
  for (int64_t rank = 0; rank < cases; ++rank) {
    const auto& [case_id, n] = order[static_cast<size_t>(rank)];
    std::vector<workflow::Event> history = bench::scale::GenerateHistory(world, n);
    std::vector<tocflow::engine::Command> commands(history.size());
    for (size_t i = 0; i < history.size(); ++i) {
      // The scheduler's deadline_elapsed carries no request id; every other command does.
      if (!std::holds_alternative<workflow::DeadlineElapsed>(history[i].payload)) {
        commands[i].request_id = RequestId(rank, i);
      }
      commands[i].event = std::move(history[i]);
    }
    events += static_cast<int64_t>(commands.size());
    absl::Status added = (*importer)->Add(case_id, std::move(commands));
    if (!added.ok()) {
      std::fprintf(stderr, "gen_cases: %s\n", std::string(added.message()).c_str());
      return 1;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report > std::chrono::seconds(10)) {
      last_report = now;
      const double seconds = std::chrono::duration<double>(now - start).count();
      std::fprintf(stderr, "gen_cases: %lld cases, %lld events, %.0f events/s\n",
                   static_cast<long long>(rank + 1), static_cast<long long>(events),
                   static_cast<double>(events) / seconds);
    }
  }
  absl::Status finished = (*importer)->Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!finished.ok()) {
    std::fprintf(stderr, "gen_cases: %s\n", std::string(finished.message()).c_str());
    return 1;
  }
  std::ofstream meta(out + ".meta");
  meta << "cases=" << cases << "\nevents=" << events << "\nseed=" << seed
       << "\nnow=" << workflow::ToUnixSeconds(world.now) << "\n";
  std::printf("gen_cases: %lld cases, %lld events (%.1f per case) in %.1f s: %.0f events/s\n",
              static_cast<long long>(cases), static_cast<long long>(events),
              static_cast<double>(events) / static_cast<double>(cases), seconds,
              static_cast<double>(events) / seconds);
  return meta ? 0 : 1;
}
