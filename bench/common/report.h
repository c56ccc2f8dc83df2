// The figures a benchmark program prints: each with the limit measured in the same run (raw
// SQLite, raw gRPC echo...) and the ratio to it, and with its target from issue 5. Printed as
// an aligned table and written as JSON so that runs can be compared (scripts/bench gathers the
// programs' JSON into bench/results/latest.json).
//
// Thread safety: none; fill and print from one thread.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/latency.h"

namespace bench {

// How a figure compares with its target.
enum class Goal { kNone, kAtLeast, kAtMost };

// One measured figure.
struct Figure {
  Figure() = default;
  Figure(std::string name_, double value_, std::string unit_)
      : name(std::move(name_)), value(value_), unit(std::move(unit_)) {}
  Figure(std::string name_, double value_, std::string unit_, std::string limit_name_,
         double limit_)
      : name(std::move(name_)),
        value(value_),
        unit(std::move(unit_)),
        limit_name(std::move(limit_name_)),
        limit(limit_) {}

  std::string name;  // e.g. "tocflowd RecordEvent, 8 clients: calls/s"
  double value = 0;
  std::string unit;  // e.g. "calls/s", "us", "MB"
  // The reference measured in the same run, and what it is; no ratio without one.
  std::string limit_name;
  std::optional<double> limit;
  // The target from issue 5: on the ratio to the limit when `target_on_ratio`, else on value.
  Goal goal = Goal::kNone;
  double target = 0;
  bool target_on_ratio = false;

  std::optional<double> Ratio() const;
  // Whether the target is met; nullopt when there is no target.
  std::optional<bool> Met() const;
};

// One load run of one system (tocflowd, the echo, raw SQLite...), listed before the figures.
struct RunRow {
  std::string system;
  int clients = 0;
  double calls_per_second = 0;
  LatencySummary latency;
  int64_t errors = 0;
  // CPU per call of the whole process and of the client threads (LoadResult); 0: not measured.
  double cpu_us_per_call = 0;
  double client_cpu_us_per_call = 0;
};

// The figures of one program.
class Report {
 public:
  explicit Report(std::string benchmark) : benchmark_(std::move(benchmark)) {}
  void Add(Figure figure) { figures_.push_back(std::move(figure)); }
  void AddRun(RunRow run) { runs_.push_back(std::move(run)); }
  // Free-form facts about the run (sizes, settings), printed and written as strings.
  void Note(std::string key, std::string value);

  // An aligned table: figure, value, limit (same run), ratio, target, met.
  void Print(std::FILE* out) const;
  // {"benchmark": ..., "notes": {...}, "runs": [...], "figures": [{...}, ...]}
  std::string Json() const;
  // Writes Json() to `path`; false (and a message on stderr) when it cannot.
  bool WriteJson(const std::string& path) const;

 private:
  std::string benchmark_;
  std::vector<std::pair<std::string, std::string>> notes_;
  std::vector<RunRow> runs_;
  std::vector<Figure> figures_;
};

// "12,345" style formatting of a figure for the table.
std::string FormatNumber(double value);

}  // namespace bench
