#include "wal_write_gathering.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <new>
#include <vector>

namespace tocflow::store::internal {
namespace {

constexpr char kVfsName[] = "tocflow-wal-write-gathering";
// The most one write carries: SQLite's unix VFS writes at most 128 KiB - 1 bytes per call (it
// masks the length to 17 bits, so a longer write would fail or be cut short), so larger
// gatherings are made in several writes.
constexpr size_t kMostPerWrite = (size_t{128} << 10) - (size_t{4} << 10);

// What SQLite allocates for each file this VFS opens (szOsFile bytes): this header, then the
// default VFS's own file at kRealFileOffset.
struct GatheringFile {
  sqlite3_file base{};           // first: the part SQLite knows
  sqlite3_file* real = nullptr;  // the default VFS's file, which does the work
  bool gathers = false;          // a write-ahead log: writes are gathered
  sqlite3_int64 from = 0;        // the file offset of gathered[0]
  std::vector<char> gathered;
};
constexpr size_t kRealFileOffset = (sizeof(GatheringFile) + 15) / 16 * 16;

std::atomic<int64_t> writes_asked{0};
std::atomic<int64_t> writes_made{0};

GatheringFile* Of(sqlite3_file* file) { return reinterpret_cast<GatheringFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Of(file)->real; }
sqlite3_vfs* RealVfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// Writes `size` bytes at `offset` in as few writes as the unix VFS takes: one, unless SQLite
// asked for a single write larger than it carries (it never has: a frame is at most 64 KiB and
// its header).
int WriteInPieces(sqlite3_file* real, const char* bytes, size_t size, sqlite3_int64 offset) {
  for (size_t done = 0; done < size;) {
    const size_t piece = std::min(size - done, kMostPerWrite);
    writes_made.fetch_add(1, std::memory_order_relaxed);
    const int rc = real->pMethods->xWrite(real, bytes + done, static_cast<int>(piece),
                                          offset + static_cast<sqlite3_int64>(done));
    if (rc != SQLITE_OK) return rc;
    done += piece;
  }
  return SQLITE_OK;
}

// Makes the gathered writes, as one write. The gathered bytes are dropped even when it fails:
// the transaction that wrote them fails, and SQLite writes its frames again on its next try.
int WriteGathered(GatheringFile* file) {
  if (file->gathered.empty()) return SQLITE_OK;
  const int rc =
      WriteInPieces(file->real, file->gathered.data(), file->gathered.size(), file->from);
  file->gathered.clear();
  return rc;
}

int Close(sqlite3_file* file) {
  GatheringFile* mine = Of(file);
  const int written = WriteGathered(mine);
  const int closed = mine->real->pMethods->xClose(mine->real);
  mine->~GatheringFile();
  return written != SQLITE_OK ? written : closed;
}

int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xRead(Real(file), buffer, amount, offset);
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  GatheringFile* mine = Of(file);
  if (!mine->gathers) return mine->real->pMethods->xWrite(mine->real, data, amount, offset);
  writes_asked.fetch_add(1, std::memory_order_relaxed);
  const auto end = mine->from + static_cast<sqlite3_int64>(mine->gathered.size());
  const bool continues = offset == end && mine->gathered.size() + amount <= kMostPerWrite;
  if (!mine->gathered.empty() && !continues) {
    if (const int rc = WriteGathered(mine); rc != SQLITE_OK) return rc;
  }
  if (mine->gathered.empty()) mine->from = offset;
  const char* bytes = static_cast<const char*>(data);
  mine->gathered.insert(mine->gathered.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xTruncate(Real(file), size);
}

int Sync(sqlite3_file* file, int flags) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xSync(Real(file), flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xFileSize(Real(file), size);
}

int Lock(sqlite3_file* file, int level) { return Real(file)->pMethods->xLock(Real(file), level); }

int Unlock(sqlite3_file* file, int level) {
  return Real(file)->pMethods->xUnlock(Real(file), level);
}

int CheckReservedLock(sqlite3_file* file, int* reserved) {
  return Real(file)->pMethods->xCheckReservedLock(Real(file), reserved);
}

int FileControl(sqlite3_file* file, int op, void* argument) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xFileControl(Real(file), op, argument);
}

int SectorSize(sqlite3_file* file) { return Real(file)->pMethods->xSectorSize(Real(file)); }

int DeviceCharacteristics(sqlite3_file* file) {
  return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}

int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** mapped) {
  return Real(file)->pMethods->xShmMap(Real(file), region, size, extend, mapped);
}

int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return Real(file)->pMethods->xShmLock(Real(file), offset, n, flags);
}

void ShmBarrier(sqlite3_file* file) { Real(file)->pMethods->xShmBarrier(Real(file)); }

int ShmUnmap(sqlite3_file* file, int delete_too) {
  return Real(file)->pMethods->xShmUnmap(Real(file), delete_too);
}

int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** pages) {
  if (const int rc = WriteGathered(Of(file)); rc != SQLITE_OK) return rc;
  return Real(file)->pMethods->xFetch(Real(file), offset, amount, pages);
}

int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* pages) {
  return Real(file)->pMethods->xUnfetch(Real(file), offset, pages);
}

// Each file's methods have the version of the default VFS's file, so that SQLite never calls
// one the real file lacks.
constexpr sqlite3_io_methods MethodsOfVersion(int version) {
  return {version,
          Close,
          Read,
          Write,
          Truncate,
          Sync,
          FileSize,
          Lock,
          Unlock,
          CheckReservedLock,
          FileControl,
          SectorSize,
          DeviceCharacteristics,
          ShmMap,
          ShmLock,
          ShmBarrier,
          ShmUnmap,
          Fetch,
          Unfetch};
}
constexpr sqlite3_io_methods kMethods[] = {MethodsOfVersion(1), MethodsOfVersion(2),
                                           MethodsOfVersion(3)};

int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  // SQLite hands over raw memory, and calls Close (which destroys this) only once Open set
  // `pMethods`: destroyed here on every failure.
  GatheringFile* mine = new (file) GatheringFile{};
  mine->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealFileOffset);
  mine->gathers = (flags & SQLITE_OPEN_WAL) != 0;
  int rc = RealVfs(vfs)->xOpen(RealVfs(vfs), name, mine->real, flags, out_flags);
  const sqlite3_io_methods* real_methods = mine->real->pMethods;
  if (rc == SQLITE_OK && real_methods != nullptr &&
      (real_methods->iVersion < 1 || real_methods->iVersion > 3)) {
    real_methods->xClose(mine->real);
    rc = SQLITE_CANTOPEN;
  }
  if (rc != SQLITE_OK || real_methods == nullptr) {
    mine->~GatheringFile();
    file->pMethods = nullptr;
    return rc;
  }
  mine->base.pMethods = &kMethods[real_methods->iVersion - 1];
  return SQLITE_OK;
}

// The rest is the default VFS's.
int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return RealVfs(vfs)->xDelete(RealVfs(vfs), name, sync_dir);
}
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
  return RealVfs(vfs)->xAccess(RealVfs(vfs), name, flags, result);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return RealVfs(vfs)->xFullPathname(RealVfs(vfs), name, size, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) {
  return RealVfs(vfs)->xDlOpen(RealVfs(vfs), name);
}
void DlError(sqlite3_vfs* vfs, int size, char* message) {
  RealVfs(vfs)->xDlError(RealVfs(vfs), size, message);
}
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return RealVfs(vfs)->xDlSym(RealVfs(vfs), handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) { RealVfs(vfs)->xDlClose(RealVfs(vfs), handle); }
int Randomness(sqlite3_vfs* vfs, int size, char* out) {
  return RealVfs(vfs)->xRandomness(RealVfs(vfs), size, out);
}
int Sleep(sqlite3_vfs* vfs, int microseconds) {
  return RealVfs(vfs)->xSleep(RealVfs(vfs), microseconds);
}
int CurrentTime(sqlite3_vfs* vfs, double* now) {
  return RealVfs(vfs)->xCurrentTime(RealVfs(vfs), now);
}
int GetLastError(sqlite3_vfs* vfs, int size, char* message) {
  return RealVfs(vfs)->xGetLastError(RealVfs(vfs), size, message);
}
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* now) {
  return RealVfs(vfs)->xCurrentTimeInt64(RealVfs(vfs), now);
}

sqlite3_vfs* Register() {
  if (sqlite3_initialize() != SQLITE_OK) return nullptr;
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr || real->iVersion < 2) return nullptr;
  static sqlite3_vfs gathering{};
  gathering.iVersion = 2;
  gathering.szOsFile = static_cast<int>(kRealFileOffset) + real->szOsFile;
  gathering.mxPathname = real->mxPathname;
  gathering.zName = kVfsName;
  gathering.pAppData = real;
  gathering.xOpen = Open;
  gathering.xDelete = Delete;
  gathering.xAccess = Access;
  gathering.xFullPathname = FullPathname;
  gathering.xDlOpen = DlOpen;
  gathering.xDlError = DlError;
  gathering.xDlSym = DlSym;
  gathering.xDlClose = DlClose;
  gathering.xRandomness = Randomness;
  gathering.xSleep = Sleep;
  gathering.xCurrentTime = CurrentTime;
  gathering.xGetLastError = GetLastError;
  gathering.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&gathering, /*makeDflt=*/0) != SQLITE_OK) return nullptr;
  return &gathering;
}

}  // namespace

const char* WalWriteGatheringVfs() {
  static sqlite3_vfs* const registered = Register();
  return registered != nullptr ? registered->zName : nullptr;
}

WalWritesSoFar CountWalWrites() {
  return {writes_asked.load(std::memory_order_relaxed),
          writes_made.load(std::memory_order_relaxed)};
}

}  // namespace tocflow::store::internal
