// The store's WAL-write-gathering VFS (wal_write_gathering.h) on a real file: what SQLite
// commits through it is what another connection reads, and a commit's WAL writes are one.
#include "wal_write_gathering.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/tmpfs_mount.h"

namespace tocflow::store::internal {
namespace {

using ::tocflow::testing::TempDir;

// One connection, through the VFS when `vfs` is set; fails the test when it cannot open.
class Connection {
 public:
  Connection(const std::string& path, const char* vfs) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql`; SQLite's result code.
  int Exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  }
  // The first column of the first row of `sql`.
  int64_t Number(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW) << sqlite3_errmsg(db_);
    const int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
  }
  std::string Error() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_ = nullptr;
};

// A transaction that writes `rows` rows of 1,000 bytes into `t` (so about rows / 4 pages).
std::string InsertRows(int rows) {
  return "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
         std::to_string(rows) + ") INSERT INTO t (body) SELECT randomblob(1000) FROM n; COMMIT;";
}

TEST(WalWriteGatheringTest, ACommitsWalWritesAreGatheredAndAnotherConnectionReadsThem) {
  const char* vfs = WalWriteGatheringVfs();
  ASSERT_NE(vfs, nullptr);
  TempDir dir;
  const std::string path = dir.File("gathered.db");
  Connection writer(path, vfs);
  ASSERT_EQ(writer.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                        "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);"),
            SQLITE_OK)
      << writer.Error();

  const WalWritesSoFar before = CountWalWrites();
  ASSERT_EQ(writer.Exec(InsertRows(400)), SQLITE_OK) << writer.Error();
  const WalWritesSoFar after = CountWalWrites();
  // About 100 pages (412 KB of frames): SQLite asks for two writes per page; 124 KiB writes
  // carry them.
  EXPECT_GT(after.asked - before.asked, 150);
  EXPECT_GE(after.made - before.made, 3);
  EXPECT_LE(after.made - before.made, 5);

  // Committed means on the file: a connection on the default VFS reads every row.
  Connection reader(path, nullptr);
  EXPECT_EQ(reader.Number("SELECT COUNT(*) FROM t"), 400);
  // A commit of a few pages, as a command group is: one write.
  const WalWritesSoFar small = CountWalWrites();
  ASSERT_EQ(writer.Exec(InsertRows(10)), SQLITE_OK) << writer.Error();
  EXPECT_EQ(CountWalWrites().made - small.made, 1);
  EXPECT_EQ(reader.Number("SELECT COUNT(*) FROM t"), 410);
}

TEST(WalWriteGatheringTest, ATransactionLargerThanTheWritersCacheReadsBackWhatItSpilled) {
  TempDir dir;
  const std::string path = dir.File("spilled.db");
  {
    Connection writer(path, WalWriteGatheringVfs());
    // A 20-page cache: the transaction below spills pages into the WAL before it commits, and
    // reads some of them back, which must see the gathered writes.
    ASSERT_EQ(writer.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                          "PRAGMA cache_size = 20; "
                          "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL); "
                          "CREATE INDEX t_by_body ON t (body);"),
              SQLITE_OK)
        << writer.Error();
    ASSERT_EQ(writer.Exec(InsertRows(2000)), SQLITE_OK) << writer.Error();
    EXPECT_EQ(writer.Number("SELECT COUNT(*) FROM t"), 2000);
  }
  // Closed and opened again (the WAL checkpointed at the last close): all there and intact.
  Connection again(path, nullptr);
  EXPECT_EQ(again.Number("SELECT COUNT(*) FROM t"), 2000);
  EXPECT_EQ(
      again.Number("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

TEST(WalWriteGatheringTest, AGatheredWriteThatDoesNotFitFailsItsCommitWhichWorksOnceThereIsRoom) {
  ::tocflow::testing::TmpfsMount fs(2 << 20);
  if (!fs.mounted()) GTEST_SKIP() << fs.why_not();
  const std::string path = fs.File("full.db");
  Connection writer(path, WalWriteGatheringVfs());
  ASSERT_EQ(writer.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                        "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);"),
            SQLITE_OK)
      << writer.Error();
  ASSERT_EQ(writer.Exec(InsertRows(10)), SQLITE_OK) << writer.Error();

  // No byte left: the commit's frames, gathered, cannot be written when the WAL is synced.
  ASSERT_GT(::tocflow::testing::FillUp(fs.File("filler")), 0u);
  EXPECT_EQ(writer.Exec(InsertRows(40)), SQLITE_FULL) << writer.Error();
  writer.Exec("ROLLBACK");
  Connection reader(path, nullptr);
  EXPECT_EQ(reader.Number("SELECT COUNT(*) FROM t"), 10);

  // Room again: the same commit goes through, whole.
  std::filesystem::remove(fs.File("filler"));
  ASSERT_EQ(writer.Exec(InsertRows(40)), SQLITE_OK) << writer.Error();
  EXPECT_EQ(reader.Number("SELECT COUNT(*) FROM t"), 50);
  EXPECT_EQ(
      reader.Number("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

// A single write longer than the unix VFS carries at once (it masks lengths to 17 bits, so 256
// KiB would be 0 bytes and fail as SQLITE_FULL), asked of the VFS directly since SQLite itself
// never asks for one: it reaches the file whole, in pieces.
TEST(WalWriteGatheringTest, AWriteLongerThanTheUnixVfsTakesAtOnceReachesTheFileWhole) {
  TempDir dir;
  const std::string database = dir.File("direct.db");
  { Connection create(database, nullptr); }  // the unix VFS opens a log beside its database
  const std::string log = database + "-wal";
  sqlite3_vfs* vfs = sqlite3_vfs_find(WalWriteGatheringVfs());
  ASSERT_NE(vfs, nullptr);
  std::vector<char> memory(static_cast<size_t>(vfs->szOsFile));
  auto* file = reinterpret_cast<sqlite3_file*>(memory.data());
  int out_flags = 0;
  ASSERT_EQ(vfs->xOpen(vfs, log.c_str(), file,
                       SQLITE_OPEN_WAL | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &out_flags),
            SQLITE_OK);

  std::vector<char> written(size_t{256} << 10);
  for (size_t i = 0; i < written.size(); ++i) written[i] = static_cast<char>(i * 7 + i / 4096);
  const WalWritesSoFar before = CountWalWrites();
  EXPECT_EQ(file->pMethods->xWrite(file, written.data(), static_cast<int>(written.size()), 4096),
            SQLITE_OK);
  EXPECT_EQ(file->pMethods->xSync(file, SQLITE_SYNC_FULL), SQLITE_OK);
  EXPECT_EQ(CountWalWrites().made - before.made, 3);  // 124 + 124 + 8 KiB

  sqlite3_int64 size = 0;
  EXPECT_EQ(file->pMethods->xFileSize(file, &size), SQLITE_OK);
  EXPECT_EQ(size, static_cast<sqlite3_int64>(4096 + written.size()));
  std::vector<char> read(written.size());
  EXPECT_EQ(file->pMethods->xRead(file, read.data(), static_cast<int>(read.size()), 4096),
            SQLITE_OK);
  EXPECT_EQ(read, written);
  EXPECT_EQ(file->pMethods->xClose(file), SQLITE_OK);
}

}  // namespace
}  // namespace tocflow::store::internal
