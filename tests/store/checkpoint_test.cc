// The store's checkpoints (StoreOptions::background_checkpoint_pages): past the threshold the
// checkpoint thread copies the WAL into the database file, the writer copies the rest before
// its next transaction, and the WAL starts again from its beginning rather than growing with
// every commit; nothing committed is lost across a reopen.
#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

constexpr int kPages = 16;
constexpr int kCasesPerRound = 20;

CheckpointProgress Progress(const Store& store) {
  absl::StatusOr<CheckpointProgress> progress = store.BackgroundCheckpoints();
  EXPECT_TRUE(progress.ok()) << progress.status();
  return progress.ok() ? *progress : CheckpointProgress{};
}

// Waits until the store's checkpoint thread has made more than `seen` copies and has no copy
// to make; false after ten seconds.
bool WaitForThreadCopy(const Store& store, int64_t seen) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < give_up) {
    const CheckpointProgress progress = Progress(store);
    if (progress.thread_copies > seen && !progress.thread_busy) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

class CheckpointTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> OpenStore(const std::string& path, int pages) {
    StoreOptions options;
    options.background_checkpoint_pages = pages;
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Opens kCasesPerRound new cases, one commit each, numbered from `first`.
  static void OpenCases(Store& store, int first) {
    for (int i = first; i < first + kCasesPerRound; ++i) {
      absl::StatusOr<std::vector<CommitResult>> done =
          store.Commit({Open("case-" + std::to_string(i))});
      ASSERT_TRUE(done.ok()) << done.status();
    }
  }

  static uintmax_t Size(const std::string& path) { return std::filesystem::file_size(path); }

  TempDir dir_;
  const std::string path_ = dir_.File("tocflow.db");
};

TEST_F(CheckpointTest, TheThreadCopiesTheWalAndTheWriterStartsItAgain) {
  // The WAL of one round that nothing copied: a fresh file, SQLite's auto-checkpoint, fewer
  // pages than its 1,000.
  uintmax_t one_round = 0;
  {
    const std::string other = dir_.File("reference.db");
    std::unique_ptr<Store> reference = OpenStore(other, 0);
    ASSERT_NE(reference, nullptr);
    OpenCases(*reference, 0);
    one_round = Size(other + "-wal");
    EXPECT_EQ(Progress(*reference).thread_copies, 0);
  }

  std::unique_ptr<Store> store = OpenStore(path_, kPages);
  ASSERT_NE(store, nullptr);
  const uintmax_t empty_file = Size(path_);
  for (int round = 0; round < 20; ++round) {
    const int64_t before = Progress(*store).thread_copies;
    OpenCases(*store, 100 * round);
    ASSERT_TRUE(WaitForThreadCopy(*store, before)) << "round " << round;
    if (round == 0) {
      EXPECT_GT(Size(path_), empty_file) << "the thread copied no page into the database file";
    }
  }
  // Each round's first commit found the thread's copy done: the writer copied the rest, and
  // the commit after it wrote from the start of the WAL again. Without that the WAL would hold
  // all 20 rounds.
  EXPECT_GE(Progress(*store).writer_copies, 19);
  EXPECT_LE(Size(path_ + "-wal"), 2 * one_round);

  store.reset();
  std::unique_ptr<Store> reopened = OpenStore(path_, kPages);
  ASSERT_NE(reopened, nullptr);
  absl::StatusOr<std::unique_ptr<StoreReader>> reader = reopened->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();
  absl::StatusOr<int64_t> cases = (*reader)->CaseCount();
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ(*cases, 20 * kCasesPerRound);
}

TEST_F(CheckpointTest, AReaderOnOldFramesKeepsTheWalFromRestartingUntilItFinishes) {
  std::unique_ptr<Store> store = OpenStore(path_, kPages);
  ASSERT_NE(store, nullptr);
  OpenCases(*store, 0);
  absl::StatusOr<std::unique_ptr<StoreReader>> reader = store->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status();
  const uintmax_t before_read = Size(path_ + "-wal");
  // A read in progress on a snapshot of the WAL: ForEachCaseFacts holds it while visiting.
  bool committed_during_read = false;
  absl::Status read = (*reader)->ForEachCaseFacts(
      std::nullopt, [&](const std::string&, const std::string*) -> absl::Status {
        if (committed_during_read) return absl::OkStatus();
        committed_during_read = true;
        for (int round = 1; round <= 3; ++round) {
          const int64_t before = Progress(*store).thread_copies;
          OpenCases(*store, 100 * round);
          if (!WaitForThreadCopy(*store, before)) return absl::DeadlineExceededError("no copy");
        }
        return absl::OkStatus();
      });
  ASSERT_TRUE(read.ok()) << read;
  ASSERT_TRUE(committed_during_read);
  // Meanwhile nothing past the reader's snapshot could be copied, so the WAL grew. Once the
  // reader is done, each cycle copies everything and the WAL starts again: no more growth.
  const uintmax_t grown = Size(path_ + "-wal");
  EXPECT_GT(grown, before_read);
  for (int round = 10; round < 15; ++round) {
    const int64_t before = Progress(*store).thread_copies;
    OpenCases(*store, 100 * round);
    ASSERT_TRUE(WaitForThreadCopy(*store, before)) << "round " << round;
  }
  EXPECT_EQ(Size(path_ + "-wal"), grown);
  absl::StatusOr<int64_t> cases = (*reader)->CaseCount();
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ(*cases, 9 * kCasesPerRound);
}

}  // namespace
}  // namespace tocflow::store::testing
