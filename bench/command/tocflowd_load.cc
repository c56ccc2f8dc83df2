#include "command/tocflowd_load.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "command/echo_server.h"

namespace bench {
namespace {

namespace tv1 = tocflow::v1;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

tv1::CreateCaseRequest Opening(int client, int k, int64_t admitted) {
  tv1::CreateCaseRequest request;
  const std::string spell = "bench-" + std::to_string(client) + "-" + std::to_string(k);
  request.set_request_id("open-" + spell);
  request.set_actor("bench");
  auto* opening = request.mutable_opening();
  opening->set_nhs_number("9434765919");
  opening->set_local_patient_id("MRN-" + spell);
  opening->set_spell_id(spell);
  opening->set_provider_ods("RXX");
  opening->set_site("Main");
  opening->set_ward("Ward " + std::to_string(k % 8));
  opening->set_bed("B" + std::to_string(k));
  opening->set_setting(tv1::SETTING_ACUTE);
  opening->set_local_authority("E09000001");
  opening->set_icb("QXX");
  opening->mutable_admitted_at()->set_seconds(admitted);
  // No EDD clock: the cases set no deadline, so the scheduler stays idle.
  opening->set_admission_method(tv1::ADMISSION_METHOD_OTHER);
  opening->set_notice_exclusion(tv1::NOTICE_EXCLUSION_NONE);
  return request;
}

}  // namespace

TocflowdLoad::TocflowdLoad(const std::string& address, int clients, int cases_per_client)
    : clients_(static_cast<size_t>(clients)), cases_per_client_(cases_per_client) {
  for (int c = 0; c < clients; ++c) {
    clients_[c].stub = tv1::CaseService::NewStub(ClientChannel(address, c));
  }
}

std::string TocflowdLoad::CreateCases() {
  const int64_t admitted = NowSeconds() - 24 * 3600;
  std::vector<std::string> errors(clients_.size());
  std::vector<std::thread> threads;
  for (size_t c = 0; c < clients_.size(); ++c) {
    threads.emplace_back([&, c] {
      for (int k = 0; k < cases_per_client_; ++k) {
        grpc::ClientContext context;
        // Connecting many channels at once can fail transiently: wait for each to be ready.
        context.set_wait_for_ready(true);
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        tv1::Case created;
        grpc::Status status = clients_[c].stub->CreateCase(
            &context, Opening(static_cast<int>(c), k, admitted), &created);
        if (!status.ok()) {
          errors[c] = "CreateCase: " + status.error_message();
          return;
        }
        clients_[c].case_ids.push_back(created.case_id());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& error : errors) {
    if (!error.empty()) return error;
  }
  // One real call gives the sizes the baselines copy.
  Client& first = clients_[0];
  tv1::RecordEventRequest request = Request(first, 0);
  tv1::RecordEventResponse response;
  grpc::ClientContext context;
  grpc::Status status = first.stub->RecordEvent(&context, request, &response);
  if (!status.ok()) return "RecordEvent: " + status.error_message();
  request_bytes_ = request.ByteSizeLong();
  response_bytes_ = response.ByteSizeLong();
  event_bytes_ = request.event().ByteSizeLong();
  return "";
}

tocflow::v1::RecordEventRequest TocflowdLoad::Request(Client& client, int64_t n) {
  tv1::RecordEventRequest request;
  request.set_case_id(client.case_ids[static_cast<size_t>(n % cases_per_client_)]);
  request.set_request_id("bench-record-" + std::to_string(next_request_++));
  request.set_actor("bench");
  client.last_second = std::max(client.last_second, NowSeconds());
  request.mutable_occurred_at()->set_seconds(client.last_second);
  tv1::PartyAssigned* assigned = request.mutable_event()->mutable_party_assigned();
  assigned->set_role(tv1::ROLE_CARE_PROVIDER);
  assigned->set_party("Provider " + std::to_string(n % 100));
  return request;
}

bool TocflowdLoad::Call(int client, int64_t n) {
  Client& mine = clients_[static_cast<size_t>(client)];
  tv1::RecordEventRequest request = Request(mine, n);
  tv1::RecordEventResponse response;
  grpc::ClientContext context;
  PrepareCall(context);
  grpc::Status status = mine.stub->RecordEvent(&context, request, &response);
  if (status.ok()) return true;
  std::lock_guard lock(error_mutex_);
  error_ = status.error_message();
  return false;
}

std::string TocflowdLoad::last_error() const {
  std::lock_guard lock(error_mutex_);
  return error_;
}

}  // namespace bench
