// Pending deadlines: upsert per kind, removal, DueDeadlines order, next_deadline_at.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ::testing::ElementsAre;
using workflow::DeadlineKind;

class DeadlinesTest : public StoreTest {};

TEST_F(DeadlinesTest, DueDeadlinesAreOrderedByDueTimeThenCase) {
  CaseCommit a = Open("a");
  a.deadlines_set = {{DeadlineKind::kEddMissing, T(300)}, {DeadlineKind::kChcAtRisk, T(100)}};
  CaseCommit b = Open("b");
  b.deadlines_set = {{DeadlineKind::kEddMissing, T(100)}, {DeadlineKind::kChcBreach, T(900)}};
  MustCommit({a, b});

  absl::StatusOr<std::vector<PendingDeadline>> due = reader_->DueDeadlines(T(300), 100);
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_THAT(*due, ElementsAre(PendingDeadline{"a", DeadlineKind::kChcAtRisk, T(100)},
                                PendingDeadline{"b", DeadlineKind::kEddMissing, T(100)},
                                PendingDeadline{"a", DeadlineKind::kEddMissing, T(300)}));
  EXPECT_THAT(*reader_->DueDeadlines(T(300), 1),
              ElementsAre(PendingDeadline{"a", DeadlineKind::kChcAtRisk, T(100)}));
  EXPECT_TRUE(reader_->DueDeadlines(T(99), 100)->empty());
  EXPECT_EQ(*reader_->PendingDeadlineCount(), 4);
  EXPECT_EQ(reader_->DueDeadlines(T(1), 0).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DeadlinesTest, SettingTheSameKindReplacesIt) {
  CaseCommit a = Open("a");
  a.deadlines_set = {{DeadlineKind::kEddMissing, T(300)}};
  MustCommit({a});
  CaseCommit later = Next("a", 1, "x");
  later.deadlines_set = {{DeadlineKind::kEddMissing, T(500)}};
  MustCommit({later});

  EXPECT_EQ(*reader_->PendingDeadlineCount(), 1);
  EXPECT_THAT(*reader_->CaseDeadlines("a"),
              ElementsAre(PendingDeadline{"a", DeadlineKind::kEddMissing, T(500)}));
  EXPECT_EQ(reader_->GetCaseSummary("a")->next_deadline_at, T(500));
}

TEST_F(DeadlinesTest, RemovedDeadlinesGoAndRemovalComesBeforeSetting) {
  CaseCommit a = Open("a");
  a.deadlines_set = {{DeadlineKind::kEddMissing, T(300)}, {DeadlineKind::kChcReviewDue, T(400)}};
  MustCommit({a});

  // Fire the review and set the next one of the same kind, cancel the EDD deadline.
  CaseCommit fired = Next("a", 1, "deadline_elapsed");
  fired.deadlines_removed = {DeadlineKind::kChcReviewDue, DeadlineKind::kEddMissing};
  fired.deadlines_set = {{DeadlineKind::kChcReviewDue, T(9'000)}};
  MustCommit({fired});
  EXPECT_THAT(*reader_->CaseDeadlines("a"),
              ElementsAre(PendingDeadline{"a", DeadlineKind::kChcReviewDue, T(9'000)}));
  EXPECT_EQ(reader_->GetCaseSummary("a")->next_deadline_at, T(9'000));

  CaseCommit cancel = Next("a", 2, "x");
  cancel.deadlines_removed = {DeadlineKind::kChcReviewDue};
  MustCommit({cancel});
  EXPECT_EQ(*reader_->PendingDeadlineCount(), 0);
  EXPECT_FALSE(reader_->GetCaseSummary("a")->next_deadline_at.has_value());
}

TEST_F(DeadlinesTest, NextDeadlineIgnoresTheValueGivenByTheCaller) {
  CaseCommit a = Open("a");
  a.summary.next_deadline_at = T(1);
  MustCommit({a});
  EXPECT_FALSE(reader_->GetCaseSummary("a")->next_deadline_at.has_value());
}

// NextDeadlines pads its IN list to a power of two: every page size finds exactly the cases
// with a deadline, none from the padding.
TEST_F(DeadlinesTest, NextDeadlinesOfPagesOfEverySize) {
  std::vector<CaseCommit> batch;
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) {
    ids.push_back("k" + std::to_string(100 + i));
    CaseCommit c = Open(ids.back());
    if (i % 2 == 0) c.deadlines_set = {{DeadlineKind::kEddMissing, T(1000 + i)}};
    batch.push_back(c);
  }
  MustCommit(batch);
  for (size_t n = 1; n <= ids.size(); ++n) {
    const std::vector<std::string> page(ids.begin(), ids.begin() + static_cast<long>(n));
    absl::StatusOr<std::map<std::string, PendingDeadline>> next = reader_->NextDeadlines(page);
    ASSERT_TRUE(next.ok()) << next.status();
    EXPECT_EQ(next->size(), (n + 1) / 2) << n;
    for (const auto& [id, deadline] : *next) EXPECT_EQ(deadline.case_id, id);
  }
}

}  // namespace
}  // namespace tocflow::store::testing
