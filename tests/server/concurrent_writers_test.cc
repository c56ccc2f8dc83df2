// Many clients writing at once through a real tocflowd: every accepted command is in its case's
// history exactly once, versions are contiguous, and optimistic concurrency on one case lets
// exactly one writer win each version.
#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

constexpr int kThreads = 8;
constexpr int kCasesPerThread = 4;
constexpr int kAssignmentsPerCase = 10;

v1::AssignPartyRequest Assignment(const std::string& case_id, const std::string& request_id,
                                  const std::string& party, workflow::Timestamp at) {
  v1::AssignPartyRequest request;
  request.set_case_id(case_id);
  request.set_request_id(request_id);
  request.set_actor("coordinator");
  *request.mutable_occurred_at() = Wire(at);
  request.set_role(v1::ROLE_LA_SOCIAL_WORKER);
  request.set_party(party);
  return request;
}

// A client's call that waits for its channel to connect (up to 30 s) instead of failing at once
// while the connection is still being made: eight channels connect at the same moment here,
// and on a slow machine (CI under AddressSanitizer) one may not be ready for its first call.
void WaitForReady(grpc::ClientContext& context) {
  context.set_wait_for_ready(true);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
}

class ConcurrentWritersTest : public ServerTest {
 protected:
  std::vector<v1::RecordedEvent> History(const std::string& case_id) {
    std::vector<v1::RecordedEvent> events;
    std::string token;
    do {
      v1::GetHistoryRequest request;
      request.set_case_id(case_id);
      request.set_page_token(token);
      v1::GetHistoryResponse response;
      grpc::ClientContext context;
      grpc::Status status = cases_->GetHistory(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      events.insert(events.end(), response.events().begin(), response.events().end());
      token = response.next_page_token();
    } while (!token.empty());
    return events;
  }
};

TEST_F(ConcurrentWritersTest, ManyClientsOnManyCasesKeepEveryHistoryWhole) {
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> cases(kThreads);
  std::mutex failures_mutex;
  std::vector<std::string> failures;  // guarded by failures_mutex
  auto failed = [&](const std::string& what, const grpc::Status& status) {
    std::lock_guard lock(failures_mutex);
    failures.push_back(what + ": " + std::to_string(status.error_code()) + " " +
                       status.error_message());
  };
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // A channel of its own per client (a distinct argument: a connection of its own).
      grpc::ChannelArguments args;
      args.SetInt("tocflow.test.client", t);
      auto stub = v1::CaseService::NewStub(
          grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args));
      for (int c = 0; c < kCasesPerThread; ++c) {
        const std::string spell = "T" + std::to_string(t) + "C" + std::to_string(c);
        grpc::ClientContext open_context;
        WaitForReady(open_context);
        v1::Case created;
        grpc::Status opened =
            stub->CreateCase(&open_context, Opening("open-" + spell, spell), &created);
        if (!opened.ok()) {
          failed("CreateCase " + spell, opened);
          continue;
        }
        cases[t].push_back(created.case_id());
      }
      for (int n = 0; n < kAssignmentsPerCase; ++n) {
        for (const std::string& id : cases[t]) {
          const std::string request_id = id + "-" + std::to_string(n);
          grpc::ClientContext context;
          WaitForReady(context);
          v1::AssignPartyResponse response;
          auto request = Assignment(id, request_id, "sw-" + std::to_string(n),
                                    kStart + std::chrono::minutes(n + 1));
          grpc::Status assigned = stub->AssignParty(&context, request, &response);
          if (!assigned.ok()) failed("AssignParty " + request_id, assigned);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_THAT(failures, ::testing::IsEmpty());

  for (const auto& per_thread : cases) {
    ASSERT_EQ(per_thread.size(), static_cast<size_t>(kCasesPerThread));
    for (const std::string& id : per_thread) {
      std::vector<v1::RecordedEvent> events = History(id);
      ASSERT_EQ(events.size(), static_cast<size_t>(1 + kAssignmentsPerCase)) << id;
      for (size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].version(), static_cast<int64_t>(i + 1)) << id;
        if (i > 0) {
          EXPECT_EQ(events[i].request_id(), id + "-" + std::to_string(i - 1)) << id;
        }
      }
      v1::Case got;
      ASSERT_TRUE(Get(id, &got).ok());
      EXPECT_EQ(got.version(), static_cast<int64_t>(events.size()));
      ASSERT_EQ(got.parties_size(), 1);
      EXPECT_EQ(got.parties(0).party(), "sw-" + std::to_string(kAssignmentsPerCase - 1));
    }
  }
}

TEST_F(ConcurrentWritersTest, OnlyOneWriterWinsEachVersionOfACase) {
  const std::string id = Create("S1");
  constexpr int kRounds = 10;
  std::atomic<int> won{0};
  std::atomic<int> aborted{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      grpc::ChannelArguments args;
      args.SetInt("tocflow.test.client", t);
      auto stub = v1::CaseService::NewStub(
          grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args));
      for (int round = 0; round < kRounds; ++round) {
        // Read the version, then write on top of it: a race with the other threads.
        grpc::ClientContext get_context;
        WaitForReady(get_context);
        v1::GetCaseRequest get;
        get.set_case_id(id);
        v1::Case current;
        if (!stub->GetCase(&get_context, get, &current).ok()) {
          ++other;
          continue;
        }
        auto request = Assignment(id, "t" + std::to_string(t) + "-" + std::to_string(round),
                                  "party-" + std::to_string(t), kStart + std::chrono::hours(1));
        request.set_expected_version(current.version());
        grpc::ClientContext context;
        WaitForReady(context);
        v1::AssignPartyResponse response;
        grpc::Status status = stub->AssignParty(&context, request, &response);
        if (status.ok()) {
          ++won;
        } else if (status.error_code() == grpc::StatusCode::ABORTED) {
          ++aborted;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(won.load() + aborted.load(), kThreads * kRounds);
  std::vector<v1::RecordedEvent> events = History(id);
  ASSERT_EQ(events.size(), static_cast<size_t>(1 + won.load()));
  std::set<int64_t> versions;
  for (const auto& event : events) versions.insert(event.version());
  EXPECT_EQ(versions.size(), events.size());
  EXPECT_EQ(*versions.rbegin(), static_cast<int64_t>(events.size()));
}

}  // namespace
}  // namespace tocflow::server::testing
