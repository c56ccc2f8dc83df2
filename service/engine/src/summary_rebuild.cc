#include "engine/summary_rebuild.h"

#include <map>
#include <utility>
#include <vector>

#include "case_loader.h"
#include "commit_builder.h"

namespace tocflow::engine {
namespace {

constexpr size_t kBatch = 1000;
constexpr size_t kNamedChanges = 10;

// The summary as compared: next_deadline_at belongs to the store.
bool SameSummary(store::CaseSummary a, store::CaseSummary b) {
  a.next_deadline_at.reset();
  b.next_deadline_at.reset();
  return a == b;
}

// Whether the store holds exactly the deadlines the journey has pending.
bool SameDeadlines(const std::vector<store::PendingDeadline>& stored,
                   const std::map<workflow::DeadlineKind, workflow::Timestamp>& pending) {
  if (stored.size() != pending.size()) return false;
  for (const store::PendingDeadline& deadline : stored) {
    auto it = pending.find(deadline.kind);
    if (it == pending.end() || it->second != deadline.due) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<RebuildReport> RebuildSummaries(
    store::Store& store, std::shared_ptr<const workflow::ReferenceData> reference,
    const workflow::TeamDirectory& teams) {
  absl::StatusOr<std::unique_ptr<store::StoreReader>> reader = store.OpenReader();
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::vector<std::string>> ids = (*reader)->AllCaseIds();
  if (!ids.ok()) return ids.status();

  RebuildReport report;
  std::vector<store::CaseSummary> batch;
  std::vector<store::FactsRecord> facts_batch;
  std::vector<store::DeadlinesRecord> deadlines_batch;
  auto flush = [&]() -> absl::Status {
    if (batch.empty() && facts_batch.empty() && deadlines_batch.empty()) return absl::OkStatus();
    absl::Status replaced = store.ReplaceSummaries(batch, facts_batch, deadlines_batch);
    batch.clear();
    facts_batch.clear();
    deadlines_batch.clear();
    return replaced;
  };
  for (const std::string& case_id : *ids) {
    absl::StatusOr<std::vector<store::StoredEvent>> events = (*reader)->LoadEvents(case_id);
    if (!events.ok()) return events.status();
    if (events->empty()) {
      return absl::DataLossError("case " + case_id + " has a summary row but no events");
    }
    absl::StatusOr<workflow::Journey> journey = internal::ReplayStored(case_id, *events, reference);
    if (!journey.ok()) return journey.status();
    store::CaseSummary rebuilt =
        internal::BuildSummary(case_id, *journey, events->back().event.recorded_at, teams);
    absl::StatusOr<store::CaseSummary> stored = (*reader)->GetCaseSummary(case_id);
    if (!stored.ok()) return stored.status();
    ++report.cases;
    std::string facts = internal::EncodeFacts(*journey);
    absl::StatusOr<std::optional<std::string>> stored_facts = (*reader)->CaseFacts(case_id);
    if (!stored_facts.ok()) return stored_facts.status();
    if (*stored_facts != facts) {
      ++report.facts_written;
      facts_batch.push_back({case_id, std::move(facts)});
    }
    const std::map<workflow::DeadlineKind, workflow::Timestamp>& pending =
        journey->facts().open_deadlines;
    absl::StatusOr<std::vector<store::PendingDeadline>> stored_deadlines =
        (*reader)->CaseDeadlines(case_id);
    if (!stored_deadlines.ok()) return stored_deadlines.status();
    if (!SameDeadlines(*stored_deadlines, pending)) {
      ++report.deadlines_written;
      store::DeadlinesRecord record{case_id, {}};
      for (const auto& [kind, due] : pending) record.deadlines.push_back({kind, due});
      deadlines_batch.push_back(std::move(record));
    }
    if (!SameSummary(*stored, rebuilt)) {
      ++report.changed;
      if (report.changed_cases.size() < kNamedChanges) report.changed_cases.push_back(case_id);
      batch.push_back(std::move(rebuilt));
    }
    if (batch.size() >= kBatch || facts_batch.size() >= kBatch ||
        deadlines_batch.size() >= kBatch) {
      if (absl::Status status = flush(); !status.ok()) return status;
    }
  }
  if (absl::Status status = flush(); !status.ok()) return status;
  if (absl::Status status = store.MarkSummariesRebuilt(); !status.ok()) return status;
  return report;
}

}  // namespace tocflow::engine
