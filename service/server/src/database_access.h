// The start-up check that tocflowd can write its database: the file (when it exists) opens for
// writing, and its directory takes new files (SQLite keeps PATH-wal and PATH-shm beside it, and
// the access log goes there by default). Without it, SQLite would quietly open a read-only file
// read-only and tocflowd would serve reads while refusing every command; instead it refuses to
// start, naming the file and the reason.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace tocflow::server {

// OK when `db_path` can be written (or created). FAILED_PRECONDITION otherwise, e.g.
// "database /data/tocflow.db cannot be written (Read-only file system): ...", naming the file or
// its directory, the system's reason and what to do. Creates and changes nothing.
absl::Status CheckDatabaseWritable(const std::string& db_path);

}  // namespace tocflow::server
