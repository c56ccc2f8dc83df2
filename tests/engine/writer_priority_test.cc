// The writer's two queues: client commands go ahead of queued background commands (the
// scheduler's deadline firings), which fill groups a few at a time and are never starved.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/command_engine.h"
#include "engine_fixture.h"

namespace tocflow::engine::testing {
namespace {

// A deadline_elapsed for `deadline`, as the scheduler submits it.
Command Firing(const store::PendingDeadline& deadline) {
  return Command{"", deadline.case_id, std::nullopt,
                 workflow::Event{"tocflowd-scheduler", deadline.due,
                                 workflow::DeadlineElapsed{deadline.kind}}};
}

// Opens `count` cases (each with one pending EDD deadline) and returns their deadlines.
std::vector<store::PendingDeadline> OpenCasesWithDeadlines(EngineHarness& h, int count) {
  std::vector<std::future<Outcome>> opened;
  for (int i = 0; i < count; ++i) {
    opened.push_back(
        Submit(h.engine(), OpenCommand("open-" + std::to_string(i), "S" + std::to_string(i))));
  }
  for (std::future<Outcome>& answer : opened) {
    Outcome outcome = answer.get();
    EXPECT_TRUE(outcome.ok()) << outcome.status();
  }
  absl::StatusOr<std::vector<store::PendingDeadline>> due =
      h.Reader()->DueDeadlines(T("2100-01-01T00:00Z"), store::kMaxPageSize);
  EXPECT_TRUE(due.ok()) << due.status();
  return due.ok() ? *std::move(due) : std::vector<store::PendingDeadline>();
}

TEST(WriterPriority, AClientCommandIsAnsweredBeforeAQueuedBatchOfFiringsEnds) {
  constexpr int kFirings = 200;
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::vector<store::PendingDeadline> deadlines = OpenCasesWithDeadlines(h, kFirings);
  ASSERT_EQ(deadlines.size(), static_cast<size_t>(kFirings));
  const std::string client_case = h.OpenCase("open-client", "CLIENT");
  h.clock().Set(T("2026-06-10T09:00Z"));  // every deadline is due

  // Both callbacks run on the engine's answer thread; the counter is atomic for the test thread.
  auto fired = std::make_shared<std::atomic<int>>(0);
  std::promise<int> fired_when_client_answered;
  std::future<Outcome> client;
  std::vector<std::future<Outcome>> firings;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", client_case, Assign("x")));
    for (const store::PendingDeadline& deadline : deadlines) {
      auto promise = std::make_shared<std::promise<Outcome>>();
      firings.push_back(promise->get_future());
      h.engine().ExecuteAsync(
          Firing(deadline),
          [promise, fired](Outcome outcome) {
            if (outcome.ok()) fired->fetch_add(1);
            promise->set_value(std::move(outcome));
          },
          Priority::kBackground);
    }
    // Submitted after the whole batch, while all of it is queued.
    auto promise = std::make_shared<std::promise<Outcome>>();
    client = promise->get_future();
    h.engine().ExecuteAsync(CaseCommand("client", client_case, Assign("ann"), 2),
                            [promise, fired, &fired_when_client_answered](Outcome outcome) {
                              fired_when_client_answered.set_value(fired->load());
                              promise->set_value(std::move(outcome));
                            });
  }
  Outcome answer = client.get();
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(answer->version, 3);
  // The client command shared the first group with at most one group's share of firings.
  const int fired_before = fired_when_client_answered.get_future().get();
  EXPECT_LE(fired_before, EngineOptions().max_background_per_group);
  EXPECT_LT(fired_before, kFirings);

  // Every firing is still recorded, once.
  for (std::future<Outcome>& firing : firings) {
    Outcome outcome = firing.get();
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    EXPECT_EQ(outcome->version, 2);
  }
  EXPECT_EQ(fired->load(), kFirings);
  // Only the client's case still has its deadline.
  EXPECT_EQ(*h.Reader()->PendingDeadlineCount(), 1);
  EXPECT_THAT(*h.Reader()->CaseDeadlines(client_case), ::testing::SizeIs(1));
}

TEST(WriterPriority, FiringsFillGroupsAtMostTheirShareAtATime) {
  constexpr int kFirings = 20;
  EngineHarness h;
  h.set_max_background_per_group(3);
  ASSERT_TRUE(h.Start());
  const std::vector<store::PendingDeadline> deadlines = OpenCasesWithDeadlines(h, kFirings);
  ASSERT_EQ(deadlines.size(), static_cast<size_t>(kFirings));
  h.clock().Set(T("2026-06-10T09:00Z"));

  // Each group answers its commands after its commit: the firings answered between two client
  // answers belong to one group. Queue a client command behind every firing.
  auto order = std::make_shared<std::vector<char>>();  // 'f' firing, 'c' client; answer thread
  std::vector<std::future<Outcome>> answers;
  const std::string client_case = h.OpenCase("open-client", "CLIENT");
  // Every firing raises an alert: one report per group that held firings.
  auto groups = std::make_shared<std::atomic<int>>(0);
  h.engine().OnAlertsCommitted([groups](int64_t) { groups->fetch_add(1); });
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", client_case, Assign("x")));
    for (const store::PendingDeadline& deadline : deadlines) {
      auto promise = std::make_shared<std::promise<Outcome>>();
      answers.push_back(promise->get_future());
      h.engine().ExecuteAsync(
          Firing(deadline),
          [promise, order](Outcome outcome) {
            order->push_back('f');
            promise->set_value(std::move(outcome));
          },
          Priority::kBackground);
    }
    auto promise = std::make_shared<std::promise<Outcome>>();
    answers.push_back(promise->get_future());
    h.engine().ExecuteAsync(CaseCommand("client", client_case, Assign("ann")),
                            [promise, order](Outcome outcome) {
                              order->push_back('c');
                              promise->set_value(std::move(outcome));
                            });
  }
  for (std::future<Outcome>& answer : answers) {
    Outcome outcome = answer.get();
    ASSERT_TRUE(outcome.ok()) << outcome.status();
  }
  // Once this unknown case's command is answered, every earlier group has been reported.
  EXPECT_EQ(h.engine().Execute(CaseCommand("", "barrier", Assign("x"))).status().code(),
            absl::StatusCode::kNotFound);
  // The client command first, with 3 firings in its group; the other 17 in groups of 3.
  ASSERT_EQ(order->size(), static_cast<size_t>(kFirings + 1));
  EXPECT_EQ(order->front(), 'c');
  EXPECT_EQ(groups->load(), 1 + (kFirings - 3 + 2) / 3);
  // Only the client's case still has its deadline.
  EXPECT_EQ(*h.Reader()->PendingDeadlineCount(), 1);
  EXPECT_THAT(*h.Reader()->CaseDeadlines(client_case), ::testing::SizeIs(1));
}

TEST(WriterPriority, AGroupWithClientCommandsTakesFewerFirings) {
  constexpr int kFirings = 20;
  EngineHarness h;
  h.set_max_background_per_group(8);
  h.set_max_background_beside_clients(2);
  ASSERT_TRUE(h.Start());
  const std::vector<store::PendingDeadline> deadlines = OpenCasesWithDeadlines(h, kFirings);
  ASSERT_EQ(deadlines.size(), static_cast<size_t>(kFirings));
  h.clock().Set(T("2026-06-10T09:00Z"));
  const std::string client_case = h.OpenCase("open-client", "CLIENT");
  // Every firing raises an alert: one report per group that held firings, with its size.
  auto mutex = std::make_shared<std::mutex>();
  auto group_ends = std::make_shared<std::vector<int64_t>>();  // last cursor of each group
  h.engine().OnAlertsCommitted([mutex, group_ends](int64_t cursor) {
    std::lock_guard lock(*mutex);
    group_ends->push_back(cursor);
  });
  const int64_t before = *h.Reader()->LastAlertCursor();
  std::vector<std::future<Outcome>> answers;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", client_case, Assign("x")));
    for (const store::PendingDeadline& deadline : deadlines) {
      answers.push_back(Submit(h.engine(), Firing(deadline), Priority::kBackground));
    }
    answers.push_back(Submit(h.engine(), CaseCommand("client", client_case, Assign("ann"))));
  }
  for (std::future<Outcome>& answer : answers) {
    Outcome outcome = answer.get();
    ASSERT_TRUE(outcome.ok()) << outcome.status();
  }
  EXPECT_EQ(h.engine().Execute(CaseCommand("", "barrier", Assign("x"))).status().code(),
            absl::StatusCode::kNotFound);
  // One alert per firing (the client's assignment raises none): the client's group took 2
  // firings, the groups without a client command 8, 8 and the last 2.
  std::vector<int64_t> sizes;
  int64_t previous = before;
  {
    std::lock_guard lock(*mutex);
    for (int64_t end : *group_ends) {
      sizes.push_back(end - previous);
      previous = end;
    }
  }
  EXPECT_THAT(sizes, ::testing::ElementsAre(2, 8, 8, 2));
  h.engine().OnAlertsCommitted(nullptr);
}

TEST(WriterPriority, ClientCommandsCannotStarveFirings) {
  constexpr int kClients = 40;
  EngineHarness h(store::StoreOptions{}, /*max_batch=*/4);
  ASSERT_TRUE(h.Start());
  const std::vector<store::PendingDeadline> deadlines = OpenCasesWithDeadlines(h, 1);
  ASSERT_EQ(deadlines.size(), 1u);
  const std::string client_case = h.OpenCase("open-client", "CLIENT");
  h.clock().Set(T("2026-06-10T09:00Z"));

  auto clients_answered = std::make_shared<std::atomic<int>>(0);
  std::promise<int> clients_when_fired;
  std::future<Outcome> firing;
  std::vector<std::future<Outcome>> clients;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", client_case, Assign("x")));
    for (int i = 0; i < kClients; ++i) {
      auto promise = std::make_shared<std::promise<Outcome>>();
      clients.push_back(promise->get_future());
      h.engine().ExecuteAsync(CaseCommand("client-" + std::to_string(i), client_case, Assign("a")),
                              [promise, clients_answered](Outcome outcome) {
                                clients_answered->fetch_add(1);
                                promise->set_value(std::move(outcome));
                              });
    }
    auto promise = std::make_shared<std::promise<Outcome>>();
    firing = promise->get_future();
    h.engine().ExecuteAsync(
        Firing(deadlines[0]),
        [promise, clients_answered, &clients_when_fired](Outcome outcome) {
          clients_when_fired.set_value(clients_answered->load());
          promise->set_value(std::move(outcome));
        },
        Priority::kBackground);
  }
  Outcome fired = firing.get();
  ASSERT_TRUE(fired.ok()) << fired.status();
  // It kept one place in the first group: 3 client commands went with it, not all 40 first.
  EXPECT_LE(clients_when_fired.get_future().get(), 3);
  for (std::future<Outcome>& client : clients) {
    Outcome outcome = client.get();
    EXPECT_TRUE(outcome.ok()) << outcome.status();
  }
}

// What Start answers for valid options changed by `change`.
absl::Status StartWith(const std::function<void(EngineOptions&)>& change) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(dir.File("t.db"));
  if (!store.ok()) return store.status();
  ManualClock clock(T("2026-06-01T09:00Z"));
  EngineOptions options;
  options.clock = &clock;
  change(options);
  return CommandEngine::Start(*std::move(store), options).status();
}

TEST(WriterPriority, StartRefusesANonPositiveShare) {
  const absl::Status status = StartWith([](EngineOptions& o) { o.max_background_per_group = 0; });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("max_background_per_group"));
}

TEST(WriterPriority, StartRefusesANonPositiveShareBesideClients) {
  const absl::Status status =
      StartWith([](EngineOptions& o) { o.max_background_beside_clients = 0; });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("max_background_beside_clients"));
}

}  // namespace
}  // namespace tocflow::engine::testing
