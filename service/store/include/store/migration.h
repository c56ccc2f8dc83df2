// Schema migration to a chosen version, without opening a Store: for tests that build a file
// as an older tocflowd left it, and for tools that upgrade a file step by step.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace tocflow::store {

// Creates `path` when missing and applies the migrations up to `version` (1..kSchemaVersion),
// each step in its own transaction; a file already at or past `version` is left as it is.
// Errors: INVALID_ARGUMENT for a version outside 1..kSchemaVersion; FAILED_PRECONDITION for a
// file made by a newer tocflowd; the store's errors (UNAVAILABLE, DATA_LOSS...).
absl::Status MigrateSchema(const std::string& path, int version);

}  // namespace tocflow::store
