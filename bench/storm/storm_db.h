// The timer storm's database: generated once through tocflowd's history importer and cached,
// copied afresh for every run (a run fires deadlines, so it changes its copy), and checked in
// SQL afterwards: every deadline due fired exactly once.
//
// Thread safety: plain functions, no shared state.
#pragma once

#include <cstdint>
#include <string>

#include "storm/storm_plan.h"

namespace bench::storm {

// The cached file for `plan` under `cache_dir` ("storm-<cases>-<due>-schema<N>.db"), generating
// it first when missing: every case's two events stored through tocflow::engine's
// HistoryImporter (the command writer's rows, many cases per transaction) with
// synchronous=NORMAL (generation only: the benchmark itself runs at FULL), in case-id order. A
// `.meta` file beside it marks a finished generation; a file without one is regenerated. Returns
// the path (`*generated` says whether this call made it), or an empty string with `*error` set.
std::string CachedDatabase(const StormPlan& plan, const std::string& cache_dir, bool* generated,
                           std::string* error);

// Copies `from` (a cached database with no WAL file) to `to` and flushes the copy to disk. False
// with `*error` set on failure.
bool CopyDatabase(const std::string& from, const std::string& to, std::string* error);

// What the store says about the storm after it: counted in SQL on a separate read-only
// connection.
struct FiringCheck {
  int64_t elapsed_events = 0;     // deadline_elapsed events stored
  int64_t elapsed_cases = 0;      // distinct cases among them
  int64_t elapsed_not_storm = 0;  // of them, on cases that had nothing due at the storm
  int64_t still_due = 0;          // deadlines pending with due_at <= storm_at
  int64_t pending = 0;            // deadlines pending in all
  int64_t edd_alerts = 0;         // edd_not_set alerts stored
  int64_t edd_alert_cases = 0;    // distinct cases among them

  // Every storm deadline fired once, nothing else fired, none due is left, the rest pending.
  bool ExactlyOnce(const StormPlan& plan) const;
  std::string Describe() const;
};

// Counts the above in `path`. False with `*error` set when the file cannot be read.
bool CheckFirings(const std::string& path, const StormPlan& plan, FiringCheck* check,
                  std::string* error);

}  // namespace bench::storm
