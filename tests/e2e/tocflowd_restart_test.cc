// tocflowd as a real process with the default durability (synchronous=FULL): commands answered
// before a SIGKILL are all there after a restart, retried request ids are answered with their
// original outcome and applied once, and a watcher resumes from its cursor with no gap or repeat.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include "support/tocflowd_process.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::e2e {
namespace {

namespace v1 = ::tocflow::v1;
using ::tocflow::testing::TempDir;
using ::tocflow::testing::TocflowdProcess;

// Times near the real clock: tocflowd runs on it here, and its scheduler would fire deadlines
// of an admission long past.
int64_t MinutesAgo(int minutes) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() -
         minutes * 60;
}
const int64_t kAdmitted = MinutesAgo(60);

v1::CreateCaseRequest Opening(const std::string& spell) {
  v1::CreateCaseRequest request;
  request.set_request_id("open-" + spell);
  request.set_actor("ward-clerk");
  auto* opening = request.mutable_opening();
  opening->set_nhs_number("9434765919");
  opening->set_local_patient_id("MRN-" + spell);
  opening->set_spell_id(spell);
  opening->set_provider_ods("RXX");
  opening->set_ward("W1");
  opening->set_setting(v1::SETTING_ACUTE);
  opening->set_local_authority("E09000001");
  opening->set_icb("QXX");
  opening->mutable_admitted_at()->set_seconds(kAdmitted);
  opening->set_admission_method(v1::ADMISSION_METHOD_EMERGENCY);
  opening->set_notice_exclusion(v1::NOTICE_EXCLUSION_NONE);
  return request;
}

v1::RecordEventRequest Ready(const std::string& case_id, const std::string& request_id) {
  v1::RecordEventRequest request;
  request.set_case_id(case_id);
  request.set_request_id(request_id);
  request.set_actor("nurse");
  request.mutable_occurred_at()->set_seconds(kAdmitted + 30 * 60);
  request.mutable_event()->mutable_ready_for_discharge();
  return request;
}

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(10);
}

// Reads a WatchAlerts stream from `after` until it ends; returns the cursors received.
std::vector<int64_t> WatchUntilEnd(v1::AlertService::Stub& stub, int64_t after,
                                   grpc::ClientContext& context, size_t stop_after) {
  v1::WatchAlertsRequest request;
  request.set_after_cursor(after);
  auto reader = stub.WatchAlerts(&context, request);
  std::vector<int64_t> cursors;
  v1::Alert alert;
  while (cursors.size() < stop_after && reader->Read(&alert)) cursors.push_back(alert.cursor());
  context.TryCancel();
  reader->Finish();
  return cursors;
}

TEST(TocflowdRestart, AnsweredCommandsSurviveSigkillAndRetriesApplyOnce) {
  TempDir dir;
  const std::string db = dir.File("tocflow.db");
  std::map<std::string, std::string> case_of_spell;
  std::atomic<int> answered_ready{0};
  std::vector<int64_t> watched;
  {
    TocflowdProcess daemon(db);
    ASSERT_TRUE(daemon.up()) << daemon.Output();
    auto cases = daemon.Stub<v1::CaseService>();
    auto alerts = daemon.Stub<v1::AlertService>();
    for (int i = 0; i < 10; ++i) {
      const std::string spell = "S" + std::to_string(i);
      grpc::ClientContext context;
      context.set_deadline(Soon());
      v1::Case created;
      grpc::Status status = cases->CreateCase(&context, Opening(spell), &created);
      ASSERT_TRUE(status.ok()) << status.error_message();
      case_of_spell[spell] = created.case_id();
    }
    // A watcher reads part of the alert log before the crash.
    grpc::ClientContext watch_context;
    watched = WatchUntilEnd(*alerts, 0, watch_context, 4);
    ASSERT_EQ(watched.size(), 4u);

    // Writers keep going while the server is killed under them.
    std::atomic<bool> stop{false};
    std::atomic<bool> writer_done{false};
    std::thread writer([&] {
      for (const auto& [spell, id] : case_of_spell) {
        if (stop) break;
        grpc::ClientContext context;
        context.set_deadline(Soon());
        v1::RecordEventResponse response;
        if (cases->RecordEvent(&context, Ready(id, "ready-" + spell), &response).ok()) {
          ++answered_ready;
        }
      }
      writer_done = true;
    });
    while (answered_ready < 3 && !writer_done) std::this_thread::yield();
    daemon.Kill();
    stop = true;
    writer.join();
  }

  TocflowdProcess daemon(db);
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  auto cases = daemon.Stub<v1::CaseService>();
  auto alerts = daemon.Stub<v1::AlertService>();
  EXPECT_NE(daemon.Output().find("10 cases"), std::string::npos) << daemon.Output();
  int ready_now = 0;
  for (const auto& [spell, id] : case_of_spell) {
    v1::GetCaseRequest get;
    get.set_case_id(id);
    v1::Case before;
    grpc::ClientContext get_context;
    ASSERT_TRUE(cases->GetCase(&get_context, get, &before).ok()) << id;
    if (before.version() == 2) ++ready_now;

    // Every command, answered or not, retried with its request id: applied at most once.
    grpc::ClientContext context;
    v1::RecordEventResponse response;
    grpc::Status status = cases->RecordEvent(&context, Ready(id, "ready-" + spell), &response);
    ASSERT_TRUE(status.ok()) << spell << ": " << status.error_message();
    EXPECT_EQ(response.version(), 2) << spell;
    grpc::ClientContext again;
    ASSERT_TRUE(cases->RecordEvent(&again, Ready(id, "ready-" + spell), &response).ok());
    EXPECT_EQ(response.version(), 2) << spell << ": a retry was applied twice";
  }
  EXPECT_GE(ready_now, answered_ready.load()) << "an answered command was lost in the crash";

  // The watcher resumes after its last cursor: the rest of the log, in order, once.
  v1::ListAlertsRequest list;
  list.set_page_size(1000);
  v1::ListAlertsResponse all;
  grpc::ClientContext list_context;
  ASSERT_TRUE(alerts->ListAlerts(&list_context, list, &all).ok());
  const size_t total = static_cast<size_t>(all.alerts_size());
  ASSERT_GT(total, watched.size());
  grpc::ClientContext resume_context;
  std::vector<int64_t> rest =
      WatchUntilEnd(*alerts, watched.back(), resume_context, total - watched.size());
  watched.insert(watched.end(), rest.begin(), rest.end());
  ASSERT_EQ(watched.size(), total);
  for (size_t i = 0; i < total; ++i)
    EXPECT_EQ(watched[i], all.alerts(static_cast<int>(i)).cursor());
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace tocflow::e2e
