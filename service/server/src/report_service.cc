#include "report_service.h"

#include <string>
#include <utility>

#include "caller.h"
#include "case_loader.h"
#include "report_mapping.h"
#include "status_mapping.h"
#include "wire/time_codec.h"
#include "workflow/calendar.h"
#include "workflow/reports.h"

namespace tocflow::server {
namespace {

absl::Status Required(std::string_view field) {
  return absl::InvalidArgumentError(std::string(field) + ": required");
}

// Checks that the caller may read reports, runs `body` (given the caller, returning an
// absl::Status) and finishes the reactor, logging server-side failures by RPC name only;
// exceptions become INTERNAL.
template <typename Body>
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, const ServiceDeps& deps,
                                std::string_view rpc, Body body) {
  auto* reactor = context->DefaultReactor();
  try {
    auto who = Caller(deps, *context);
    absl::Status status = who.ok() ? auth::MayReport(*who) : who.status();
    if (status.ok()) status = body(*who);
    LogFailure(rpc, "", status);
    reactor->Finish(ToGrpc(status));
  } catch (...) {
    reactor->Finish(FromException(rpc, std::current_exception()));
  }
  return reactor;
}

// The request's as_at when set, else `otherwise`.
absl::StatusOr<workflow::Timestamp> AsAt(bool has_as_at, const google::protobuf::Timestamp& as_at,
                                         workflow::Timestamp otherwise) {
  if (!has_as_at) return otherwise;
  return wire::FromWire(as_at, "as_at");
}

// Figures are for everyone who may read reports; the case lines behind them (case and spell
// ids) only for the organisations the caller covers.
void KeepCaseLinesInScope(const auth::Principal& who, tocflow::v1::ReimbursementResponse& out) {
  for (auto& la : *out.mutable_local_authorities()) {
    auto* lines = la.mutable_cases();
    for (int i = lines->size() - 1; i >= 0; --i) {
      if (!auth::MaySeeReportLine(who, lines->Get(i).provider_ods(), la.local_authority())) {
        lines->DeleteSubrange(i, 1);
      }
    }
  }
}

}  // namespace

absl::Status ReportServiceImpl::ForEachCase(
    const std::optional<std::string>& local_authority,
    absl::FunctionRef<void(const std::string& case_id, const workflow::CaseFacts& facts)> visit) {
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  store::StoreReader& from = **reader;
  return from.ForEachCaseFacts(local_authority, [&](const std::string& case_id,
                                                    const std::string* stored) {
    absl::StatusOr<workflow::CaseFacts> facts = LoadFacts(from, case_id, stored, deps_.reference);
    if (!facts.ok()) return facts.status();
    visit(case_id, *facts);
    return absl::OkStatus();
  });
}

absl::Status ReportServiceImpl::EachCase(const std::optional<std::string>& local_authority,
                                         workflow::CaseVisitor visit) {
  return ForEachCase(local_authority,
                     [&](const std::string&, const workflow::CaseFacts& facts) { visit(facts); });
}

absl::Status ReportServiceImpl::DelayedTransfersMonthlyNow(
    const tocflow::v1::DelayedTransfersMonthlyRequest& request,
    tocflow::v1::DelayedTransfersMonthlyResponse* response) {
  workflow::DtocMonthlyParams params;
  params.year = request.year();
  params.month = request.month();
  auto as_at = AsAt(request.has_as_at(), request.as_at(), deps_.clock->Now());
  if (!as_at.ok()) return as_at.status();
  params.as_at = *as_at;
  for (const auto& [la, population] : request.adult_population()) {
    params.adult_population[la] = population;
  }
  // Checked here for messages that name the request's fields (the report function checks them
  // too, with its own wording, before it reads any case).
  if (params.month < 1 || params.month > 12) {
    return absl::InvalidArgumentError("month: must be 1..12");
  }
  if (params.year < 1900 || params.year > 9999) {
    return absl::InvalidArgumentError("year: must be 1900..9999");
  }
  for (const auto& [la, population] : params.adult_population) {
    if (population <= 0) {
      return absl::InvalidArgumentError("adult_population[" + la + "]: must be > 0");
    }
  }
  if (!request.local_authority().empty()) params.local_authority = request.local_authority();
  // One LA's return reads only that LA's cases (the report narrows to them as well).
  auto report = workflow::BuildDtocMonthlyReport(
      [&](workflow::CaseVisitor visit) { return EachCase(params.local_authority, visit); }, params);
  if (!report.ok()) return report.status();
  *response = ToWire(*report);
  return absl::OkStatus();
}

absl::Status ReportServiceImpl::DischargeReadyDailyNow(
    const tocflow::v1::DischargeReadyDailyRequest& request,
    tocflow::v1::DischargeReadyDailyResponse* response) {
  if (!request.has_day()) return Required("day");
  auto day = wire::FromWire(request.day(), "day");
  if (!day.ok()) return day.status();
  workflow::DailyDischargeParams params;
  params.day = *day;
  // Unset: the end of the day, or now when earlier.
  const workflow::Timestamp day_end = workflow::StartOfLondonDay(day->AddDays(1));
  const workflow::Timestamp now = deps_.clock->Now();
  auto as_at = AsAt(request.has_as_at(), request.as_at(), now < day_end ? now : day_end);
  if (!as_at.ok()) return as_at.status();
  if (*as_at < workflow::StartOfLondonDay(*day)) {
    return absl::InvalidArgumentError(
        request.has_as_at() ? "as_at: before the day begins"
                            : "day: has not begun yet (no as_at given, and now is before it)");
  }
  params.as_at = *as_at;
  if (!request.provider_ods().empty()) params.provider_ods = request.provider_ods();
  auto report = workflow::BuildDailyDischargeReport(
      [&](workflow::CaseVisitor visit) { return EachCase(std::nullopt, visit); }, params);
  if (!report.ok()) return report.status();
  *response = ToWire(*report);
  return absl::OkStatus();
}

absl::Status ReportServiceImpl::ChcTimelinessNow(const tocflow::v1::ChcTimelinessRequest& request,
                                                 tocflow::v1::ChcTimelinessResponse* response) {
  workflow::ChcComplianceParams params;
  params.year = request.year();
  params.month = request.month();
  if (params.month < 1 || params.month > 12) {
    return absl::InvalidArgumentError("month: must be 1..12");
  }
  if (params.year < 1900 || params.year > 9999) {
    return absl::InvalidArgumentError("year: must be 1900..9999");
  }
  // Unset: now (the report itself stops at the month's end when that is earlier).
  auto as_at = AsAt(request.has_as_at(), request.as_at(), deps_.clock->Now());
  if (!as_at.ok()) return as_at.status();
  params.as_at = *as_at;
  auto report = workflow::BuildChcComplianceReport(
      [&](workflow::CaseVisitor visit) { return EachCase(std::nullopt, visit); }, params);
  if (!report.ok()) return report.status();
  *response = ToWire(*report);
  return absl::OkStatus();
}

absl::Status ReportServiceImpl::ReimbursementNow(const tocflow::v1::ReimbursementRequest& request,
                                                 tocflow::v1::ReimbursementResponse* response) {
  if (!request.has_from_day()) return Required("from_day");
  if (!request.has_to_day()) return Required("to_day");
  auto from = wire::FromWire(request.from_day(), "from_day");
  if (!from.ok()) return from.status();
  auto to = wire::FromWire(request.to_day(), "to_day");
  if (!to.ok()) return to.status();
  if (*to < *from) return absl::InvalidArgumentError("to_day: before from_day");
  workflow::ReimbursementParams params;
  params.from = *from;
  params.to = *to;
  auto as_at = AsAt(request.has_as_at(), request.as_at(), deps_.clock->Now());
  if (!as_at.ok()) return as_at.status();
  params.as_at = *as_at;
  // The case ids of the report's lines: only cases with a liability period can have one.
  std::vector<workflow::CaseFacts> liable;
  std::vector<std::string> liable_ids;
  auto report = workflow::BuildReimbursementReport(
      [&](workflow::CaseVisitor visit) {
        return ForEachCase(std::nullopt,
                           [&](const std::string& case_id, const workflow::CaseFacts& facts) {
                             if (!facts.notices.liability.empty()) {
                               liable.push_back(facts);
                               liable_ids.push_back(case_id);
                             }
                             visit(facts);
                           });
      },
      params, *deps_.reference);
  if (!report.ok()) return report.status();
  *response = ToWire(*report, liable, liable_ids);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* ReportServiceImpl::DelayedTransfersMonthly(
    grpc::CallbackServerContext* context,
    const tocflow::v1::DelayedTransfersMonthlyRequest* request,
    tocflow::v1::DelayedTransfersMonthlyResponse* response) {
  return Unary(context, deps_, "DelayedTransfersMonthly", [&](const auth::Principal&) {
    return DelayedTransfersMonthlyNow(*request, response);
  });
}

grpc::ServerUnaryReactor* ReportServiceImpl::DischargeReadyDaily(
    grpc::CallbackServerContext* context, const tocflow::v1::DischargeReadyDailyRequest* request,
    tocflow::v1::DischargeReadyDailyResponse* response) {
  return Unary(context, deps_, "DischargeReadyDaily",
               [&](const auth::Principal&) { return DischargeReadyDailyNow(*request, response); });
}

grpc::ServerUnaryReactor* ReportServiceImpl::ChcTimeliness(
    grpc::CallbackServerContext* context, const tocflow::v1::ChcTimelinessRequest* request,
    tocflow::v1::ChcTimelinessResponse* response) {
  return Unary(context, deps_, "ChcTimeliness",
               [&](const auth::Principal&) { return ChcTimelinessNow(*request, response); });
}

grpc::ServerUnaryReactor* ReportServiceImpl::Reimbursement(
    grpc::CallbackServerContext* context, const tocflow::v1::ReimbursementRequest* request,
    tocflow::v1::ReimbursementResponse* response) {
  return Unary(context, deps_, "Reimbursement", [&](const auth::Principal& who) {
    absl::Status status = ReimbursementNow(*request, response);
    if (status.ok()) KeepCaseLinesInScope(who, *response);
    return status;
  });
}

}  // namespace tocflow::server
