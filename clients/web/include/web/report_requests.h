// ReportService requests from the query parameters of tocflow-web's /api/reports routes. The
// answers go back as the API's messages in JSON (json_mapping.h). Pure: no I/O, thread-safe.
#pragma once

#include "absl/status/statusor.h"
#include "tocflow/v1/reports.pb.h"
#include "web/json_mapping.h"

namespace tocflow::web {

// "2026-10-03" as a Date. Errors: INVALID_ARGUMENT naming `field` (the range checks are the
// API's).
absl::StatusOr<tocflow::v1::Date> ParseDay(const std::string& text, const std::string& field);

// GET /api/reports/dtoc?month=2026-10&population=E09000007:250000,E08000001:180000[&la=CODE]
// (la: that local authority's return only; tocflowd then reads only its cases)
// Errors: INVALID_ARGUMENT for a month not YYYY-MM or a population entry not CODE:NUMBER.
absl::StatusOr<tocflow::v1::DelayedTransfersMonthlyRequest> ParseDtocRequest(
    const QueryParams& params);
// GET /api/reports/drd?day=2026-10-03&provider_ods=RXX
absl::StatusOr<tocflow::v1::DischargeReadyDailyRequest> ParseDrdRequest(const QueryParams& params);
// GET /api/reports/chc?month=2026-10
absl::StatusOr<tocflow::v1::ChcTimelinessRequest> ParseChcRequest(const QueryParams& params);
// GET /api/reports/reimbursement?from=2026-10-01&to=2026-10-31
absl::StatusOr<tocflow::v1::ReimbursementRequest> ParseReimbursementRequest(
    const QueryParams& params);

}  // namespace tocflow::web
