// ListCases between the wire and the store: request filters to store::CaseFilter, and store
// summaries to wire CaseSummary lines. Pure functions of their arguments; thread-safe.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "store/filters.h"
#include "store/records.h"
#include "tocflow/v1/cases.pb.h"
#include "workflow/time.h"

namespace tocflow::server {

// The store filter of a ListCases request; `now` places "delayed longer than N days".
// INVALID_ARGUMENT naming the field for a malformed filter.
absl::StatusOr<store::CaseFilter> ToStoreFilter(const tocflow::v1::ListCasesRequest& request,
                                                workflow::Timestamp now);

// One ListCases line; `next_deadline` is the case's soonest pending deadline, if any.
tocflow::v1::CaseSummary ToWireSummary(const store::CaseSummary& summary,
                                       const store::PendingDeadline* next_deadline,
                                       workflow::Timestamp now);

}  // namespace tocflow::server
