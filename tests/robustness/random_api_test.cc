// The randomised API test: a few thousand random valid and invalid requests against a real
// tocflowd (in-process, ManualClock, temporary SQLite file). The server must never answer
// UNKNOWN, INTERNAL or UNIMPLEMENTED (nor hang), and afterwards every case must still replay:
// GetCase answers with version == the length of its history, replaying the history on the
// client gives the states the server reports, and a restarted server serves the same cases.
//
// The seed is printed; TOCFLOW_RANDOM_API_SEED=<seed> replays a run, and
// TOCFLOW_RANDOM_API_STEPS=<n> (default 3000) runs longer.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "api_driver.h"
#include "server/server_fixture.h"
#include "wire/case_view.h"
#include "wire/event_codec.h"
#include "workflow/journey.h"

namespace tocflow::robustness {
namespace {

namespace v1 = ::tocflow::v1;
using server::testing::ServerTest;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

class RandomApiTest : public ServerTest {
 protected:
  // Every event of a case, page by page.
  std::vector<v1::RecordedEvent> History(const std::string& case_id) {
    std::vector<v1::RecordedEvent> events;
    v1::GetHistoryRequest request;
    request.set_case_id(case_id);
    request.set_page_size(100);
    for (int page = 0; page < 1000; ++page) {
      grpc::ClientContext context;
      v1::GetHistoryResponse response;
      grpc::Status status = cases_->GetHistory(&context, request, &response);
      EXPECT_TRUE(status.ok()) << case_id << ": " << status.error_message();
      if (!status.ok()) break;
      events.insert(events.end(), response.events().begin(), response.events().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return events;
  }

  // GetCase answers, its version is its history's length, and replaying the history on the
  // client gives the states and closed flag the server reports, and the whole case it serves
  // (which the server restores from the case's summary row). Returns the case.
  v1::Case CheckReplays(const std::string& case_id) {
    v1::Case current;
    grpc::Status status = Get(case_id, &current);
    EXPECT_TRUE(status.ok()) << case_id << ": " << status.error_message();
    std::vector<v1::RecordedEvent> history = History(case_id);
    EXPECT_EQ(current.version(), static_cast<int64_t>(history.size())) << case_id;
    std::vector<workflow::Event> events;
    for (const v1::RecordedEvent& recorded : history) {
      auto event = wire::FromWire(recorded);
      EXPECT_TRUE(event.ok()) << case_id << ": " << event.status();
      if (event.ok()) events.push_back(*event);
    }
    auto replayed = workflow::Replay(events);
    EXPECT_TRUE(replayed.ok()) << case_id << ": " << replayed.status();
    if (!replayed.ok()) return current;
    EXPECT_EQ(replayed->closed(), current.closed()) << case_id;
    std::map<std::string, std::string> served;
    for (const v1::RegionState& state : current.states()) served[state.region()] = state.state();
    for (int r = 0; r < workflow::kRegionCount; ++r) {
      auto region = static_cast<workflow::Region>(r);
      EXPECT_EQ(served[std::string(workflow::Name(region))], replayed->State(region))
          << case_id << " region " << workflow::Name(region);
    }
    std::string difference;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&difference);
    EXPECT_TRUE(differencer.Compare(wire::CaseView(case_id, *replayed), current))
        << case_id << " served otherwise than replayed: " << difference;
    return current;
  }

  // Pokes the scheduler until no open deadline of any case is due (so that a restart has
  // nothing left to fire); false on timeout.
  bool WaitForDueDeadlines(const std::vector<std::string>& case_ids) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < give_up) {
      server_->PokeScheduler();
      bool any_due = false;
      for (const std::string& id : case_ids) {
        v1::Case current;
        if (!Get(id, &current).ok()) continue;
        for (const v1::Deadline& deadline : current.open_deadlines()) {
          any_due |= deadline.due().seconds() <= workflow::ToUnixSeconds(clock_.Now());
        }
      }
      if (!any_due) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling interval only
    }
    return false;
  }

  // Random requests (TOCFLOW_RANDOM_API_SEED, TOCFLOW_RANDOM_API_STEPS), then every case
  // replays, before and after a restart.
  void RunRandomRequestsAndCheckEveryCase() {
    uint64_t seed = EnvOr("TOCFLOW_RANDOM_API_SEED", std::random_device{}());
    uint64_t steps = EnvOr("TOCFLOW_RANDOM_API_STEPS", 3000);
    std::cout << "random API test: seed " << seed << ", " << steps
              << " steps (replay with TOCFLOW_RANDOM_API_SEED=" << seed << ")" << std::endl;
    SCOPED_TRACE("TOCFLOW_RANDOM_API_SEED=" + std::to_string(seed));

    ApiDriver driver(seed, &clock_, [this] { server_->PokeScheduler(); });
    driver.Connect(server_->address());
    int failures = 0;
    for (uint64_t step = 0; step < steps && failures < 10; ++step) {
      std::string problem = driver.Step();
      if (!problem.empty()) {
        ++failures;
        ADD_FAILURE() << "step " << step << ": " << problem;
      }
    }
    std::cout << "status codes:";
    for (size_t code = 0; code < driver.code_counts().size(); ++code) {
      if (driver.code_counts()[code] > 0)
        std::cout << ' ' << code << "x" << driver.code_counts()[code];
    }
    std::cout << ", cases " << driver.case_ids().size() << std::endl;
    ASSERT_FALSE(driver.case_ids().empty());

    // The server is alive and every case replays.
    ASSERT_TRUE(WaitForDueDeadlines(driver.case_ids()));
    std::vector<v1::Case> before;
    int64_t events = 0;
    for (const std::string& id : driver.case_ids()) {
      before.push_back(CheckReplays(id));
      events += before.back().version();
    }
    std::cout << "events recorded in all cases: " << events << std::endl;

    // A restarted server serves the same cases, and they still replay.
    server_->Shutdown();
    server_.reset();
    StartServer();
    for (size_t i = 0; i < driver.case_ids().size(); ++i) {
      v1::Case after = CheckReplays(driver.case_ids()[i]);
      std::string difference;
      google::protobuf::util::MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&difference);
      EXPECT_TRUE(differencer.Compare(before[i], after))
          << driver.case_ids()[i] << ": " << difference;
    }
  }
};

TEST_F(RandomApiTest, ServerAnswersEveryRandomRequestAndEveryCaseReplays) {
  RunRandomRequestsAndCheckEveryCase();
}

// The writer caches no journey: every command restores its case from what the store keeps beside
// the events, and every case must still replay to what the server serves.
class RandomApiWithoutJourneyCacheTest : public RandomApiTest {
 protected:
  void Configure(server::ServerOptions& options) override { options.journey_cache_size = 0; }
};

TEST_F(RandomApiWithoutJourneyCacheTest, CasesRestoredForEveryCommandStillReplay) {
  RunRandomRequestsAndCheckEveryCase();
}

}  // namespace
}  // namespace tocflow::robustness
