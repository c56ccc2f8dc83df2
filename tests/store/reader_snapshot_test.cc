// StoreReader::HoldSnapshot: the reader's calls made while a snapshot is held read one snapshot,
// commits made meanwhile show once it ends, and calls that take a snapshot of their own join it.
#include <gtest/gtest.h>

#include <utility>

#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ReaderSnapshotTest = StoreTest;

TEST_F(ReaderSnapshotTest, CallsInsideOneSnapshotDoNotSeeLaterCommits) {
  MustCommit({Open("c1", "r1")});
  {
    absl::StatusOr<ReaderSnapshot> snapshot = reader_->HoldSnapshot();
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    ASSERT_TRUE(reader_->LookupRequest("r1").ok());  // the snapshot starts at the first read

    MustCommit({Open("c2", "r2")});
    EXPECT_EQ(reader_->LookupRequest("r2").status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(reader_->GetCaseSummary("c2").status().code(), absl::StatusCode::kNotFound);
    // Methods that hold a snapshot of their own read the held one.
    absl::StatusOr<std::vector<StoredEvent>> events = reader_->LoadEvents("c2");
    ASSERT_TRUE(events.ok()) << events.status();
    EXPECT_TRUE(events->empty());
    absl::StatusOr<int64_t> count = reader_->CaseCount();
    ASSERT_TRUE(count.ok()) << count.status();
    EXPECT_EQ(*count, 1);
  }
  EXPECT_TRUE(reader_->LookupRequest("r2").ok());
  EXPECT_EQ(*reader_->CaseCount(), 2);
}

TEST_F(ReaderSnapshotTest, ASnapshotInsideAnotherHoldsNothingMore) {
  MustCommit({Open("c1")});
  absl::StatusOr<ReaderSnapshot> outer = reader_->HoldSnapshot();
  ASSERT_TRUE(outer.ok()) << outer.status();
  ASSERT_EQ(*reader_->CaseCount(), 1);
  {
    absl::StatusOr<ReaderSnapshot> inner = reader_->HoldSnapshot();
    ASSERT_TRUE(inner.ok()) << inner.status();
  }
  // Ending the inner one did not end the outer snapshot.
  MustCommit({Open("c2")});
  EXPECT_EQ(*reader_->CaseCount(), 1);

  // Moving the snapshot keeps it; ending the moved-to one releases it once.
  ReaderSnapshot moved = *std::move(outer);
  EXPECT_EQ(*reader_->CaseCount(), 1);
  moved = *reader_->HoldSnapshot();  // nested: ends the moved snapshot, holds nothing itself
  EXPECT_EQ(*reader_->CaseCount(), 2);
}

}  // namespace
}  // namespace tocflow::store::testing
