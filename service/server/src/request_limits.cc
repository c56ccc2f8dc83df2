#include "request_limits.h"

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace tocflow::server {
namespace {

absl::Status Check(const google::protobuf::Message& message, const std::string& path) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // only the fields that are set
  for (const google::protobuf::FieldDescriptor* field : fields) {
    const std::string name = path.empty() ? field->name() : path + "." + field->name();
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      if (size > kMaxRepeated) {
        return absl::InvalidArgumentError(name + ": at most " + std::to_string(kMaxRepeated) +
                                          " values, got " + std::to_string(size));
      }
      for (int i = 0; i < size; ++i) {
        const std::string item = name + "[" + std::to_string(i) + "]";
        if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
            reflection->GetRepeatedString(message, field, i).size() > kMaxStringBytes) {
          return absl::InvalidArgumentError(item + ": longer than " +
                                            std::to_string(kMaxStringBytes) + " bytes");
        }
        if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
          absl::Status nested = Check(reflection->GetRepeatedMessage(message, field, i), item);
          if (!nested.ok()) return nested;
        }
      }
      continue;
    }
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
        reflection->GetString(message, field).size() > kMaxStringBytes) {
      return absl::InvalidArgumentError(name + ": longer than " + std::to_string(kMaxStringBytes) +
                                        " bytes");
    }
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      absl::Status nested = Check(reflection->GetMessage(message, field), name);
      if (!nested.ok()) return nested;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckRequestLimits(const google::protobuf::Message& request) {
  return Check(request, "");
}

}  // namespace tocflow::server
