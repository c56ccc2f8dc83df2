// Generates the scale benchmark's database (issue 5, figure 3): `--cases` case histories from
// journey_gen (deterministic from `--seed`) recorded through tocflowd's own command path
// (tocflow::engine::CommandEngine: apply, commit builder, group commit), so the file is exactly
// what a service would have stored, request ids included. For speed it commits with
// synchronous=NORMAL and large groups: generation only, the benchmark itself runs at FULL.
// Writes PATH and PATH.meta (cases, events, seed, now) for scale_bench.
//
// Usage: gen_cases --out PATH [--cases 1000000] [--seed 42] [--batch 2048]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/run_support.h"
#include "engine/clock.h"
#include "engine/command_engine.h"
#include "scale/journey_gen.h"
#include "store/store.h"

namespace {

using bench::scale::World;

// Case numbers 0..cases-1 in the order of their case ids. Written in that order, each case's
// rows (its summary, events, deadlines, alerts by case) go after the previous case's, at the
// end of their tables, instead of into a random page of a file that grows to gigabytes.
std::vector<int64_t> InCaseIdOrder(const World& world, int64_t cases) {
  std::vector<std::pair<std::string, int64_t>> ids;
  ids.reserve(static_cast<size_t>(cases));
  for (int64_t n = 0; n < cases; ++n)
    ids.emplace_back(bench::scale::IdentityOf(world, n).case_id, n);
  std::sort(ids.begin(), ids.end());
  std::vector<int64_t> order;
  order.reserve(ids.size());
  for (const auto& [id, n] : ids) order.push_back(n);
  return order;
}

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
  int batch = 2048;
  CLI::App app{"Generates the scale benchmark database through tocflowd's command path"};
  app.add_option("--out", out, "The SQLite file to create (must not exist)")->required();
  app.add_option("--cases", cases, "Cases to generate");
  app.add_option("--seed", seed, "Seed: the same seed gives the same histories");
  app.add_option("--batch", batch, "Most commands per group commit");
  CLI11_PARSE(app, argc, argv);
  if (std::filesystem::exists(out)) {
    std::fprintf(stderr, "gen_cases: %s exists; remove it first\n", out.c_str());
    return 2;
  }

  World world;
  world.seed = seed;
  tocflow::store::StoreOptions store_options;
  store_options.synchronous = tocflow::store::Synchronous::kNormal;  // generation only
  auto store = tocflow::store::Store::Open(out, store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "gen_cases: %s\n", std::string(store.status().message()).c_str());
    return 1;
  }
  tocflow::engine::ManualClock clock(world.now);
  const std::vector<int64_t> order = InCaseIdOrder(world, cases);
  std::atomic<int64_t> next_id{0};
  tocflow::engine::EngineOptions options;
  options.clock = &clock;
  options.max_batch = batch;
  options.journey_cache_size = 4096;
  // Case n gets journey_gen's id for n: the openings are queued in `order`.
  options.new_case_id = [&] { return bench::scale::IdentityOf(world, order[next_id++]).case_id; };
  auto engine = tocflow::engine::CommandEngine::Start(*std::move(store), options);
  if (!engine.ok()) {
    std::fprintf(stderr, "gen_cases: %s\n", std::string(engine.status().message()).c_str());
    return 1;
  }

  bench::InFlight in_flight(batch * 4);
  std::atomic<int64_t> failures{0};
  std::mutex error_mutex;
  std::string first_error;
  int64_t events = 0;
  const auto start = std::chrono::steady_clock::now();
  auto last_report = start;
  for (int64_t rank = 0; rank < cases; ++rank) {
    const int64_t n = order[rank];
    const std::string case_id = bench::scale::IdentityOf(world, n).case_id;
    std::vector<workflow::Event> history = bench::scale::GenerateHistory(world, n);
    for (size_t i = 0; i < history.size(); ++i) {
      tocflow::engine::Command command;
      const bool opening = i == 0;
      const bool scheduled = std::holds_alternative<workflow::DeadlineElapsed>(history[i].payload);
      if (!scheduled) command.request_id = RequestId(rank, i);
      if (!opening) command.case_id = case_id;
      command.event = std::move(history[i]);
      in_flight.Acquire();
      (*engine)->ExecuteAsync(
          std::move(command),
          [&, opening, case_id](absl::StatusOr<tocflow::engine::CommandOutcome> r) {
            if (!r.ok() || (opening && r->case_id != case_id)) {
              ++failures;
              std::lock_guard lock(error_mutex);
              if (first_error.empty()) {
                first_error = r.ok() ? "case id mismatch" : std::string(r.status().message());
              }
            }
            in_flight.Release();
          });
      ++events;
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
  in_flight.WaitIdle();
  engine->reset();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failures > 0) {
    std::fprintf(stderr, "gen_cases: %lld commands failed, first: %s\n",
                 static_cast<long long>(failures.load()), first_error.c_str());
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
