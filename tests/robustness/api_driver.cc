#include "api_driver.h"

#include <algorithm>
#include <chrono>

namespace tocflow::robustness {

namespace v1 = ::tocflow::v1;
namespace pb = ::google::protobuf;

bool AcceptableCode(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return false;
    default:
      return true;
  }
}

ApiDriver::ApiDriver(uint64_t seed, engine::ManualClock* clock, std::function<void()> poke)
    : random_(seed), clock_(clock), poke_(std::move(poke)) {}

void ApiDriver::Connect(const std::string& address) {
  channel_ = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  cases_ = v1::CaseService::NewStub(channel_);
  alerts_ = v1::AlertService::NewStub(channel_);
  reports_ = v1::ReportService::NewStub(channel_);
}

std::unique_ptr<grpc::ClientContext> ApiDriver::Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  // Generous: a hang shows as DEADLINE_EXCEEDED, not as a slow sanitizer build.
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

std::string ApiDriver::Check(const char* rpc, const pb::Message& request,
                             const grpc::Status& status) {
  ++code_counts_[static_cast<size_t>(status.error_code()) % code_counts_.size()];
  if (AcceptableCode(status.error_code())) return "";
  std::string shown = request.ShortDebugString();
  if (shown.size() > 600) shown = shown.substr(0, 600) + "...";
  return std::string(rpc) + " answered code " + std::to_string(status.error_code()) + " (" +
         status.error_message() + ") to " + shown;
}

std::string ApiDriver::KnownOrBogusCaseId() {
  if (!case_ids_.empty() && random_.Chance(0.8)) return random_.Pick(case_ids_);
  return random_.BogusId();
}

std::string ApiDriver::Step() {
  int64_t roll = random_.Between(0, 99);
  if (roll < 8 || case_ids_.empty()) return CreateCase();
  if (roll < 45) return RecordValidEvent();
  if (roll < 57) return RecordHostileEvent();
  if (roll < 64) return AssignParty();
  if (roll < 79) return ReadCases();
  if (roll < 88) return Alerts();
  if (roll < 93) return Reports();
  return AdvanceClock();
}

std::string ApiDriver::CreateCase() {
  v1::CreateCaseRequest request;
  workflow::Timestamp now = clock_->Now();
  bool hostile = random_.Chance(0.25);
  random_.Fill(&request, now, hostile ? 0.3 : 0.0);
  if (!hostile) {
    v1::CaseOpened* opening = request.mutable_opening();
    static const std::vector<std::string> kNhsNumbers = {"9434765919", "9434765870", "4010232137",
                                                         ""};
    opening->set_nhs_number(random_.Pick(kNhsNumbers));
    opening->set_nhs_number_untraced(opening->nhs_number().empty());
    opening->set_spell_id("S" + std::to_string(next_request_));
    opening->mutable_admitted_at()->set_seconds(workflow::ToUnixSeconds(now) -
                                                random_.Between(0, 72 * 3600));
    request.clear_occurred_at();
  }
  request.set_request_id(!request_ids_.empty() && random_.Chance(0.1)
                             ? random_.Pick(request_ids_)
                             : "create-" + std::to_string(next_request_++));
  request_ids_.push_back(request.request_id());
  v1::Case created;
  auto context = Context();
  grpc::Status status = cases_->CreateCase(context.get(), request, &created);
  if (status.ok() &&
      std::find(case_ids_.begin(), case_ids_.end(), created.case_id()) == case_ids_.end()) {
    case_ids_.push_back(created.case_id());
  }
  return Check("CreateCase", request, status);
}

std::string ApiDriver::RecordValidEvent() {
  v1::GetCaseRequest get;
  get.set_case_id(random_.Pick(case_ids_));
  v1::Case current;
  auto get_context = Context();
  grpc::Status status = cases_->GetCase(get_context.get(), get, &current);
  if (!status.ok() || current.valid_next_events().empty()) return Check("GetCase", get, status);

  v1::RecordEventRequest request;
  request.set_case_id(current.case_id());
  request.set_request_id(random_.Chance(0.05) && !request_ids_.empty()
                             ? random_.Pick(request_ids_)
                             : "event-" + std::to_string(next_request_++));
  request_ids_.push_back(request.request_id());
  request.set_actor(random_.Name());
  workflow::Timestamp now = clock_->Now();
  request.mutable_occurred_at()->set_seconds(workflow::ToUnixSeconds(now));
  if (random_.Chance(0.5)) request.set_expected_version(current.version());
  if (random_.Chance(0.05)) request.set_expected_version(current.version() - 1);
  std::vector<v1::ValidEvent> valid(current.valid_next_events().begin(),
                                    current.valid_next_events().end());
  const std::string name = random_.Pick(valid).event();
  v1::Event* event = request.mutable_event();
  const pb::FieldDescriptor* field = event->GetDescriptor()->FindFieldByName(name);
  if (field == nullptr) return "valid_next_events names an unknown event: " + name;
  random_.Fill(event->GetReflection()->MutableMessage(event, field), now, 0.03);
  v1::RecordEventResponse response;
  auto context = Context();
  return Check("RecordEvent", request, cases_->RecordEvent(context.get(), request, &response));
}

std::string ApiDriver::RecordHostileEvent() {
  v1::RecordEventRequest request;
  random_.Fill(&request, clock_->Now(), 0.3);
  request.set_case_id(KnownOrBogusCaseId());
  if (random_.Chance(0.5)) request.set_request_id("hostile-" + std::to_string(next_request_++));
  v1::RecordEventResponse response;
  auto context = Context();
  return Check("RecordEvent", request, cases_->RecordEvent(context.get(), request, &response));
}

std::string ApiDriver::AssignParty() {
  v1::AssignPartyRequest request;
  random_.Fill(&request, clock_->Now(), 0.2);
  request.set_case_id(KnownOrBogusCaseId());
  request.set_request_id("assign-" + std::to_string(next_request_++));
  request.clear_expected_version();
  v1::AssignPartyResponse response;
  auto context = Context();
  return Check("AssignParty", request, cases_->AssignParty(context.get(), request, &response));
}

std::string ApiDriver::ReadCases() {
  workflow::Timestamp now = clock_->Now();
  auto context = Context();
  switch (random_.Between(0, 3)) {
    case 0: {
      v1::GetCaseRequest request;
      request.set_case_id(KnownOrBogusCaseId());
      v1::Case response;
      return Check("GetCase", request, cases_->GetCase(context.get(), request, &response));
    }
    case 1: {
      v1::GetHistoryRequest request;
      random_.Fill(&request, now, 0.4);
      request.set_case_id(KnownOrBogusCaseId());
      v1::GetHistoryResponse response;
      return Check("GetHistory", request, cases_->GetHistory(context.get(), request, &response));
    }
    default: {
      v1::ListCasesRequest request;
      random_.Fill(&request, now, 0.3);
      if (random_.Chance(0.5)) request.clear_page_token();
      v1::ListCasesResponse response;
      grpc::Status status = cases_->ListCases(context.get(), request, &response);
      if (!status.ok() || response.next_page_token().empty()) {
        return Check("ListCases", request, status);
      }
      request.set_page_token(response.next_page_token());  // the next page, as a client would
      auto next = Context();
      return Check("ListCases", request, cases_->ListCases(next.get(), request, &response));
    }
  }
}

std::string ApiDriver::Alerts() {
  workflow::Timestamp now = clock_->Now();
  switch (random_.Between(0, 2)) {
    case 0: {
      v1::ListAlertsRequest request;
      random_.Fill(&request, now, 0.3);
      if (random_.Chance(0.6)) request.clear_page_token();
      v1::ListAlertsResponse response;
      auto context = Context();
      grpc::Status status = alerts_->ListAlerts(context.get(), request, &response);
      for (const v1::Alert& alert : response.alerts()) {
        max_cursor_ = std::max(max_cursor_, alert.cursor());
      }
      return Check("ListAlerts", request, status);
    }
    case 1: {
      v1::AckAlertRequest request;
      random_.Fill(&request, now, 0.2);
      request.set_cursor(random_.Between(-2, max_cursor_ + 3));
      v1::Alert response;
      auto context = Context();
      return Check("AckAlert", request, alerts_->AckAlert(context.get(), request, &response));
    }
    default: {
      // A short watch: the deadline ends it, so DEADLINE_EXCEEDED is expected here.
      v1::WatchAlertsRequest request;
      random_.Fill(&request, now, 0.3);
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(50));
      auto reader = alerts_->WatchAlerts(&context, request);
      v1::Alert alert;
      for (int i = 0; i < 5 && reader->Read(&alert); ++i) {
      }
      context.TryCancel();
      grpc::Status status = reader->Finish();
      if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
          status.error_code() == grpc::StatusCode::CANCELLED) {
        status = grpc::Status::OK;
      }
      return Check("WatchAlerts", request, status);
    }
  }
}

std::string ApiDriver::Reports() {
  workflow::Timestamp now = clock_->Now();
  auto context = Context();
  switch (random_.Between(0, 3)) {
    case 0: {
      v1::DelayedTransfersMonthlyRequest request;
      random_.Fill(&request, now, 0.3);
      v1::DelayedTransfersMonthlyResponse response;
      return Check("DelayedTransfersMonthly", request,
                   reports_->DelayedTransfersMonthly(context.get(), request, &response));
    }
    case 1: {
      v1::DischargeReadyDailyRequest request;
      random_.Fill(&request, now, 0.3);
      v1::DischargeReadyDailyResponse response;
      return Check("DischargeReadyDaily", request,
                   reports_->DischargeReadyDaily(context.get(), request, &response));
    }
    case 2: {
      v1::ChcTimelinessRequest request;
      random_.Fill(&request, now, 0.3);
      v1::ChcTimelinessResponse response;
      return Check("ChcTimeliness", request,
                   reports_->ChcTimeliness(context.get(), request, &response));
    }
    default: {
      v1::ReimbursementRequest request;
      random_.Fill(&request, now, 0.3);
      v1::ReimbursementResponse response;
      return Check("Reimbursement", request,
                   reports_->Reimbursement(context.get(), request, &response));
    }
  }
}

std::string ApiDriver::AdvanceClock() {
  int64_t seconds =
      random_.Chance(0.8) ? random_.Between(0, 6 * 3600) : random_.Between(0, 4 * 86400);
  clock_->Advance(std::chrono::seconds(seconds));
  poke_();
  return "";
}

}  // namespace tocflow::robustness
