#include "web/report_requests.h"

#include <cstdio>
#include <sstream>

namespace tocflow::web {
namespace {

// "2026-10" into year and month.
absl::Status ParseMonth(const std::string& text, int* year, int* month) {
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d%c", year, month, &tail) != 2 || text.size() != 7) {
    return absl::InvalidArgumentError("month: expected YYYY-MM, got \"" + text + "\"");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<tocflow::v1::Date> ParseDay(const std::string& text, const std::string& field) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (text.size() != 10 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) {
    return absl::InvalidArgumentError(field + ": expected YYYY-MM-DD, got \"" + text + "\"");
  }
  tocflow::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<tocflow::v1::DelayedTransfersMonthlyRequest> ParseDtocRequest(
    const QueryParams& params) {
  tocflow::v1::DelayedTransfersMonthlyRequest request;
  int year = 0, month = 0;
  if (auto status = ParseMonth(Param(params, "month"), &year, &month); !status.ok()) {
    return status;
  }
  request.set_year(year);
  request.set_month(month);
  std::stringstream entries(Param(params, "population"));
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    if (entry.empty()) continue;
    const auto colon = entry.find(':');
    long long adults = 0;
    char tail = 0;
    if (colon == std::string::npos || colon == 0 ||
        std::sscanf(entry.c_str() + colon + 1, "%lld%c", &adults, &tail) != 1) {
      return absl::InvalidArgumentError("population: expected CODE:NUMBER, got \"" + entry + "\"");
    }
    (*request.mutable_adult_population())[entry.substr(0, colon)] = adults;
  }
  request.set_local_authority(Param(params, "la"));
  return request;
}

absl::StatusOr<tocflow::v1::DischargeReadyDailyRequest> ParseDrdRequest(const QueryParams& params) {
  auto day = ParseDay(Param(params, "day"), "day");
  if (!day.ok()) return day.status();
  tocflow::v1::DischargeReadyDailyRequest request;
  *request.mutable_day() = *day;
  request.set_provider_ods(Param(params, "provider_ods"));
  return request;
}

absl::StatusOr<tocflow::v1::ChcTimelinessRequest> ParseChcRequest(const QueryParams& params) {
  tocflow::v1::ChcTimelinessRequest request;
  int year = 0, month = 0;
  if (auto status = ParseMonth(Param(params, "month"), &year, &month); !status.ok()) {
    return status;
  }
  request.set_year(year);
  request.set_month(month);
  return request;
}

absl::StatusOr<tocflow::v1::ReimbursementRequest> ParseReimbursementRequest(
    const QueryParams& params) {
  auto from = ParseDay(Param(params, "from"), "from");
  if (!from.ok()) return from.status();
  auto to = ParseDay(Param(params, "to"), "to");
  if (!to.ok()) return to.status();
  tocflow::v1::ReimbursementRequest request;
  *request.mutable_from_day() = *from;
  *request.mutable_to_day() = *to;
  return request;
}

}  // namespace tocflow::web
