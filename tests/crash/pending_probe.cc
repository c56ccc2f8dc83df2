#include "crash/pending_probe.h"

#include <chrono>

namespace tocflow::crash {

namespace v1 = ::tocflow::v1;

namespace {

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(10);
}

// Whether the opening of `plan` is stored: ListCases by spell.
bool OpeningStored(v1::CaseService::Stub& cases, const CasePlan& plan) {
  grpc::ClientContext context;
  context.set_deadline(Soon());
  v1::ListCasesRequest request;
  request.mutable_filter()->set_provider_ods("RXX");
  request.mutable_filter()->set_spell_id(plan.spell);
  request.mutable_filter()->set_include_closed(true);
  v1::ListCasesResponse response;
  return cases.ListCases(&context, request, &response).ok() && response.cases_size() > 0;
}

// Whether `request_id` is in the history of `case_id` (first page is enough: plans are short).
bool EventStored(v1::CaseService::Stub& cases, const std::string& case_id,
                 const std::string& request_id) {
  grpc::ClientContext context;
  context.set_deadline(Soon());
  v1::GetHistoryRequest request;
  request.set_case_id(case_id);
  request.set_page_size(1000);
  v1::GetHistoryResponse response;
  if (!cases.GetHistory(&context, request, &response).ok()) return false;
  for (const v1::RecordedEvent& event : response.events()) {
    if (event.request_id() == request_id) return true;
  }
  return false;
}

}  // namespace

PendingCount ProbePending(v1::CaseService::Stub& cases,
                          const std::vector<CaseProgress*>& progress) {
  PendingCount count;
  for (const CaseProgress* one : progress) {
    if (one->done() || one->records[one->next].outcome != Outcome::kNoAnswer) continue;
    const bool stored =
        one->next == 0 ? OpeningStored(cases, one->plan)
                       : EventStored(cases, one->case_id, one->plan.steps[one->next].request_id);
    ++(stored ? count.committed : count.not_committed);
  }
  return count;
}

}  // namespace tocflow::crash
