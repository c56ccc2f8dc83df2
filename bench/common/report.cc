#include "common/report.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace bench {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string TargetText(const Figure& figure) {
  if (figure.goal == Goal::kNone) return "";
  std::string text = figure.goal == Goal::kAtLeast ? ">= " : "<= ";
  if (figure.target_on_ratio) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2gx", figure.target);
    return text + buffer;
  }
  return text + FormatNumber(figure.target) + " " + figure.unit;
}

// A figure that a run may leave unmeasured (0): "-" then.
std::string Measured(double value) { return value > 0 ? FormatNumber(value) : "-"; }

}  // namespace

std::optional<double> Figure::Ratio() const {
  if (!limit || *limit == 0) return std::nullopt;
  return value / *limit;
}

std::optional<bool> Figure::Met() const {
  if (goal == Goal::kNone) return std::nullopt;
  std::optional<double> compared = target_on_ratio ? Ratio() : std::optional<double>(value);
  if (!compared) return std::nullopt;
  return goal == Goal::kAtLeast ? *compared >= target : *compared <= target;
}

std::string FormatNumber(double value) {
  char buffer[64];
  if (std::fabs(value) >= 1000) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    std::string digits = buffer;
    const size_t first = digits[0] == '-' ? 1 : 0;
    for (int i = static_cast<int>(digits.size()) - 3; i > static_cast<int>(first); i -= 3) {
      digits.insert(static_cast<size_t>(i), ",");
    }
    return digits;
  }
  std::snprintf(buffer, sizeof buffer, std::fabs(value) >= 10 ? "%.1f" : "%.3g", value);
  return buffer;
}

void Report::Note(std::string key, std::string value) {
  notes_.emplace_back(std::move(key), std::move(value));
}

void Report::Print(std::FILE* out) const {
  std::fprintf(out, "== %s\n", benchmark_.c_str());
  for (const auto& [key, value] : notes_)
    std::fprintf(out, "   %s: %s\n", key.c_str(), value.c_str());
  if (!runs_.empty()) {
    std::fprintf(out, "   %-44s %7s %12s %10s %10s %10s %7s %11s %11s\n", "run", "clients",
                 "calls/s", "p50 us", "p99 us", "p999 us", "errors", "cpu us/call", "client part");
  }
  for (const RunRow& run : runs_) {
    std::fprintf(out, "   %-44s %7d %12s %10s %10s %10s %7lld %11s %11s\n", run.system.c_str(),
                 run.clients, FormatNumber(run.calls_per_second).c_str(),
                 FormatNumber(run.latency.p50_us).c_str(), FormatNumber(run.latency.p99_us).c_str(),
                 FormatNumber(run.latency.p999_us).c_str(), static_cast<long long>(run.errors),
                 Measured(run.cpu_us_per_call).c_str(),
                 Measured(run.client_cpu_us_per_call).c_str());
  }
  std::fprintf(out, "   %-52s %14s  %-34s %8s  %-14s %s\n", "figure", "value", "limit (same run)",
               "ratio", "target", "met");
  for (const Figure& figure : figures_) {
    const std::string value = FormatNumber(figure.value) + " " + figure.unit;
    std::string limit;
    if (figure.limit) limit = figure.limit_name + " " + FormatNumber(*figure.limit);
    std::string ratio;
    if (std::optional<double> r = figure.Ratio()) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.2fx", *r);
      ratio = buffer;
    }
    std::optional<bool> met = figure.Met();
    std::fprintf(out, "   %-52s %14s  %-34s %8s  %-14s %s\n", figure.name.c_str(), value.c_str(),
                 limit.c_str(), ratio.c_str(), TargetText(figure).c_str(),
                 met ? (*met ? "yes" : "NO") : "");
  }
}

std::string Report::Json() const {
  std::ostringstream out;
  out << "{\"benchmark\": " << JsonString(benchmark_) << ", \"notes\": {";
  for (size_t i = 0; i < notes_.size(); ++i) {
    out << (i ? ", " : "") << JsonString(notes_[i].first) << ": " << JsonString(notes_[i].second);
  }
  out << "}, \"runs\": [";
  for (size_t i = 0; i < runs_.size(); ++i) {
    const RunRow& r = runs_[i];
    out << (i ? ",\n  " : "\n  ") << "{\"system\": " << JsonString(r.system)
        << ", \"clients\": " << r.clients
        << ", \"calls_per_second\": " << JsonNumber(r.calls_per_second)
        << ", \"p50_us\": " << JsonNumber(r.latency.p50_us)
        << ", \"p99_us\": " << JsonNumber(r.latency.p99_us)
        << ", \"p999_us\": " << JsonNumber(r.latency.p999_us) << ", \"errors\": " << r.errors
        << ", \"cpu_us_per_call\": " << JsonNumber(r.cpu_us_per_call)
        << ", \"client_cpu_us_per_call\": " << JsonNumber(r.client_cpu_us_per_call) << "}";
  }
  out << "], \"figures\": [";
  for (size_t i = 0; i < figures_.size(); ++i) {
    const Figure& f = figures_[i];
    out << (i ? ",\n  " : "\n  ") << "{\"name\": " << JsonString(f.name)
        << ", \"value\": " << JsonNumber(f.value) << ", \"unit\": " << JsonString(f.unit);
    if (f.limit) {
      out << ", \"limit_name\": " << JsonString(f.limit_name)
          << ", \"limit\": " << JsonNumber(*f.limit)
          << ", \"ratio\": " << (f.Ratio() ? JsonNumber(*f.Ratio()) : "null");
    }
    if (f.goal != Goal::kNone) {
      out << ", \"target\": " << JsonString(TargetText(f))
          << ", \"met\": " << (f.Met() ? (*f.Met() ? "true" : "false") : "null");
    }
    out << "}";
  }
  out << "]}\n";
  return out.str();
}

bool Report::WriteJson(const std::string& path) const {
  std::ofstream file(path);
  file << Json();
  if (!file) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace bench
