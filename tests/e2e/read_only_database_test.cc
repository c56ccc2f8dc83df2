// tocflowd on a database it cannot write. The choice: it refuses to start, at once, with a
// message naming the file and why (exit code 1), rather than serve reads and refuse every
// command. A tocflowd that cannot write cannot record events, fire deadlines or acknowledge
// alerts, so "up" would mislead the monitoring and the wards; a failed start is what a service
// manager and an operator notice and fix. Root ignores file modes, so the tests make the file
// system, or the database file alone, read-only with a mount. Skipped, saying why, where a
// tmpfs cannot be mounted (see support/tmpfs_mount.h).
//
// The file system turning read-only UNDER a running tocflowd cannot be staged with a mount:
// Linux refuses to remount a file system read-only (EBUSY) while a process holds a file on it
// open for writing, as tocflowd holds its database, WAL and access log; the last test pins that
// premise and that tocflowd carries on undisturbed. (An I/O error while running maps to
// UNAVAILABLE: see service/store/src/sqlite_status.h.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "e2e/case_ledger.h"
#include "support/tmpfs_mount.h"
#include "support/tocflowd_process.h"

namespace tocflow::e2e {
namespace {

namespace v1 = ::tocflow::v1;
using ::testing::HasSubstr;
using ::tocflow::testing::TmpfsMount;
using ::tocflow::testing::TocflowdProcess;

constexpr size_t kFileSystemBytes = 8 << 20;

std::string Describe(const grpc::Status& status) {
  return std::to_string(status.error_code()) + " " + status.error_message();
}

class ReadOnlyDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs_.mounted()) GTEST_SKIP() << fs_.why_not();
    // A database with a few cases, made while the file system is writable; then a clean stop.
    TocflowdProcess daemon(db_);
    ASSERT_TRUE(daemon.up()) << daemon.Output();
    auto cases = daemon.Stub<v1::CaseService>();
    for (int i = 0; i < 3; ++i) {
      std::string id;
      grpc::Status opened = ledger_.Create(*cases, OpenCase("S" + std::to_string(i)), &id);
      ASSERT_TRUE(opened.ok()) << Describe(opened);
      grpc::Status moved = ledger_.Record(*cases, TransferWard(id, 1));
      ASSERT_TRUE(moved.ok()) << Describe(moved);
    }
    ASSERT_EQ(TocflowdProcess::ExitCode(daemon.Stop()), 0) << daemon.Output();
  }

  // Starts tocflowd on the database, which it must refuse: exit code 1 within 10 s, naming
  // the file and the reason. Returns what it printed.
  std::string ExpectRefusedStart() {
    const auto began = std::chrono::steady_clock::now();
    TocflowdProcess refused(db_);
    EXPECT_FALSE(refused.up()) << "tocflowd served a database it cannot write: "
                               << refused.Output();
    const int status = refused.WaitForExit(std::chrono::seconds(10));
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(10));
    EXPECT_EQ(TocflowdProcess::ExitCode(status), 1) << refused.Output();
    const std::string output = refused.Output();
    EXPECT_THAT(output,
                HasSubstr("tocflowd: cannot start: database " + db_ + " cannot be written"));
    return output;
  }

  // tocflowd starts on the database again and holds everything stored before, and takes a
  // command.
  void ExpectServedAgain() {
    TocflowdProcess daemon(db_);
    ASSERT_TRUE(daemon.up()) << daemon.Output();
    auto cases = daemon.Stub<v1::CaseService>();
    ledger_.ExpectStored(*cases, "after the database became writable again");
    grpc::Status moved = ledger_.Record(*cases, TransferWard(ledger_.case_ids().front(), 2));
    EXPECT_TRUE(moved.ok()) << Describe(moved);
  }

  TmpfsMount fs_{kFileSystemBytes};
  const std::string db_ = fs_.File("tocflow.db");
  CaseLedger ledger_;
};

TEST_F(ReadOnlyDatabaseTest, ReadOnlyFileSystemRefusesToStartNamingTheFile) {
  ASSERT_EQ(fs_.Remount(/*read_only=*/true), "");
  EXPECT_THAT(ExpectRefusedStart(), HasSubstr("Read-only file system"));
  ASSERT_EQ(fs_.Remount(/*read_only=*/false), "");
  ExpectServedAgain();
}

TEST_F(ReadOnlyDatabaseTest, ReadOnlyDatabaseFileRefusesToStartNamingTheFile) {
  // Only the file is read-only: SQLite would open it read-only without a word, and tocflowd
  // would serve reads and fail every command.
  ASSERT_EQ(fs_.BindReadOnly("tocflow.db"), "");
  EXPECT_THAT(ExpectRefusedStart(), HasSubstr("Read-only file system"));
}

TEST_F(ReadOnlyDatabaseTest, FileSystemCannotTurnReadOnlyUnderARunningTocflowd) {
  TocflowdProcess daemon(db_);
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  auto cases = daemon.Stub<v1::CaseService>();
  EXPECT_THAT(fs_.Remount(/*read_only=*/true), HasSubstr("busy"))
      << "the kernel remounted the file system read-only under tocflowd: extend this test to "
         "check that commands get UNAVAILABLE and recover after a remount read-write";
  grpc::Status moved = ledger_.Record(*cases, TransferWard(ledger_.case_ids().front(), 2));
  EXPECT_TRUE(moved.ok()) << Describe(moved);
  ledger_.ExpectStored(*cases, "after the refused remount");
}

}  // namespace
}  // namespace tocflow::e2e
