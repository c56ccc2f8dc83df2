#include "e2e/case_ledger.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

namespace tocflow::e2e {
namespace {

namespace v1 = ::tocflow::v1;

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(10);
}

// One admission time for every case of the test process, so that ward transfers (at admission
// + n seconds) are in order whenever they are sent.
int64_t Admitted() {
  static const int64_t admitted = UnixSecondsAgo(60);
  return admitted;
}

}  // namespace

int64_t UnixSecondsAgo(int minutes) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() -
         minutes * 60;
}

v1::CreateCaseRequest OpenCase(const std::string& spell, const std::string& bulk) {
  v1::CreateCaseRequest request;
  request.set_request_id("open-" + spell);
  request.set_actor("ward-clerk");
  auto* opening = request.mutable_opening();
  opening->set_nhs_number("9434765919");
  opening->set_local_patient_id("MRN-" + spell);
  opening->set_spell_id(spell);
  opening->set_provider_ods("RXX");
  opening->set_site(bulk);
  opening->set_ward("W1");
  opening->set_setting(v1::SETTING_ACUTE);
  opening->set_local_authority("E09000001");
  opening->set_icb("QXX");
  opening->mutable_admitted_at()->set_seconds(Admitted());
  opening->set_admission_method(v1::ADMISSION_METHOD_EMERGENCY);
  opening->set_notice_exclusion(v1::NOTICE_EXCLUSION_NONE);
  return request;
}

v1::RecordEventRequest TransferWard(const std::string& case_id, int n, const std::string& bulk) {
  v1::RecordEventRequest request;
  request.set_case_id(case_id);
  request.set_request_id(case_id + "-move-" + std::to_string(n));
  request.set_actor("porter");
  request.mutable_occurred_at()->set_seconds(Admitted() + n);
  auto* moved = request.mutable_event()->mutable_ward_transferred();
  moved->set_site(bulk);
  moved->set_ward("W" + std::to_string(n % 50 + 2));
  return request;
}

grpc::Status CaseLedger::Create(v1::CaseService::Stub& stub, const v1::CreateCaseRequest& request,
                                std::string* case_id) {
  grpc::ClientContext context;
  context.set_deadline(Soon());
  v1::Case created;
  grpc::Status status = stub.CreateCase(&context, request, &created);
  if (status.ok()) {
    Acknowledge(created.case_id(), request.request_id(), created.version());
    if (case_id != nullptr) *case_id = created.case_id();
  }
  return status;
}

grpc::Status CaseLedger::Record(v1::CaseService::Stub& stub,
                                const v1::RecordEventRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(Soon());
  v1::RecordEventResponse response;
  grpc::Status status = stub.RecordEvent(&context, request, &response);
  if (status.ok()) Acknowledge(request.case_id(), request.request_id(), response.version());
  return status;
}

void CaseLedger::Acknowledge(const std::string& case_id, const std::string& request_id,
                             int64_t version) {
  auto [it, added] = index_.emplace(case_id, cases_.size());
  if (added) cases_.push_back(Entry{case_id, 0, {}});
  Entry& entry = cases_[it->second];
  const std::vector<std::string>& ids = entry.request_ids;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == request_id) {  // a retry: answered with the original outcome
      EXPECT_EQ(version, static_cast<int64_t>(i + 1))
          << "request " << request_id << " was answered with another version on a retry";
      return;
    }
  }
  entry.request_ids.push_back(request_id);
  entry.version = version;
  EXPECT_EQ(version, static_cast<int64_t>(ids.size()))
      << "case " << case_id << " answered version " << version << " for request " << request_id
      << ", but " << ids.size() << " commands on it were acknowledged";
}

std::vector<std::string> CaseLedger::case_ids() const {
  std::vector<std::string> ids;
  for (const Entry& entry : cases_) ids.push_back(entry.case_id);
  return ids;
}

size_t CaseLedger::commands() const {
  size_t n = 0;
  for (const Entry& entry : cases_) n += entry.request_ids.size();
  return n;
}

void CaseLedger::ExpectStored(v1::CaseService::Stub& stub, const std::string& when) const {
  std::set<std::string> listed;
  v1::ListCasesRequest list;
  list.mutable_filter()->set_provider_ods("RXX");
  list.mutable_filter()->set_include_closed(true);
  list.set_page_size(500);
  do {
    grpc::ClientContext context;
    context.set_deadline(Soon());
    v1::ListCasesResponse page;
    grpc::Status status = stub.ListCases(&context, list, &page);
    ASSERT_TRUE(status.ok()) << when << ": ListCases: " << status.error_code() << " "
                             << status.error_message();
    for (const v1::CaseSummary& summary : page.cases()) listed.insert(summary.case_id());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  const std::vector<std::string> ids = case_ids();
  EXPECT_EQ(listed, std::set<std::string>(ids.begin(), ids.end()))
      << when << ": the listed cases are not the acknowledged ones";

  for (const Entry& entry : cases_) {
    v1::GetCaseRequest get;
    get.set_case_id(entry.case_id);
    v1::Case got;
    grpc::ClientContext context;
    context.set_deadline(Soon());
    grpc::Status status = stub.GetCase(&context, get, &got);
    ASSERT_TRUE(status.ok()) << when << ": GetCase " << entry.case_id << ": " << status.error_code()
                             << " " << status.error_message();
    EXPECT_EQ(got.version(), entry.version) << when << ": case " << entry.case_id;

    std::vector<std::string> history;
    v1::GetHistoryRequest request;
    request.set_case_id(entry.case_id);
    request.set_page_size(1000);
    do {
      grpc::ClientContext page_context;
      page_context.set_deadline(Soon());
      v1::GetHistoryResponse page;
      status = stub.GetHistory(&page_context, request, &page);
      ASSERT_TRUE(status.ok()) << when << ": GetHistory " << entry.case_id << ": "
                               << status.error_code() << " " << status.error_message();
      for (const v1::RecordedEvent& event : page.events()) history.push_back(event.request_id());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    EXPECT_EQ(history, entry.request_ids)
        << when << ": the history of case " << entry.case_id
        << " does not hold each acknowledged request exactly once, in order";
  }
}

}  // namespace tocflow::e2e
