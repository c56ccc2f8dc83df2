// WaitForDeadlines, CheckHistories, CheckSummaries and CheckSubscriber (final_checks.h).
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "crash/final_checks.h"

namespace tocflow::crash {

namespace v1 = ::tocflow::v1;

namespace {

constexpr std::chrono::seconds kReadTimeout(10);

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + kReadTimeout;
}

grpc::Status GetCase(v1::CaseService::Stub& cases, const std::string& case_id, v1::Case& out) {
  grpc::ClientContext context;
  context.set_deadline(Soon());
  v1::GetCaseRequest request;
  request.set_case_id(case_id);
  return cases.GetCase(&context, request, &out);
}

bool EddPending(const v1::Case& found) {
  for (const v1::Deadline& deadline : found.open_deadlines()) {
    if (deadline.kind() == v1::DEADLINE_KIND_EDD_MISSING) return true;
  }
  return false;
}

// Every event of the case, all pages; false (and a failure) on error.
bool History(v1::CaseService::Stub& cases, const std::string& case_id,
             std::vector<v1::RecordedEvent>& events) {
  v1::GetHistoryRequest request;
  request.set_case_id(case_id);
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    context.set_deadline(Soon());
    v1::GetHistoryResponse page;
    grpc::Status status = cases.GetHistory(&context, request, &page);
    if (!status.ok()) {
      ADD_FAILURE() << "GetHistory " << case_id << ": " << status.error_message();
      return false;
    }
    events.insert(events.end(), page.events().begin(), page.events().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return true;
}

// Every alert matching `filter`, all pages, in cursor order.
std::vector<v1::Alert> ListAll(v1::AlertService::Stub& alerts, const v1::AlertFilter& filter) {
  std::vector<v1::Alert> all;
  v1::ListAlertsRequest request;
  *request.mutable_filter() = filter;
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    context.set_deadline(Soon());
    v1::ListAlertsResponse page;
    grpc::Status status = alerts.ListAlerts(&context, request, &page);
    if (!status.ok()) {
      ADD_FAILURE() << "ListAlerts: " << status.error_message();
      return all;
    }
    all.insert(all.end(), page.alerts().begin(), page.alerts().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

std::string States(const google::protobuf::RepeatedPtrField<v1::RegionState>& states) {
  std::string text;
  for (const v1::RegionState& state : states) text += state.region() + "=" + state.state() + " ";
  return text;
}

void CheckOneHistory(v1::CaseService::Stub& cases, v1::AlertService::Stub& alerts,
                     const CaseProgress& one) {
  SCOPED_TRACE(one.Name());
  v1::Case found;
  grpc::Status status = GetCase(cases, one.case_id, found);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<v1::RecordedEvent> events;
  ASSERT_TRUE(History(cases, one.case_id, events));
  ASSERT_EQ(static_cast<int64_t>(events.size()), found.version()) << "GetCase version";
  std::map<std::string, std::vector<int64_t>> versions_of_request;
  int edd_fired = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const v1::RecordedEvent& event = events[i];
    EXPECT_EQ(event.version(), static_cast<int64_t>(i + 1)) << "versions not contiguous";
    if (event.request_id().empty()) {
      EXPECT_TRUE(event.event().has_deadline_elapsed())
          << "an event without request id that is not the scheduler's, at version "
          << event.version();
      if (event.event().deadline_elapsed().kind() == v1::DEADLINE_KIND_EDD_MISSING) ++edd_fired;
    } else {
      versions_of_request[event.request_id()].push_back(event.version());
    }
  }
  for (size_t i = 0; i < one.plan.steps.size(); ++i) {
    const CaseCommand& command = one.plan.steps[i];
    const StepRecord& record = one.records[i];
    auto stored = versions_of_request.find(command.request_id);
    const size_t times = stored == versions_of_request.end() ? 0 : stored->second.size();
    if (record.outcome == Outcome::kOk) {
      EXPECT_EQ(times, 1u) << command.label << " request " << command.request_id
                           << " answered OK: must be stored exactly once";
      if (times == 1) {
        EXPECT_EQ(stored->second[0], record.version)
            << command.label << " request " << command.request_id << " stored at another version";
      }
    } else {
      EXPECT_EQ(times, 0u) << command.label << " request " << command.request_id
                           << " refused or never sent, yet stored";
    }
    if (stored != versions_of_request.end()) versions_of_request.erase(stored);
  }
  for (const auto& [request_id, versions] : versions_of_request) {
    ADD_FAILURE() << "event with a request id this case never sent: " << request_id;
  }

  const bool fires = one.plan.kind != CaseKind::kOrdinary;
  EXPECT_EQ(edd_fired, fires ? 1 : 0) << "deadline_elapsed(EDD_MISSING) events";
  bool edd_set = false;
  for (size_t i = 0; i < one.plan.steps.size(); ++i) {
    edd_set |= one.plan.steps[i].label == "expected_discharge_date_set" &&
               one.records[i].outcome == Outcome::kOk;
  }
  EXPECT_EQ(EddPending(found), !fires && !edd_set) << "EDD-missing deadline pending";

  v1::AlertFilter filter;
  filter.set_case_id(one.case_id);
  int edd_alerts = 0;
  for (const v1::Alert& alert : ListAll(alerts, filter)) {
    EXPECT_EQ(alert.case_id(), one.case_id);
    if (alert.kind() == v1::ALERT_KIND_EDD_NOT_SET) ++edd_alerts;
  }
  EXPECT_EQ(edd_alerts, edd_fired) << "one EDD-not-set alert per firing";
}

}  // namespace

bool WaitForDeadlines(v1::CaseService::Stub& cases, const std::vector<CaseProgress*>& progress,
                      std::chrono::seconds timeout) {
  int64_t latest_due = 0;
  for (const CaseProgress* one : progress) {
    if (one->plan.kind != CaseKind::kOrdinary) latest_due = std::max(latest_due, one->plan.edd_due);
  }
  const auto give_up =
      std::chrono::system_clock::time_point(std::chrono::seconds(latest_due)) + timeout;
  for (const CaseProgress* one : progress) {
    if (one->plan.kind == CaseKind::kOrdinary || one->case_id.empty()) continue;
    while (true) {
      v1::Case found;
      grpc::Status status = GetCase(cases, one->case_id, found);
      if (!status.ok()) {
        ADD_FAILURE() << one->Name() << ": GetCase " << status.error_message();
        return false;
      }
      if (!EddPending(found)) break;
      if (std::chrono::system_clock::now() > give_up) {
        ADD_FAILURE() << one->Name() << ": EDD-missing deadline due at " << one->plan.edd_due
                      << " still pending " << timeout.count() << " s later";
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling the condition
    }
  }
  return true;
}

void CheckHistories(v1::CaseService::Stub& cases, v1::AlertService::Stub& alerts,
                    const std::vector<CaseProgress*>& progress) {
  for (const CaseProgress* one : progress) {
    if (!one->case_id.empty()) CheckOneHistory(cases, alerts, *one);
  }
}

void CheckSummaries(v1::CaseService::Stub& cases, const std::vector<CaseProgress*>& progress) {
  std::map<std::string, v1::CaseSummary> rows;
  v1::ListCasesRequest request;
  request.mutable_filter()->set_include_closed(true);
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    context.set_deadline(Soon());
    v1::ListCasesResponse page;
    grpc::Status status = cases.ListCases(&context, request, &page);
    ASSERT_TRUE(status.ok()) << "ListCases: " << status.error_message();
    for (const v1::CaseSummary& row : page.cases()) {
      EXPECT_TRUE(rows.emplace(row.case_id(), row).second) << "listed twice: " << row.case_id();
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());

  size_t created = 0;
  for (const CaseProgress* one : progress) {
    if (one->case_id.empty()) continue;
    ++created;
    SCOPED_TRACE(one->Name());
    v1::Case found;
    grpc::Status status = GetCase(cases, one->case_id, found);
    ASSERT_TRUE(status.ok()) << status.error_message();
    auto row = rows.find(one->case_id);
    if (row == rows.end()) {
      ADD_FAILURE() << "not in ListCases";
      continue;
    }
    EXPECT_EQ(row->second.version(), found.version()) << "summary row version";
    EXPECT_EQ(States(row->second.states()), States(found.states())) << "summary row states";
  }
  EXPECT_EQ(rows.size(), created) << "ListCases rows against cases created";
}

void CheckSubscriber(v1::AlertService::Stub& alerts, const std::string& address,
                     AlertSubscriber& subscriber) {
  SCOPED_TRACE("subscriber " + subscriber.name());
  std::vector<int64_t> expected;
  for (const v1::Alert& alert : ListAll(alerts, subscriber.filter())) {
    expected.push_back(alert.cursor());
  }
  if (!expected.empty()) {
    EXPECT_TRUE(subscriber.CatchUp(address, expected.back(), kReadTimeout))
        << "did not receive the last alert, cursor " << expected.back();
  }
  const std::vector<int64_t>& seen = subscriber.cursors();
  for (size_t i = 1; i < seen.size(); ++i) {
    if (seen[i] <= seen[i - 1]) {
      ADD_FAILURE() << "cursor " << seen[i] << " received after " << seen[i - 1]
                    << " (a repeat or out of order), position " << i;
      break;
    }
  }
  for (size_t i = 0; i < std::max(seen.size(), expected.size()); ++i) {
    if (i >= seen.size() || i >= expected.size() || seen[i] != expected[i]) {
      ADD_FAILURE() << "received " << seen.size() << " alerts, the log has " << expected.size()
                    << "; first difference at position " << i << ": received "
                    << (i < seen.size() ? std::to_string(seen[i]) : "nothing") << ", log has "
                    << (i < expected.size() ? std::to_string(expected[i]) : "nothing");
      break;
    }
  }
}

}  // namespace tocflow::crash
