#include "storm/storm_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "common/case_id_order.h"
#include "engine/clock.h"
#include "engine/history_import.h"
#include "store/options.h"
#include "store/store.h"

namespace bench::storm {
namespace {

namespace fs = std::filesystem;

void RemoveDatabase(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", ".meta"}) fs::remove(path + suffix, ignored);
}

// Stores every case's two events through tocflow::engine's HistoryImporter on a new file at
// `path`.
bool Generate(const StormPlan& plan, const std::string& path, std::string* error) {
  tocflow::store::StoreOptions store_options;
  // As gen_cases: at FULL the store gathers each commit's WAL writes, and one sync per
  // transaction of many commands costs nothing.
  store_options.synchronous = tocflow::store::Synchronous::kFull;
  store_options.writer_cache_mib = 1024;  // a batch's pages stay in memory until it commits
  auto store = tocflow::store::Store::Open(path, store_options);
  if (!store.ok()) {
    *error = std::string(store.status().message());
    return false;
  }
  tocflow::engine::ManualClock clock(plan.before_storm());
  tocflow::engine::ImportOptions options;
  options.engine.clock = &clock;
  auto importer = tocflow::engine::HistoryImporter::Start(*std::move(store), options);
  if (!importer.ok()) {
    *error = std::string(importer.status().message());
    return false;
  }
  const auto start = std::chrono::steady_clock::now();
  auto last_report = start;
  absl::Status status = absl::OkStatus();
  const std::vector<std::pair<std::string, int64_t>> cases =
      bench::InCaseIdOrder(plan.cases, [](int64_t n) { return CaseIdOf(n); });
  for (size_t i = 0; i < cases.size() && status.ok(); ++i) {
    const auto& [case_id, n] = cases[i];
    std::vector<tocflow::engine::Command> history(2);
    history[0].request_id = "storm-gen-" + std::to_string(n) + "-open";
    history[0].event = OpeningOf(plan, n);
    history[1].request_id = "storm-gen-" + std::to_string(n) + "-ready";
    history[1].event = ReadyOf(plan, n);
    status = (*importer)->Add(case_id, std::move(history));
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report > std::chrono::seconds(10)) {
      last_report = now;
      const double seconds = std::chrono::duration<double>(now - start).count();
      std::fprintf(stderr, "storm_bench: generated %lld of %lld cases (%.0f events/s)\n",
                   static_cast<long long>(i + 1), static_cast<long long>(plan.cases),
                   2.0 * static_cast<double>(i + 1) / seconds);
    }
  }
  absl::Status finished = (*importer)->Finish();  // closes the store: the WAL is checkpointed
  if (status.ok()) status = finished;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!status.ok()) {
    *error = "generation failed: " + std::string(status.message());
    return false;
  }
  std::fprintf(stderr, "storm_bench: generated %lld cases (%lld deadlines) in %.1f s\n",
               static_cast<long long>(plan.cases), static_cast<long long>(plan.pending_deadlines()),
               seconds);
  return true;
}

// One integer from a query.
bool CountOf(sqlite3* db, const char* sql, int64_t bind, int64_t* out, std::string* error) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    *error = std::string("cannot prepare ") + sql + ": " + sqlite3_errmsg(db);
    return false;
  }
  if (sqlite3_bind_parameter_count(statement) > 0) sqlite3_bind_int64(statement, 1, bind);
  const bool ok = sqlite3_step(statement) == SQLITE_ROW;
  if (ok) *out = sqlite3_column_int64(statement, 0);
  if (!ok) *error = std::string("cannot run ") + sql + ": " + sqlite3_errmsg(db);
  sqlite3_finalize(statement);
  return ok;
}

}  // namespace

std::string CachedDatabase(const StormPlan& plan, const std::string& cache_dir, bool* generated,
                           std::string* error) {
  *generated = false;
  std::error_code made;
  fs::create_directories(cache_dir, made);
  const std::string path =
      (fs::path(cache_dir) /
       ("storm-" + std::to_string(plan.cases) + "-" + std::to_string(plan.due_at_once) + "-schema" +
        std::to_string(tocflow::store::kSchemaVersion) + ".db"))
          .string();
  if (fs::exists(path + ".meta") && !fs::exists(path + "-wal")) return path;
  RemoveDatabase(path);
  std::fprintf(stderr, "storm_bench: generating %s (reused by later runs)\n", path.c_str());
  if (!Generate(plan, path, error)) {
    RemoveDatabase(path);
    return "";
  }
  std::ofstream meta(path + ".meta");
  meta << "cases=" << plan.cases << "\ndue_at_once=" << plan.due_at_once
       << "\nstorm_at=" << workflow::ToUnixSeconds(plan.storm_at) << "\n";
  if (!meta) {
    *error = "cannot write " + path + ".meta";
    return "";
  }
  *generated = true;
  return path;
}

bool CopyDatabase(const std::string& from, const std::string& to, std::string* error) {
  std::error_code failed;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to + suffix, failed);
  fs::copy_file(from, to, failed);
  if (failed) {
    *error = "cannot copy " + from + " to " + to + ": " + failed.message();
    return false;
  }
  // On disk before the run, so that the kernel does not flush the copy during the storm's
  // durable commits.
  const int fd = ::open(to.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) *error = "cannot flush " + to + " to disk";
  return synced;
}

bool FiringCheck::ExactlyOnce(const StormPlan& plan) const {
  return elapsed_events == plan.due_at_once && elapsed_cases == plan.due_at_once &&
         elapsed_not_storm == 0 && still_due == 0 &&
         pending == plan.pending_deadlines() - plan.due_at_once && edd_alerts == plan.due_at_once &&
         edd_alert_cases == plan.due_at_once;
}

std::string FiringCheck::Describe() const {
  return std::to_string(elapsed_events) + " deadline_elapsed events on " +
         std::to_string(elapsed_cases) + " cases (" + std::to_string(elapsed_not_storm) +
         " on cases with nothing due), " + std::to_string(still_due) + " due still pending, " +
         std::to_string(pending) + " pending in all, " + std::to_string(edd_alerts) +
         " edd_not_set alerts on " + std::to_string(edd_alert_cases) + " cases";
}

bool CheckFirings(const std::string& path, const StormPlan& plan, FiringCheck* check,
                  std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *error = "cannot open " + path;
    sqlite3_close(db);
    return false;
  }
  sqlite3_busy_timeout(db, 5000);
  const int64_t storm_at = workflow::ToUnixSeconds(plan.storm_at);
  const bool ok =
      CountOf(db, "SELECT COUNT(*) FROM events WHERE type = 'deadline_elapsed'", 0,
              &check->elapsed_events, error) &&
      CountOf(db, "SELECT COUNT(DISTINCT case_id) FROM events WHERE type = 'deadline_elapsed'", 0,
              &check->elapsed_cases, error) &&
      CountOf(db,
              "SELECT COUNT(*) FROM events e JOIN cases c ON c.case_id = e.case_id "
              "WHERE e.type = 'deadline_elapsed' AND c.spell_id NOT LIKE 'due-%'",
              0, &check->elapsed_not_storm, error) &&
      CountOf(db, "SELECT COUNT(*) FROM deadlines WHERE due_at <= ?", storm_at, &check->still_due,
              error) &&
      CountOf(db, "SELECT COUNT(*) FROM deadlines", 0, &check->pending, error) &&
      CountOf(db, "SELECT COUNT(*) FROM alerts WHERE kind = 'edd_not_set'", 0, &check->edd_alerts,
              error) &&
      CountOf(db, "SELECT COUNT(DISTINCT case_id) FROM alerts WHERE kind = 'edd_not_set'", 0,
              &check->edd_alert_cases, error);
  sqlite3_close(db);
  return ok;
}

}  // namespace bench::storm
