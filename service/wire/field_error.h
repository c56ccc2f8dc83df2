// Private to tocflow::wire (note: this abseil build's StrCat does not take std::string_view): the
// INVALID_ARGUMENT statuses the codecs return, so that every message has the same shape, "<field
// path>: <what is wrong>".
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tocflow::wire::internal {

// "<field>: <problem>" as INVALID_ARGUMENT.
inline absl::Status InvalidField(std::string_view field, std::string_view problem) {
  std::string message(field);
  message.append(": ").append(problem);
  return absl::InvalidArgumentError(message);
}

// A required message field (Date, Timestamp, sub-message) that was left unset.
inline absl::Status MissingField(std::string_view field) { return InvalidField(field, "required"); }

// `prefix` + "." + `name`, the path of a field inside a message.
inline std::string FieldPath(std::string_view prefix, std::string_view name) {
  std::string path(prefix);
  if (!path.empty()) path.push_back('.');
  path.append(name);
  return path;
}

}  // namespace tocflow::wire::internal
