#include "fanout/event_load.h"

#include "command/echo_server.h"

namespace bench::fanout {
namespace {

namespace v1 = tocflow::v1;
using Clock = std::chrono::steady_clock;

// Request ids are unique per run: cases are new in every run's database.
std::string RequestId(int64_t key, Step step) {
  return "fanout-" + std::to_string(key) + "-" + std::to_string(static_cast<int>(step));
}

}  // namespace

EventLoad::EventLoad(const std::string& address, int clients, int pre_opened_per_client,
                     int64_t occurred_at)
    : clients_(static_cast<size_t>(clients)),
      pre_opened_per_client_(pre_opened_per_client),
      occurred_at_(occurred_at),
      records_(static_cast<size_t>(clients)) {
  for (int c = 0; c < clients; ++c) {
    clients_[static_cast<size_t>(c)].stub =
        v1::CaseService::NewStub(ClientChannel(address, 2000 + c));
  }
}

std::string EventLoad::PreOpen() {
  for (size_t c = 0; c < clients_.size(); ++c) {
    for (int p = 0; p < pre_opened_per_client_; ++p) {
      const int64_t key = static_cast<int64_t>(c) * kClientSpan + kPreOpenedBase + p;
      CommandRecord record;
      if (!Open(clients_[c], key, record)) return "pre-opening a case: " + last_error();
      pre_opened_[key] = record.case_id;
    }
  }
  return "";
}

std::string EventLoad::PreOpenedId(int64_t key) const {
  auto it = pre_opened_.find(key);
  return it == pre_opened_.end() ? "" : it->second;
}

bool EventLoad::Call(int client, int64_t n) {
  Client& mine = clients_[static_cast<size_t>(client)];
  CommandRecord record;
  bool ok = false;
  if (n % 10 == 9 && mine.pre_steps < 2 * static_cast<int64_t>(pre_opened_per_client_)) {
    const int64_t p = mine.pre_steps / 2;
    const Step step = mine.pre_steps % 2 == 0 ? Step::kRefer : Step::kDischarge;
    ++mine.pre_steps;
    record.case_key = client * kClientSpan + kPreOpenedBase + p;
    ok = Record(mine, PreOpenedId(record.case_key), step, record);
  } else {
    const int64_t j = mine.new_steps / kStepCount;
    const Step step = static_cast<Step>(mine.new_steps % kStepCount);
    ++mine.new_steps;
    record.case_key = client * kClientSpan + j;
    if (step == Step::kOpen) {
      ok = Open(mine, record.case_key, record);
      mine.current_id = ok ? record.case_id : "";
    } else {
      ok = Record(mine, mine.current_id, step, record);
    }
  }
  records_[static_cast<size_t>(client)].push_back(std::move(record));
  return ok;
}

bool EventLoad::Open(Client& client, int64_t key, CommandRecord& record) {
  const Place place = PlaceOf(key);
  v1::CreateCaseRequest request;
  request.set_request_id(RequestId(key, Step::kOpen));
  request.set_actor("bench");
  auto* opening = request.mutable_opening();
  opening->set_nhs_number("9434765919");
  opening->set_local_patient_id("MRN-" + std::to_string(key));
  opening->set_spell_id("fanout-" + std::to_string(key));
  opening->set_provider_ods(place.provider_ods);
  opening->set_site("Main");
  opening->set_ward(place.ward);
  opening->set_setting(v1::SETTING_ACUTE);
  opening->set_local_authority(place.local_authority);
  opening->set_icb(place.icb);
  opening->mutable_admitted_at()->set_seconds(occurred_at_ - 2 * 24 * 3600);
  // No EDD clock: the run fires no deadline, every alert comes from a command.
  opening->set_admission_method(v1::ADMISSION_METHOD_OTHER);
  opening->set_notice_exclusion(v1::NOTICE_EXCLUSION_NONE);
  grpc::ClientContext context;
  context.set_wait_for_ready(true);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::Case created;
  record.case_key = key;
  record.step = Step::kOpen;
  record.sent = Clock::now();
  grpc::Status status = client.stub->CreateCase(&context, request, &created);
  record.answered = Clock::now();
  record.ok = status.ok();
  if (!status.ok()) {
    Failed("CreateCase: " + status.error_message());
    return false;
  }
  record.case_id = created.case_id();
  return true;
}

bool EventLoad::Record(Client& client, const std::string& case_id, Step step,
                       CommandRecord& record) {
  record.step = step;
  record.case_id = case_id;
  if (case_id.empty()) {
    Failed("a command on a case whose opening failed");
    return false;
  }
  v1::RecordEventRequest request;
  request.set_case_id(case_id);
  request.set_request_id(RequestId(record.case_key, step));
  request.set_actor("bench");
  request.mutable_occurred_at()->set_seconds(occurred_at_);
  if (step == Step::kRefer) {
    request.mutable_event()->mutable_referred_for_full_assessment();
  } else {
    request.mutable_event()->mutable_discharged()->set_destination("usual residence");
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::RecordEventResponse response;
  record.sent = Clock::now();
  grpc::Status status = client.stub->RecordEvent(&context, request, &response);
  record.answered = Clock::now();
  record.ok = status.ok();
  if (!status.ok()) Failed("RecordEvent: " + status.error_message());
  return status.ok();
}

void EventLoad::Failed(const std::string& what) {
  std::lock_guard lock(error_mutex_);
  error_ = what;
}

std::string EventLoad::last_error() const {
  std::lock_guard lock(error_mutex_);
  return error_;
}

}  // namespace bench::fanout
