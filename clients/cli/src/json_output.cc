#include "cli/json_output.h"

#include <google/protobuf/util/json_util.h>

namespace tocflow::cli {

std::string ToJson(const google::protobuf::Message& message, bool one_line) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = !one_line;
  std::string out;
  // Printing a valid message cannot fail (it fails only on unresolvable Any types).
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void PrintJson(const google::protobuf::Message& message, std::ostream& out, bool one_line) {
  out << ToJson(message, one_line) << "\n";
}

}  // namespace tocflow::cli
