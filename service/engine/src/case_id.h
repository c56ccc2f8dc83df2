// Case ids made by the engine when a case is opened.
#pragma once

#include <string>

namespace tocflow::engine::internal {

// A random 128-bit id as 32 lowercase hex digits. Thread-safe.
std::string RandomCaseId();

}  // namespace tocflow::engine::internal
