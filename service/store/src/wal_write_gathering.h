// A SQLite VFS that makes each commit's write-ahead-log writes one system call. Private to the
// store.
//
// SQLite writes a WAL frame as two writes (its 24-byte header, then the page), so a group commit
// of 40 pages was 80 `pwrite` calls, each a system call that a virtual machine charges dearly
// for (bench/README finding 24). This VFS is the default one except that, for a write-ahead log,
// writes that continue one another are kept in memory and made as one write just before the log
// is synced, read, truncated, sized, mapped or closed, or when they stop being contiguous or
// reach 124 KiB (the most SQLite's unix VFS writes at once; a longer write is made in pieces of
// that size).
//
// Only for a connection whose every commit syncs the log (synchronous=FULL): SQLite publishes a
// commit's frames to other connections after its sync, so they are on the file before anyone
// can read them. At NORMAL a commit is not synced, and its frames would still be in memory when
// readers were told of them.
//
// A gathered write that fails is reported by the call that made it (the sync, usually), so the
// commit fails as it would have at the write itself, and the frames it carried are dropped:
// SQLite writes them again with its next attempt.
#pragma once

#include <cstdint>

namespace tocflow::store::internal {

// The name to open a connection with (SQLite::Database's `vfs` argument): registers the VFS on
// the first call, over whatever VFS is SQLite's default then. nullptr if it cannot be
// registered (the connection then uses the default VFS, writing each frame as SQLite does).
const char* WalWriteGatheringVfs();

// What the VFS did in this process so far: the writes SQLite asked of write-ahead logs opened
// through it, and the writes made to the files for them. For tests and diagnosis.
struct WalWritesSoFar {
  int64_t asked = 0;
  int64_t made = 0;
};
WalWritesSoFar CountWalWrites();

}  // namespace tocflow::store::internal
