// After a restart and before the clients resume: which of the commands left without an answer
// by the crash had been committed anyway (their request id is in the case's history, or for an
// opening, a case exists for its spell). Only counted, for the log: it shows that a run
// exercised both retry paths (a replayed original outcome, and a first application).
#pragma once

#include <vector>

#include "crash/case_progress.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::crash {

// Counts of the unanswered commands found.
struct PendingCount {
  int committed = 0;
  int not_committed = 0;
};

PendingCount ProbePending(tocflow::v1::CaseService::Stub& cases,
                          const std::vector<CaseProgress*>& progress);

}  // namespace tocflow::crash
