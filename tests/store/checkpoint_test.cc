// The store's checkpoints (StoreOptions::background_checkpoint_pages): past the threshold the
// checkpoint thread copies the WAL into the database file, the writer copies the rest before
// its next transaction, and the WAL starts again from its beginning rather than growing with
// every commit; nothing committed is lost across a reopen.
#include <gmock/gmock.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store_fixture.h"
#include "support/tmpfs_mount.h"

namespace tocflow::store::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kPages = 16;
constexpr int kCasesPerRound = 20;

CheckpointProgress Progress(const Store& store) {
  absl::StatusOr<CheckpointProgress> progress = store.BackgroundCheckpoints();
  EXPECT_TRUE(progress.ok()) << progress.status();
  return progress.ok() ? *progress : CheckpointProgress{};
}

// Waits until the thread has made more than `seen` copies and has none to make, or a copy has
// failed; false after ten seconds.
bool WaitForThreadCopyOrError(const Store& store, int64_t seen) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < give_up) {
    absl::StatusOr<CheckpointProgress> progress = store.BackgroundCheckpoints();
    if (!progress.ok() || (progress->thread_copies > seen && !progress->thread_busy)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Waits until the store's checkpoint thread has made more than `seen` copies and has no copy
// to make, all of them without an error; false after ten seconds.
bool WaitForThreadCopy(const Store& store, int64_t seen) {
  return WaitForThreadCopyOrError(store, seen) && Progress(store).thread_copies > seen;
}

// Waits until the last copy worked; false after a second.
bool WaitUntilCopiesWork(const Store& store) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (std::chrono::steady_clock::now() < give_up) {
    if (store.BackgroundCheckpoints().ok()) return true;
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

// What StoreOptions::on_checkpoint_error reported, for a test to wait on.
class ReportedErrors {
 public:
  std::function<void(const absl::Status&)> Callback() {
    return [this](const absl::Status& status) {
      std::lock_guard lock(mutex_);
      reports_.push_back(status);
      changed_.notify_all();
    };
  }
  // Waits until a report satisfies `wanted`; false after ten seconds.
  bool WaitFor(const std::function<bool(const absl::Status&)>& wanted) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10),
                             [&] { return std::any_of(reports_.begin(), reports_.end(), wanted); });
  }
  std::vector<absl::Status> reports() {
    std::lock_guard lock(mutex_);
    return reports_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<absl::Status> reports_;
};

// A copy of the WAL into the database file that fails is reported through
// StoreOptions::on_checkpoint_error (once per error) and by Store::BackgroundCheckpoints, and
// the first copy that works again is reported too. Here the file system fills up: commits still
// fit in the WAL's old frames, but the database file cannot grow to take the new pages.
TEST_F(CheckpointTest, AFailingCopyIsReportedAndSoIsTheFirstCopyThatWorksAgain) {
  ::tocflow::testing::TmpfsMount fs(8 << 20);
  if (!fs.mounted()) GTEST_SKIP() << fs.why_not();
  ReportedErrors errors;
  StoreOptions options;
  options.background_checkpoint_pages = kPages;
  options.on_checkpoint_error = errors.Callback();
  const std::string path = fs.File("tocflow.db");
  absl::StatusOr<std::unique_ptr<Store>> opened = Store::Open(path, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  // One wide transaction makes the WAL long; once it is copied, later commits write its frames
  // again from the start and take no more room on the file system.
  std::vector<CaseCommit> wide;
  for (int i = 0; i < 300; ++i) wide.push_back(Open("wide-" + std::to_string(i)));
  ASSERT_TRUE(store.Commit(wide).ok());
  ASSERT_TRUE(WaitForThreadCopy(store, 0));
  OpenCases(store, 1000);

  ASSERT_GT(::tocflow::testing::FillUp(fs.File("filler")), 0u);
  // Rounds of new cases (each round past kPages of WAL) until a copy fails.
  for (int round = 0; round < 20 && store.BackgroundCheckpoints().ok(); ++round) {
    const int64_t before = Progress(store).thread_copies;
    for (int i = 0; i < kCasesPerRound; ++i) {
      const std::string id = "full-" + std::to_string(round) + "-" + std::to_string(i);
      if (!store.Commit({Open(id)}).ok()) break;  // the WAL could not take it either
    }
    ASSERT_TRUE(WaitForThreadCopyOrError(store, before)) << "round " << round;
  }
  ASSERT_TRUE(errors.WaitFor([](const absl::Status& status) { return !status.ok(); }))
      << "no copy failed on a full file system";
  EXPECT_EQ(errors.reports().front().code(), absl::StatusCode::kResourceExhausted)
      << errors.reports().front();
  EXPECT_THAT(std::string(errors.reports().front().message()), HasSubstr("free disk space"));
  EXPECT_FALSE(store.BackgroundCheckpoints().ok());

  // Room again: the next copy works, and that is reported.
  std::filesystem::remove(fs.File("filler"));
  for (int round = 0; round < 20 && !WaitUntilCopiesWork(store); ++round) {
    OpenCases(store, 3000 + 100 * round);
  }
  ASSERT_TRUE(errors.WaitFor([](const absl::Status& status) { return status.ok(); }))
      << "no copy was reported working again";
  EXPECT_TRUE(store.BackgroundCheckpoints().ok());
  const std::vector<absl::Status> reports = errors.reports();
  EXPECT_TRUE(reports.back().ok());
  // Each report changes what the one before said: the same error is not reported again.
  for (size_t i = 1; i < reports.size(); ++i) EXPECT_NE(reports[i], reports[i - 1]) << i;
}

}  // namespace
}  // namespace tocflow::store::testing
