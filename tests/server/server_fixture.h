// A real tocflowd (tocflow::server::Server) on 127.0.0.1:0 with a temporary SQLite file and a
// ManualClock, and generated gRPC stubs talking to it.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/clock.h"
#include "server/server.h"
#include "support/temp_dir.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"
#include "workflow/time.h"

namespace tocflow::server::testing {

namespace v1 = ::tocflow::v1;

inline workflow::Timestamp T(const char* utc) { return *workflow::ParseUtc(utc); }

// Polls `condition` until it holds or `timeout` passes, for what the server offers no
// notification of; true when it held.
template <typename Condition>
bool WaitUntil(Condition condition, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

inline google::protobuf::Timestamp Wire(workflow::Timestamp t) {
  google::protobuf::Timestamp out;
  out.set_seconds(workflow::ToUnixSeconds(t));
  return out;
}

// 09:00 on Monday 2 March 2026.
inline const workflow::Timestamp kStart = T("2026-03-02T09:00:00Z");

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }

  void TearDown() override {
    cases_.reset();
    alerts_.reset();
    channel_.reset();
    if (server_) server_->Shutdown();
    server_.reset();
  }

  // Lets a test fixture change the options before the server starts.
  virtual void Configure(ServerOptions& /*options*/) {}

  void StartServer() {
    ServerOptions options;
    options.db_path = dir_.File("tocflow.db");
    options.listen = "127.0.0.1:0";
    options.store.synchronous = store::Synchronous::kNormal;
    options.clock = &clock_;
    Configure(options);
    auto started = Server::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::move(*started);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    cases_ = v1::CaseService::NewStub(channel_);
    alerts_ = v1::AlertService::NewStub(channel_);
  }

  static v1::CreateCaseRequest Opening(const std::string& request_id, const std::string& spell,
                                       const std::string& ward = "W1",
                                       const std::string& provider = "RXX") {
    v1::CreateCaseRequest request;
    request.set_request_id(request_id);
    request.set_actor("ward-clerk");
    auto* opening = request.mutable_opening();
    opening->set_nhs_number("9434765919");
    opening->set_local_patient_id("MRN-" + spell);
    opening->set_spell_id(spell);
    opening->set_provider_ods(provider);
    opening->set_site("Main");
    opening->set_ward(ward);
    opening->set_bed("B1");
    opening->set_setting(v1::SETTING_ACUTE);
    opening->set_local_authority("E09000001");
    opening->set_icb("QXX");
    *opening->mutable_admitted_at() = Wire(kStart);
    opening->set_admission_method(v1::ADMISSION_METHOD_EMERGENCY);
    opening->set_notice_exclusion(v1::NOTICE_EXCLUSION_NONE);
    return request;
  }

  // Creates a case and returns its id (fails the test on error).
  std::string Create(const std::string& spell, const std::string& ward = "W1",
                     const std::string& provider = "RXX") {
    grpc::ClientContext context;
    v1::Case created;
    grpc::Status status =
        cases_->CreateCase(&context, Opening("open-" + spell, spell, ward, provider), &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.case_id();
  }

  grpc::Status Record(const std::string& case_id, const std::string& request_id,
                      workflow::Timestamp at, const v1::Event& event,
                      v1::RecordEventResponse* response,
                      std::optional<int64_t> expected_version = std::nullopt) {
    v1::RecordEventRequest request;
    request.set_case_id(case_id);
    request.set_request_id(request_id);
    request.set_actor("nurse");
    *request.mutable_occurred_at() = Wire(at);
    *request.mutable_event() = event;
    if (expected_version) request.set_expected_version(*expected_version);
    grpc::ClientContext context;
    return cases_->RecordEvent(&context, request, response);
  }

  static v1::Event ReadyForDischarge() {
    v1::Event event;
    event.mutable_ready_for_discharge();
    return event;
  }

  grpc::Status Get(const std::string& case_id, v1::Case* out) {
    grpc::ClientContext context;
    v1::GetCaseRequest request;
    request.set_case_id(case_id);
    return cases_->GetCase(&context, request, out);
  }

  ::tocflow::testing::TempDir dir_;  // removed after the server has closed the file
  engine::ManualClock clock_{kStart};
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseService::Stub> cases_;
  std::unique_ptr<v1::AlertService::Stub> alerts_;
};

// Which watch RPC a Watcher calls.
enum class WatchRpc { kWatchAlerts, kWatchAlertBatches };

// A WatchAlerts (or WatchAlertBatches) call read on its own thread; the test waits for alerts
// with a timeout.
class Watcher {
 public:
  Watcher(v1::AlertService::Stub* stub, v1::WatchAlertsRequest request,
          WatchRpc rpc = WatchRpc::kWatchAlerts) {
    if (rpc == WatchRpc::kWatchAlerts) {
      thread_ = std::thread([this, reader = stub->WatchAlerts(&context_, request)] {
        Read(*reader, [](v1::Alert& alert) { return std::vector<v1::Alert>{std::move(alert)}; });
      });
    } else {
      thread_ = std::thread([this, reader = stub->WatchAlertBatches(&context_, request)] {
        Read(*reader, [](v1::AlertBatch& batch) {
          return std::vector<v1::Alert>(batch.alerts().begin(), batch.alerts().end());
        });
      });
    }
  }
  ~Watcher() {
    Cancel();
    thread_.join();
  }

  // Waits until the server has registered the watch (it then sends initial metadata), so that
  // a watch "from now" sees everything committed after this returns.
  bool WaitUntilRegistered(std::chrono::seconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return registered_; });
  }
  // True once `count` alerts have arrived (within the timeout).
  bool WaitFor(size_t count, std::chrono::seconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return received_.size() >= count || done_; }) &&
           received_.size() >= count;
  }
  // True once the stream has ended.
  bool WaitDone(std::chrono::seconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done_; });
  }
  std::deque<v1::Alert> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // How many alerts each message carried, in arrival order.
  std::vector<size_t> message_sizes() {
    std::lock_guard lock(mutex_);
    return message_sizes_;
  }
  grpc::Status status() {
    std::lock_guard lock(mutex_);
    return status_;
  }
  void Cancel() { context_.TryCancel(); }

 private:
  template <typename Message, typename Unpack>
  void Read(grpc::ClientReader<Message>& reader, Unpack unpack) {
    reader.WaitForInitialMetadata();
    {
      std::lock_guard lock(mutex_);
      registered_ = true;
      changed_.notify_all();
    }
    Message message;
    while (reader.Read(&message)) {
      std::vector<v1::Alert> alerts = unpack(message);
      std::lock_guard lock(mutex_);
      message_sizes_.push_back(alerts.size());
      for (v1::Alert& alert : alerts) received_.push_back(std::move(alert));
      changed_.notify_all();
    }
    grpc::Status status = reader.Finish();
    std::lock_guard lock(mutex_);
    status_ = status;
    done_ = true;
    changed_.notify_all();
  }

  grpc::ClientContext context_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<v1::Alert> received_;
  std::vector<size_t> message_sizes_;
  grpc::Status status_;
  bool registered_ = false;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace tocflow::server::testing
