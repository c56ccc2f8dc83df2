// `--json` output: protobuf messages as JSON with the .proto field names.
#pragma once

#include <google/protobuf/message.h>

#include <ostream>
#include <string>

namespace tocflow::cli {

// The message as one JSON document; `one_line` false: indented for reading.
std::string ToJson(const google::protobuf::Message& message, bool one_line = false);
// Writes ToJson(message, one_line) and a newline.
void PrintJson(const google::protobuf::Message& message, std::ostream& out, bool one_line = false);

}  // namespace tocflow::cli
