// libworkflow's report structs (workflow/reports.h) to their tocflow.v1 response messages.
// Every function is pure and thread-safe; none fails.
#pragma once

#include <string>
#include <vector>

#include "tocflow/v1/reports.pb.h"
#include "workflow/reports.h"

namespace tocflow::server {

// DischargeDelayBand wire number = domain position + 1.
tocflow::v1::DischargeDelayBand ToWire(workflow::DischargeDelayBand band);

// The non-empty cells (reason and attribution in domain order, "not recorded" first) and the
// total.
tocflow::v1::DelayedDayTable ToWire(const workflow::DelayedDayTable& table);

tocflow::v1::DelayedTransfersMonthlyResponse ToWire(const workflow::DtocMonthlyReport& report);
tocflow::v1::DischargeReadyDailyResponse ToWire(const workflow::DailyDischargeReport& report);
tocflow::v1::ChcTimelinessResponse ToWire(const workflow::ChcComplianceReport& report);

// `cases` and `case_ids` are the report's input, in the same order, or the part of it that holds
// every case with a line (a case line carries no id: each line is matched to the next case of
// its LA, provider and spell in input order, as the report lists its lines in input order).
tocflow::v1::ReimbursementResponse ToWire(const workflow::ReimbursementReport& report,
                                          const std::vector<workflow::CaseFacts>& cases,
                                          const std::vector<std::string>& case_ids);

}  // namespace tocflow::server
