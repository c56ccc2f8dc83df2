// Group commit: commands drained together are committed together; a failing commit answers
// the whole group and stores nothing; many threads at once are all answered and stored once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "engine/command_engine.h"
#include "engine_fixture.h"

namespace tocflow::engine::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Counts OnAlertsCommitted calls: one per committed group that stored an alert.
class AlertGroups {
 public:
  void Attach(CommandEngine& engine) {
    engine.OnAlertsCommitted([this](int64_t cursor) {
      std::lock_guard lock(mutex_);
      cursors_.push_back(cursor);
    });
  }
  std::vector<int64_t> cursors() {
    std::lock_guard lock(mutex_);
    return cursors_;
  }

 private:
  std::mutex mutex_;
  std::vector<int64_t> cursors_;
};

// Every group before it has been answered and reported once this returns: the writer handles
// groups one after another, and a command for an unknown case raises no alert.
void Barrier(CommandEngine& engine) {
  EXPECT_EQ(engine.Execute(CaseCommand("", "barrier", Assign("x"))).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(GroupCommit, QueuedCommandsAreCommittedInGroupsOfAtMostMaxBatch) {
  EngineHarness h({}, /*max_batch=*/4);
  ASSERT_TRUE(h.Start());
  AlertGroups groups;
  groups.Attach(h.engine());
  std::vector<std::future<Outcome>> answers;
  {
    WriterGate gate;
    gate.Hold(h.engine(), OpenCommand("hold", "V0"));
    for (int i = 1; i <= 10; ++i) {
      answers.push_back(
          Submit(h.engine(), OpenCommand("open-" + std::to_string(i), "V" + std::to_string(i))));
    }
  }
  int64_t highest = 0;
  for (std::future<Outcome>& answer : answers) {
    Outcome outcome = answer.get();
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    ASSERT_EQ(outcome->alerts.size(), 1u);
    highest = std::max(highest, outcome->alerts[0].cursor);
  }
  Barrier(h.engine());
  // The held command alone, then 10 queued commands in groups of 4, 4 and 2.
  const std::vector<int64_t> cursors = groups.cursors();
  EXPECT_EQ(cursors.size(), 4u);
  ASSERT_FALSE(cursors.empty());
  EXPECT_EQ(cursors.back(), highest);
  EXPECT_EQ(cursors.back(), *h.Reader()->LastAlertCursor());
  EXPECT_EQ(*h.Reader()->CaseCount(), 11);
}

TEST(GroupCommit, LaterCommandsOfAGroupSeeEarlierOnes) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  AlertGroups groups;
  groups.Attach(h.engine());
  std::vector<std::future<Outcome>> answers;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", case_id, Assign("x")));  // version 2
    answers.push_back(Submit(
        h.engine(),
        CaseCommand("ready", case_id, At("2026-06-02T10:00Z", workflow::ReadyForDischarge{}), 2)));
    answers.push_back(Submit(
        h.engine(),
        CaseCommand("pathway", case_id,
                    At("2026-06-02T11:00Z", workflow::PathwayAgreed{workflow::Pathway::kPathway1}),
                    3)));
    answers.push_back(Submit(h.engine(), CaseCommand("stale", case_id, Assign("y"), 3)));
    answers.push_back(Submit(h.engine(), OpenCommand("open-2", "V2")));
    answers.push_back(Submit(h.engine(), OpenCommand("open-3", "V2")));  // same spell, same group
  }
  Outcome ready = answers[0].get();
  Outcome pathway = answers[1].get();
  Outcome stale = answers[2].get();
  Outcome opened = answers[3].get();
  Outcome clash = answers[4].get();
  ASSERT_TRUE(ready.ok()) << ready.status();
  ASSERT_TRUE(pathway.ok()) << pathway.status();
  EXPECT_EQ(ready->version, 3);
  EXPECT_EQ(pathway->version, 4);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(stale.status().message()), HasSubstr("at version 4"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  ASSERT_EQ(clash.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr(opened->case_id));
  EXPECT_EQ(h.EventCount(case_id), 4u);
  Barrier(h.engine());
  EXPECT_EQ(groups.cursors().size(), 1u);  // the held command raised no alert: one group did
}

TEST(GroupCommit, TheWriterGoesOnWhileACallerIsStillBeingAnswered) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> answering;
  h.engine().ExecuteAsync(CaseCommand("slow-caller", case_id, Assign("ann")),
                          [&answering, released](Outcome) {
                            answering.set_value();
                            released.wait();  // a caller slow to take its answer
                          });
  answering.get_future().wait();
  // While that callback runs, the writer commits the next group (and reports its alert).
  std::promise<int64_t> committed;
  std::once_flag once;
  h.engine().OnAlertsCommitted(
      [&](int64_t cursor) { std::call_once(once, [&] { committed.set_value(cursor); }); });
  std::future<Outcome> opened = Submit(h.engine(), OpenCommand("open-2", "V2"));
  std::future<int64_t> reported = committed.get_future();
  const bool went_on = reported.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  // Its caller is answered after the slow one: answers go out in order.
  EXPECT_EQ(opened.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  release.set_value();
  ASSERT_TRUE(went_on) << "the writer waited for a caller's callback";
  EXPECT_EQ(*h.Reader()->CaseCount(), 2);
  Outcome second = opened.get();
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->alerts.size(), 1u);
  EXPECT_EQ(second->alerts[0].cursor, reported.get());
  h.engine().OnAlertsCommitted(nullptr);
}

TEST(GroupCommit, AFailedCommitAnswersTheWholeGroupAndStoresNothing) {
  store::StoreOptions small;
  small.max_page_count = 64;  // 64 pages of 4 KiB (the schema takes 44): small commands fit, a
                              // 1 MiB one does not
  EngineHarness h(small);
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  std::future<Outcome> assigned;
  std::future<Outcome> huge;
  std::future<Outcome> retried;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", case_id, Assign("x")));  // version 2
    assigned = Submit(h.engine(), CaseCommand("assign", case_id, Assign("ann"), 2));
    Command big = OpenCommand("open-big", "V2");
    std::get<workflow::CaseOpened>(big.event.payload).site = std::string(1 << 20, 's');
    huge = Submit(h.engine(), big);
    retried = Submit(h.engine(), CaseCommand("assign", case_id, Assign("ann"), 2));
  }
  for (std::future<Outcome>* answer : {&assigned, &huge, &retried}) {
    Outcome outcome = answer->get();
    ASSERT_EQ(outcome.status().code(), absl::StatusCode::kResourceExhausted) << outcome.status();
    EXPECT_THAT(std::string(outcome.status().message()), HasSubstr("nothing was stored"));
  }
  EXPECT_EQ(h.EventCount(case_id), 2u);
  EXPECT_EQ(*h.Reader()->CaseCount(), 1);
  EXPECT_FALSE(h.Reader()->LookupRequest("assign").ok());

  // The case was not moved on in memory either: version 2 is still current, and the same
  // request id now works.
  Outcome later = h.engine().Execute(CaseCommand("assign", case_id, Assign("ann"), 2));
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_FALSE(later->replayed);
  EXPECT_EQ(later->version, 3);
  EXPECT_EQ(h.EventCount(case_id), 3u);
  EXPECT_TRUE(h.engine().Execute(OpenCommand("open-2", "V2")).ok());
}

TEST(GroupCommit, ManyThreadsAreAllAnsweredAndEveryAcceptedCommandIsStoredOnce) {
  constexpr int kThreads = 8;
  constexpr int kCommands = 50;
  constexpr int kShared = 3;
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  std::vector<std::string> shared;
  for (int s = 0; s < kShared; ++s)
    shared.push_back(h.OpenCase("shared-" + std::to_string(s), "S" + std::to_string(s)));

  struct Answer {
    std::string request_id;
    Outcome outcome;
  };
  std::vector<std::vector<Answer>> answers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string prefix = "t" + std::to_string(t) + "-";
      Outcome own = h.engine().Execute(OpenCommand(prefix + "open", "T" + std::to_string(t)));
      answers[t].push_back({prefix + "open", own});
      const std::string own_case = own.ok() ? own->case_id : "missing";
      for (int i = 1; i < kCommands; ++i) {
        const std::string request_id = prefix + std::to_string(i);
        const std::string& target = i % 2 == 0 ? own_case : shared[(t + i) % kShared];
        Command command = CaseCommand(request_id, target, Assign(request_id));
        if (i % 10 == 5) {  // a retry of the previous command
          command = CaseCommand(prefix + std::to_string(i - 1),
                                (i - 1) % 2 == 0 ? own_case : shared[(t + i - 1) % kShared],
                                Assign(prefix + std::to_string(i - 1)));
        }
        answers[t].push_back({command.request_id, h.engine().Execute(command)});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::map<std::string, std::set<int64_t>> versions;  // case -> versions answered (not retries)
  std::map<std::string, std::string> case_of;         // request id -> case
  int replays = 0;
  for (const std::vector<Answer>& list : answers) {
    ASSERT_EQ(list.size(), static_cast<size_t>(kCommands));
    for (const Answer& answer : list) {
      ASSERT_TRUE(answer.outcome.ok()) << answer.request_id << ": " << answer.outcome.status();
      if (answer.outcome->replayed) {
        ++replays;
        EXPECT_EQ(case_of.at(answer.request_id), answer.outcome->case_id);
        continue;
      }
      EXPECT_TRUE(versions[answer.outcome->case_id].insert(answer.outcome->version).second)
          << "version " << answer.outcome->version << " answered twice on "
          << answer.outcome->case_id;
      EXPECT_TRUE(case_of.emplace(answer.request_id, answer.outcome->case_id).second);
    }
  }
  EXPECT_EQ(replays, kThreads * (kCommands / 10));

  std::unique_ptr<store::StoreReader> reader = h.Reader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(*reader->CaseCount(), kShared + kThreads);
  std::multiset<std::string> stored_requests;
  for (const auto& [case_id, answered] : versions) {
    absl::StatusOr<std::vector<store::StoredEvent>> events = reader->LoadEvents(case_id);
    ASSERT_TRUE(events.ok()) << events.status();
    const int64_t opening = case_id == shared[0] || case_id == shared[1] || case_id == shared[2];
    // Versions answered are exactly 1..N (the shared cases' openings were answered earlier).
    ASSERT_EQ(static_cast<int64_t>(events->size()),
              static_cast<int64_t>(answered.size()) + opening);
    EXPECT_EQ(*answered.begin(), 1 + opening);
    EXPECT_EQ(*answered.rbegin(), static_cast<int64_t>(events->size()));
    EXPECT_EQ(reader->GetCaseSummary(case_id)->version, static_cast<int64_t>(events->size()));
    for (const store::StoredEvent& event : *events) stored_requests.insert(event.event.request_id);
  }
  for (const auto& [request_id, case_id] : case_of) {
    EXPECT_EQ(stored_requests.count(request_id), 1u) << request_id;
  }
}

// A refusal by the workflow's rules on a case as stored says the version it was judged at, for
// the deadline scheduler; one judged after an earlier command of its own group (a state that
// may never be stored) says none, and neither does any other error.
TEST(GroupCommit, ARefusalOnTheStoredCaseCarriesTheVersionItWasJudgedAt) {
  EngineHarness h;
  ASSERT_TRUE(h.Start());
  const std::string case_id = h.OpenCase("open-1");
  const std::string other = h.OpenCase("open-2", "V200");
  const std::string third = h.OpenCase("open-3", "V300");
  const auto discharge = [](const std::string& request_id, const std::string& id) {
    return CaseCommand(request_id, id,
                       At("2026-06-03T10:00Z", workflow::Discharged{"usual residence"}));
  };
  ASSERT_TRUE(h.engine().Execute(discharge("discharge-1", case_id)).ok());  // version 2

  Outcome again = h.engine().Execute(discharge("discharge-again", case_id));
  ASSERT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition) << again.status();
  EXPECT_EQ(RefusedAtStoredVersion(again.status()), 2);

  std::future<Outcome> first;
  std::future<Outcome> second;
  std::future<Outcome> untouched;
  {
    WriterGate gate;
    gate.Hold(h.engine(), CaseCommand("hold", third, Assign("x")));
    first = Submit(h.engine(), discharge("discharge-other", other));
    second = Submit(h.engine(), discharge("discharge-other-again", other));
    untouched = Submit(h.engine(), discharge("discharge-1-again", case_id));
  }
  ASSERT_TRUE(first.get().ok());
  Outcome refused_in_group = second.get();
  ASSERT_EQ(refused_in_group.status().code(), absl::StatusCode::kFailedPrecondition)
      << refused_in_group.status();
  EXPECT_EQ(RefusedAtStoredVersion(refused_in_group.status()), std::nullopt);
  Outcome refused_stored = untouched.get();
  ASSERT_EQ(refused_stored.status().code(), absl::StatusCode::kFailedPrecondition)
      << refused_stored.status();
  EXPECT_EQ(RefusedAtStoredVersion(refused_stored.status()), 2);

  Outcome stale = h.engine().Execute(CaseCommand("stale", case_id, Assign("y"), 1));
  ASSERT_EQ(stale.status().code(), absl::StatusCode::kAborted) << stale.status();
  EXPECT_EQ(RefusedAtStoredVersion(stale.status()), std::nullopt);
  EXPECT_EQ(RefusedAtStoredVersion(absl::OkStatus()), std::nullopt);
}

}  // namespace
}  // namespace tocflow::engine::testing
