// The deadline scheduler across a restart and under many deadlines due at once: every deadline
// fires exactly once, including those that fell due while the server was down.
#include <gmock/gmock.h>

#include <map>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

class SchedulerTest : public ServerTest {
 protected:
  static constexpr std::chrono::milliseconds kWait{10000};

  // Adds a pending deadline row behind the store's back, as a hand edit of the file could.
  void InsertDeadlineRow(const std::string& case_id, const std::string& kind,
                         workflow::Timestamp due) {
    SQLite::Database db(dir_.File("tocflow.db"), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    SQLite::Statement insert(db, "INSERT INTO deadlines (case_id, kind, due_at) VALUES (?, ?, ?)");
    insert.bind(1, case_id);
    insert.bind(2, kind);
    insert.bind(3, static_cast<int64_t>(workflow::ToUnixSeconds(due)));
    ASSERT_EQ(insert.exec(), 1);
  }

  // Opens a case admitted 49 h ago: its EDD_MISSING deadline fell due an hour ago. Its id.
  std::string CreateWithDeadlineDue(const std::string& spell) {
    v1::CreateCaseRequest opening = Opening("open-" + spell, spell);
    *opening.mutable_opening()->mutable_admitted_at() = Wire(kStart - std::chrono::hours(49));
    grpc::ClientContext context;
    v1::Case created;
    EXPECT_TRUE(cases_->CreateCase(&context, opening, &created).ok());
    return created.case_id();
  }

  // The deadline_elapsed events in a case's history, by kind.
  std::map<int, int> Firings(const std::string& case_id) {
    grpc::ClientContext context;
    v1::GetHistoryRequest request;
    request.set_case_id(case_id);
    request.set_page_size(1000);
    v1::GetHistoryResponse history;
    EXPECT_TRUE(cases_->GetHistory(&context, request, &history).ok());
    std::map<int, int> by_kind;
    for (const auto& recorded : history.events()) {
      if (recorded.event().has_deadline_elapsed()) {
        ++by_kind[recorded.event().deadline_elapsed().kind()];
      }
    }
    return by_kind;
  }

  int64_t LastCursor() {
    v1::ListAlertsRequest request;
    request.set_page_size(1000);
    v1::ListAlertsResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(alerts_->ListAlerts(&context, request, &response).ok());
    return response.alerts_size() == 0 ? 0 : response.alerts().rbegin()->cursor();
  }

  void Restart() {
    cases_.reset();
    alerts_.reset();
    channel_.reset();
    server_->Shutdown();
    server_.reset();
    StartServer();
  }
};

TEST_F(SchedulerTest, DeadlinesThatFellDueWhileDownFireAtStartExactlyOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(Create("S" + std::to_string(i)));
  const int64_t before = LastCursor();
  server_->Shutdown();
  clock_.Advance(std::chrono::hours(49));  // EDD_MISSING (48 h) fell due while down
  Restart();

  // The restarted server fires them on its own; their alerts are the proof.
  v1::WatchAlertsRequest request;
  request.set_after_cursor(before);
  Watcher watch(alerts_.get(), request);
  ASSERT_TRUE(watch.WaitFor(ids.size())) << "overdue deadlines did not fire at start";
  for (const std::string& id : ids) {
    EXPECT_EQ(Firings(id)[v1::DEADLINE_KIND_EDD_MISSING], 1) << id;
  }

  // After another restart, a new case's deadline firing shows the scheduler has looked at
  // everything due; the old deadlines did not fire again.
  Restart();
  const int64_t later = LastCursor();
  v1::CreateCaseRequest opening = Opening("open-late", "S-late");
  *opening.mutable_opening()->mutable_admitted_at() = Wire(clock_.Now());
  grpc::ClientContext context;
  v1::Case late;
  ASSERT_TRUE(cases_->CreateCase(&context, opening, &late).ok());
  request.set_after_cursor(later);
  Watcher after_restart(alerts_.get(), request);
  clock_.Advance(std::chrono::hours(49));
  server_->PokeScheduler();
  ASSERT_TRUE(after_restart.WaitFor(2));  // the new case's opening, then its EDD alert
  EXPECT_EQ(Firings(late.case_id())[v1::DEADLINE_KIND_EDD_MISSING], 1);
  for (const std::string& id : ids) {
    EXPECT_EQ(Firings(id)[v1::DEADLINE_KIND_EDD_MISSING], 1) << id << " fired again";
  }
  server_->Shutdown();
  EXPECT_EQ(server_->deadlines_fired(), 1);
}

TEST_F(SchedulerTest, ManyDeadlinesDueAtOnceAllFireOnce) {
  constexpr int kCases = 300;  // more than one commit group
  std::vector<std::string> ids;
  for (int i = 0; i < kCases; ++i) ids.push_back(Create("S" + std::to_string(i)));
  const int64_t before = LastCursor();
  v1::WatchAlertsRequest request;
  request.set_after_cursor(before);
  Watcher watch(alerts_.get(), request);
  clock_.Advance(std::chrono::hours(49));
  server_->PokeScheduler();
  ASSERT_TRUE(watch.WaitFor(kCases, std::chrono::seconds(30)));
  for (int i = 0; i < kCases; i += 37) {
    EXPECT_EQ(Firings(ids[i])[v1::DEADLINE_KIND_EDD_MISSING], 1) << ids[i];
  }
  server_->Shutdown();
  EXPECT_EQ(server_->deadlines_fired(), kCases);
}

// A deadline the store holds pending but the case's journey does not (a file edited by hand
// could leave one) is refused by the engine on the case as stored: logged once, then skipped
// while the case stays at the version it was judged at, and tried again once the case changes.
TEST_F(SchedulerTest, ADeadlineRefusedWhileStillStoredIsSkippedUntilItsCaseChanges) {
  const std::string held = Create("S0");
  InsertDeadlineRow(held, "chc_review_due", kStart - std::chrono::hours(2));
  server_->PokeScheduler();
  ASSERT_TRUE(WaitUntil([&] { return server_->deadlines_refused() == 1; }, kWait));

  // A look that fires another case's deadline (its EDD fell due an hour ago) passes it over.
  const std::string other = CreateWithDeadlineDue("S1");
  server_->PokeScheduler();
  ASSERT_TRUE(WaitUntil([&] { return server_->deadlines_fired() == 1; }, kWait));
  EXPECT_EQ(Firings(other)[v1::DEADLINE_KIND_EDD_MISSING], 1);
  EXPECT_EQ(server_->deadlines_refused(), 1);

  // The case changes: the deadline is judged again, and refused again.
  v1::Event assigned;
  assigned.mutable_party_assigned()->set_role(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  assigned.mutable_party_assigned()->set_party("ann");
  v1::RecordEventResponse response;
  ASSERT_TRUE(Record(held, "assign-1", kStart, assigned, &response).ok());
  server_->PokeScheduler();
  ASSERT_TRUE(WaitUntil([&] { return server_->deadlines_refused() == 2; }, kWait));
  EXPECT_EQ(server_->deadlines_fired(), 1);
  EXPECT_TRUE(Firings(held).empty());
}

// A due deadline whose case cannot be read (a row left behind by a hand edit) is neither fired
// nor remembered as refused at some version: it is tried again after kRetryAfter, and the
// deadlines due beside it fire.
TEST_F(SchedulerTest, ADeadlineWhoseCaseCannotBeReadDoesNotHoldUpOthers) {
  InsertDeadlineRow("ghost", "edd_missing", kStart - std::chrono::hours(2));
  const std::string due = CreateWithDeadlineDue("S1");
  server_->PokeScheduler();
  ASSERT_TRUE(WaitUntil([&] { return server_->deadlines_fired() == 1; }, kWait));
  EXPECT_EQ(Firings(due)[v1::DEADLINE_KIND_EDD_MISSING], 1);
  EXPECT_EQ(server_->deadlines_refused(), 0);
}

}  // namespace
}  // namespace tocflow::server::testing
