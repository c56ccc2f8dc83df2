#include "storm/async_commands.h"

#include <chrono>

#include "command/echo_server.h"

namespace bench::storm {
namespace {

namespace tv1 = tocflow::v1;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One call in flight; deleted by its callback.
struct Call {
  grpc::ClientContext context;
  tv1::RecordEventRequest request;
  tv1::RecordEventResponse response;
};

}  // namespace

AsyncCommands::AsyncCommands(const std::string& address, int clients, int cases_per_client)
    : clients_(static_cast<size_t>(clients)), cases_per_client_(cases_per_client) {
  for (int c = 0; c < clients; ++c) {
    clients_[static_cast<size_t>(c)].stub = tv1::CaseService::NewStub(ClientChannel(address, c));
  }
}

std::string AsyncCommands::CreateCases() {
  occurred_at_ = NowSeconds();
  for (size_t c = 0; c < clients_.size(); ++c) {
    for (int k = 0; k < cases_per_client_; ++k) {
      tv1::CreateCaseRequest request;
      const std::string spell = "storm-client-" + std::to_string(c) + "-" + std::to_string(k);
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
      opening->mutable_admitted_at()->set_seconds(occurred_at_ - 24 * 3600);
      opening->set_admission_method(tv1::ADMISSION_METHOD_ELECTIVE);
      opening->set_notice_exclusion(tv1::NOTICE_EXCLUSION_NONE);
      grpc::ClientContext context;
      context.set_wait_for_ready(true);
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      tv1::Case created;
      grpc::Status status = clients_[c].stub->CreateCase(&context, request, &created);
      if (!status.ok()) return "CreateCase: " + status.error_message();
      clients_[c].case_ids.push_back(created.case_id());
    }
  }
  return "";
}

void AsyncCommands::Send(int client, int64_t n, std::function<void(bool ok)> done) {
  Client& mine = clients_[static_cast<size_t>(client)];
  auto* call = new Call();
  call->request.set_case_id(mine.case_ids[static_cast<size_t>(n % cases_per_client_)]);
  {
    std::lock_guard lock(mutex_);
    call->request.set_request_id("storm-record-" + std::to_string(next_request_++));
  }
  call->request.set_actor("bench");
  call->request.mutable_occurred_at()->set_seconds(occurred_at_);
  tv1::PartyAssigned* assigned = call->request.mutable_event()->mutable_party_assigned();
  assigned->set_role(tv1::ROLE_CARE_PROVIDER);
  assigned->set_party("Provider " + std::to_string(n % 100));
  call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
  mine.stub->async()->RecordEvent(&call->context, &call->request, &call->response,
                                  [this, call, done = std::move(done)](grpc::Status status) {
                                    if (!status.ok()) {
                                      std::lock_guard lock(mutex_);
                                      error_ = status.error_message();
                                    }
                                    delete call;
                                    done(status.ok());
                                  });
}

std::string AsyncCommands::last_error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace bench::storm
