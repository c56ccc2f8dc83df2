// The crash-safety driver: tocflowd as a real process (synchronous=full) is killed with SIGKILL
// at random moments while several clients send commands with request ids and several
// WatchAlerts subscribers follow the alert log; it is restarted on the same file each time.
// After the last crash and restart, with everything quiet, final_checks.h checks that every
// command answered OK is stored exactly once at its version, that retrying every command with
// its request id converges, that every case's summary row matches its replayed history (also
// by `tocflowd --rebuild-summaries`, which must find nothing to rewrite), that every
// subscriber saw every alert of its filter exactly once in order, and that every due
// deadline fired exactly once.
//
// Size and replay, by environment variable (defaults: the small run of scripts/test):
//   TOCFLOW_CRASH_SEED=N       the seed (default random; printed, replays the plans and the
//                              kill points, though not the threads' interleaving)
//   TOCFLOW_CRASH_ROUNDS=N     crashes (default 20)
//   TOCFLOW_CRASH_CLIENTS=N    client threads, one channel each (default 4)
//   TOCFLOW_CRASH_CASES=N      cases per client (default 8: 5 ordinary, 2 overdue, 1 falling due)
// e.g. TOCFLOW_CRASH_ROUNDS=200 TOCFLOW_CRASH_CLIENTS=8 TOCFLOW_CRASH_CASES=40
//      build/tests/crash/crash_driver_test
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crash/alert_subscriber.h"
#include "crash/client_worker.h"
#include "crash/final_checks.h"
#include "crash/pending_probe.h"
#include "crash/round_signal.h"
#include "support/child_process.h"
#include "support/temp_dir.h"
#include "support/tocflowd_process.h"

namespace tocflow::crash {
namespace {

namespace v1 = ::tocflow::v1;
using ::tocflow::testing::ChildProcess;
using ::tocflow::testing::TempDir;
using ::tocflow::testing::TocflowdProcess;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::strtoull(value, nullptr, 10);
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The case kinds of one client's cases: of every 8, 5 ordinary, 2 overdue, 1 falling due.
CaseKind KindOf(int index) {
  const int slot = index % 8;
  return slot < 5 ? CaseKind::kOrdinary : slot < 7 ? CaseKind::kOverdue : CaseKind::kFallingDue;
}

// The "N cases" of tocflowd's serving line; -1 when absent.
int CasesAtStart(const std::string& line) {
  const size_t end = line.find(" cases,");
  if (end == std::string::npos) return -1;
  const size_t begin = line.rfind(' ', end - 1);
  return std::atoi(line.substr(begin + 1, end - begin - 1).c_str());
}

std::vector<std::unique_ptr<AlertSubscriber>> MakeSubscribers() {
  std::vector<std::unique_ptr<AlertSubscriber>> subscribers;
  subscribers.push_back(std::make_unique<AlertSubscriber>("all", v1::AlertFilter()));
  v1::AlertFilter by_authority;
  by_authority.set_local_authority(kAuthorities[1]);
  subscribers.push_back(std::make_unique<AlertSubscriber>("la-" + kAuthorities[1], by_authority));
  v1::AlertFilter by_role;
  by_role.add_roles(v1::ROLE_CARE_TRANSFER_HUB);
  subscribers.push_back(std::make_unique<AlertSubscriber>("hub-role", by_role));
  return subscribers;
}

// Where a round's crash falls: after `answers` commands were answered in the round, then
// `delay` more; or, when `answers` < 0, `delay` after the round started.
struct KillPoint {
  int answers = -1;
  std::chrono::microseconds delay{0};
  std::string Describe() const {
    return answers >= 0 ? "target " + std::to_string(answers) + " answers + " +
                              std::to_string(delay.count()) + " us"
                        : "target " + std::to_string(delay.count() / 1000) + " ms";
  }
};

// Half the rounds: a uniform number of answers in [0, 2 * share], then 0-2 ms; the other half:
// 0-50 ms after the start (a round's work takes some 50 ms here).
KillPoint DrawKillPoint(std::mt19937_64& random, int share) {
  KillPoint point;
  if (std::uniform_int_distribution<int>(0, 1)(random) == 0) {
    point.answers = std::uniform_int_distribution<int>(0, 2 * share)(random);
    point.delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(random));
  } else {
    point.delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 50000)(random));
  }
  return point;
}

std::vector<CaseProgress*> AllCases(std::vector<std::unique_ptr<ClientWorker>>& workers) {
  std::vector<CaseProgress*> all;
  for (auto& worker : workers) {
    for (CaseProgress& one : worker->cases()) all.push_back(&one);
  }
  return all;
}

TEST(CrashDriver, SigkillAtRandomMomentsLosesNothingAndRetriesConverge) {
  const uint64_t seed = EnvOr("TOCFLOW_CRASH_SEED", std::random_device{}());
  const int rounds = static_cast<int>(EnvOr("TOCFLOW_CRASH_ROUNDS", 20));
  const int clients = static_cast<int>(EnvOr("TOCFLOW_CRASH_CLIENTS", 4));
  const int cases_per_client = static_cast<int>(EnvOr("TOCFLOW_CRASH_CASES", 8));
  std::cout << "crash driver: seed " << seed << ", " << rounds << " rounds, " << clients
            << " clients, " << cases_per_client
            << " cases each (replay with TOCFLOW_CRASH_SEED=" << seed << ")" << std::endl;
  SCOPED_TRACE("TOCFLOW_CRASH_SEED=" + std::to_string(seed));
  ASSERT_GT(clients, 0);

  std::mt19937_64 random(seed);
  const int64_t start = UnixNow();
  // Falling-due deadlines spread over about the time the rounds take (some 100 ms each).
  const int64_t falling_due_within = std::max<int64_t>(2, rounds / 10);
  std::vector<std::unique_ptr<ClientWorker>> workers;
  size_t total_commands = 0;
  for (int c = 0; c < clients; ++c) {
    std::vector<CasePlan> plans;
    for (int i = 0; i < cases_per_client; ++i) {
      plans.push_back(MakeCasePlan(KindOf(i), "S" + std::to_string(c) + "-" + std::to_string(i),
                                   start, falling_due_within, random));
      total_commands += plans.back().steps.size();
    }
    workers.push_back(std::make_unique<ClientWorker>(c, std::move(plans), random()));
  }
  std::vector<std::unique_ptr<AlertSubscriber>> subscribers = MakeSubscribers();

  TempDir dir;
  const std::string db = dir.File("tocflow.db");
  // The share of answers per round is 2/3 of the plans over the rounds, so that clients are
  // still busy at the last crash.
  const int share = static_cast<int>(total_commands * 2 / (3 * static_cast<size_t>(rounds))) + 1;
  int answered_ok_creates = 0;
  PendingCount pending_total;
  for (int round = 1; round <= rounds; ++round) {
    const auto began = std::chrono::steady_clock::now();
    TocflowdProcess daemon(db);
    ASSERT_TRUE(daemon.up()) << "round " << round << ": " << daemon.Output();
    // Cases whose CreateCase was answered OK must all be there (more may be: answers lost).
    const int at_start =
        CasesAtStart(daemon.WaitForLine(TocflowdProcess::kServingLine).value_or(""));
    EXPECT_GE(at_start, answered_ok_creates) << "round " << round << ": " << daemon.Output();
    const auto up = std::chrono::steady_clock::now();
    auto probe = v1::CaseService::NewStub(daemon.NewChannel("probe"));
    const PendingCount pending = ProbePending(*probe, AllCases(workers));
    pending_total.committed += pending.committed;
    pending_total.not_committed += pending.not_committed;

    RoundSignal signal(clients);
    std::vector<std::thread> threads;
    for (auto& worker : workers) {
      threads.emplace_back([&, w = worker.get()] { w->RunRound(daemon.address(), round, signal); });
    }
    for (auto& subscriber : subscribers) {
      threads.emplace_back(
          [&, s = subscriber.get()] { s->Follow(daemon.address(), round, signal); });
    }
    const KillPoint kill = DrawKillPoint(random, share);
    if (kill.answers >= 0) {
      signal.WaitForAnswers(kill.answers, std::chrono::seconds(10));
      std::this_thread::sleep_for(kill.delay);  // a random kill point, not synchronisation
    } else {
      signal.WaitForAnswers(std::numeric_limits<int>::max(), kill.delay);  // or all idle
    }
    const int answered = signal.answered();
    const int status = daemon.Kill();
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": tocflowd had already exited (status " << status
        << "): " << daemon.Output();
    signal.End();
    for (auto& subscriber : subscribers) subscriber->Cancel();
    for (std::thread& thread : threads) thread.join();

    answered_ok_creates = 0;
    for (const CaseProgress* one : AllCases(workers)) {
      answered_ok_creates += one->records[0].outcome == Outcome::kOk;
    }
    const auto ms = [](auto d) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    std::cout << "round " << round << ": up in " << ms(up - began) << " ms with " << at_start
              << " cases, " << pending.committed << " unanswered commands committed and "
              << pending.not_committed << " not; killed after " << answered << " answers ("
              << kill.Describe() << ") at " << ms(std::chrono::steady_clock::now() - up) << " ms"
              << std::endl;
    if (HasFatalFailure()) return;
  }

  // The last restart: everything quiet, then the checks.
  TocflowdProcess daemon(db);
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  auto channel = daemon.NewChannel("final");
  auto cases = v1::CaseService::NewStub(channel);
  auto alerts = v1::AlertService::NewStub(channel);
  std::vector<CaseProgress*> progress = AllCases(workers);
  int sent = 0, ok = 0, unanswered = 0, refused = 0, lost = 0;
  for (const CaseProgress* one : progress) {
    for (const StepRecord& record : one->records) {
      sent += record.outcome != Outcome::kUnsent;
      ok += record.outcome == Outcome::kOk;
      unanswered += record.outcome == Outcome::kNoAnswer;
      refused += record.outcome == Outcome::kRefused;
      lost += record.lost_answers > 0;
    }
  }
  std::cout << "commands: " << sent << " sent of " << total_commands << " planned; " << ok
            << " answered OK, " << refused << " refused, " << unanswered << " never answered; "
            << lost << " lost an answer at least once; at restarts, " << pending_total.committed
            << " unanswered commands had been committed (their retry replays) and "
            << pending_total.not_committed << " had not" << std::endl;
  // The plans hold only commands valid in order: a refusal during the rounds is a bug.
  EXPECT_EQ(refused, 0);

  CheckRetriesConverge(*cases, progress);
  EXPECT_TRUE(WaitForDeadlines(*cases, progress, std::chrono::seconds(20)));
  CheckHistories(*cases, *alerts, progress);
  CheckSummaries(*cases, progress);
  for (auto& subscriber : subscribers) {
    CheckSubscriber(*alerts, daemon.address(), *subscriber);
    std::cout << "subscriber " << subscriber->name() << ": " << subscriber->cursors().size()
              << " alerts over " << subscriber->streams() << " streams" << std::endl;
  }
  EXPECT_EQ(daemon.Stop(), 0) << daemon.Output();

  // Every case replays to its summary row: the rebuild finds nothing to rewrite.
  ChildProcess rebuild({TOCFLOWD_PATH, "--rebuild-summaries", "--db", db});
  const std::optional<std::string> line = rebuild.WaitForLine("summary rows differed");
  EXPECT_EQ(rebuild.Wait(), 0) << rebuild.Output();
  ASSERT_TRUE(line.has_value()) << rebuild.Output();
  EXPECT_NE(line->find("; 0 summary rows differed"), std::string::npos) << *line;
  EXPECT_NE(line->find("; 0 stored facts written"), std::string::npos) << *line;
  EXPECT_NE(line->find("; 0 cases' pending deadlines replaced"), std::string::npos) << *line;
}

}  // namespace
}  // namespace tocflow::crash
