#include "cli/message_fields.h"

#include <charconv>
#include <optional>
#include <set>

#include "absl/status/status.h"
#include "cli/format.h"

namespace tocflow::cli {
namespace {

namespace pb = google::protobuf;

bool IsSingleValueMessage(const pb::Descriptor* type) {
  return type->full_name() == "tocflow.v1.Date" || type->full_name() == "google.protobuf.Timestamp";
}

void Collect(const pb::Descriptor* type, const std::string& prefix,
             std::vector<const pb::FieldDescriptor*>& chain, std::vector<FieldPath>& out) {
  for (int i = 0; i < type->field_count(); ++i) {
    const pb::FieldDescriptor* field = type->field(i);
    if (field->is_repeated()) continue;  // none in the command messages
    chain.push_back(field);
    if (field->type() == pb::FieldDescriptor::TYPE_MESSAGE &&
        !IsSingleValueMessage(field->message_type())) {
      Collect(field->message_type(), prefix + field->name() + ".", chain, out);
    } else {
      out.push_back(FieldPath{prefix + field->name(), chain});
    }
    chain.pop_back();
  }
}

std::string Normalise(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

absl::Status Bad(const FieldPath& path, const std::string& why) {
  return absl::InvalidArgumentError("--" + path.name + ": " + why);
}

template <typename T>
bool ParseNumber(std::string_view text, T* out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::vector<FieldPath> LeafFields(const pb::Descriptor* type) {
  std::vector<FieldPath> out;
  std::vector<const pb::FieldDescriptor*> chain;
  Collect(type, "", chain, out);
  return out;
}

std::string ValueHint(const pb::FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return "TEXT";
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return "true|false";
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return EnumChoices(field->enum_type());
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      return field->message_type()->full_name() == "tocflow.v1.Date" ? "DATE" : "TIME";
    default:
      return "NUMBER";
  }
}

std::string DescribeFields(const pb::Descriptor* type) {
  std::string out;
  for (const FieldPath& path : LeafFields(type)) {
    out += "  --" + path.name + " " + ValueHint(path.chain.back()) + "\n";
  }
  return out.empty() ? "  (no fields)\n" : out;
}

absl::Status SetField(pb::Message* message, const FieldPath& path, std::string_view text) {
  pb::Message* target = message;
  for (size_t i = 0; i + 1 < path.chain.size(); ++i) {
    target = target->GetReflection()->MutableMessage(target, path.chain[i]);
  }
  const pb::FieldDescriptor* field = path.chain.back();
  const pb::Reflection* reflection = target->GetReflection();
  switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(target, field, std::string(text));
      return absl::OkStatus();
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      auto value = ParseBool(text);
      if (!value.ok()) return Bad(path, std::string(value.status().message()));
      reflection->SetBool(target, field, *value);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      auto value = ParseEnum(field->enum_type(), text);
      if (!value.ok()) return Bad(path, std::string(value.status().message()));
      reflection->SetEnumValue(target, field, *value);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = 0;
      if (!ParseNumber(text, &v)) return Bad(path, "\"" + std::string(text) + "\" is not a number");
      reflection->SetInt32(target, field, v);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = 0;
      if (!ParseNumber(text, &v)) return Bad(path, "\"" + std::string(text) + "\" is not a number");
      reflection->SetInt64(target, field, v);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
      pb::Message* value = reflection->MutableMessage(target, field);
      if (field->message_type()->full_name() == "tocflow.v1.Date") {
        auto date = ParseDate(text);
        if (!date.ok()) return Bad(path, std::string(date.status().message()));
        value->CopyFrom(*date);
      } else {
        auto time = ParseTimestamp(text);
        if (!time.ok()) return Bad(path, std::string(time.status().message()));
        value->CopyFrom(*time);
      }
      return absl::OkStatus();
    }
    default:
      return Bad(path, "this kind of field cannot be set from the command line");
  }
}

absl::StatusOr<std::vector<std::string>> ApplyFieldFlags(const std::vector<std::string>& args,
                                                         pb::Message* message) {
  std::vector<FieldPath> fields = LeafFields(message->GetDescriptor());
  std::vector<std::string> positionals;
  std::set<std::string> seen;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      positionals.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    name = Normalise(name);
    const FieldPath* path = nullptr;
    for (const FieldPath& f : fields) {
      if (f.name == name) path = &f;
    }
    if (path == nullptr) {
      std::string valid;
      for (const FieldPath& f : fields) valid += (valid.empty() ? "--" : ", --") + f.name;
      return absl::InvalidArgumentError(
          "unknown field --" + name + " for " + message->GetDescriptor()->name() + "; " +
          (valid.empty() ? "it has no fields" : "valid fields: " + valid));
    }
    if (!seen.insert(name).second) {
      return absl::InvalidArgumentError("--" + name + " is given twice");
    }
    bool is_bool = path->chain.back()->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL;
    if (!value) {
      bool next_is_value = i + 1 < args.size() && args[i + 1].compare(0, 2, "--") != 0;
      if (is_bool && (!next_is_value || !ParseBool(args[i + 1]).ok())) {
        value = "true";
      } else if (next_is_value) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError("--" + name + " needs a value (" +
                                          ValueHint(path->chain.back()) + ")");
      }
    }
    if (absl::Status set = SetField(message, *path, *value); !set.ok()) return set;
  }
  return positionals;
}

std::vector<const pb::FieldDescriptor*> EventTypes() {
  const pb::OneofDescriptor* oneof = tocflow::v1::Event::descriptor()->FindOneofByName("event");
  std::vector<const pb::FieldDescriptor*> out;
  for (int i = 0; i < oneof->field_count(); ++i) out.push_back(oneof->field(i));
  return out;
}

const pb::FieldDescriptor* FindEventType(std::string_view name) {
  const pb::FieldDescriptor* field =
      tocflow::v1::Event::descriptor()->FindFieldByName(Normalise(name));
  if (field == nullptr || field->containing_oneof() == nullptr) return nullptr;
  return field;
}

absl::StatusOr<tocflow::v1::Event> BuildEvent(const pb::FieldDescriptor* type,
                                              const std::vector<std::string>& args,
                                              std::vector<std::string>* positionals) {
  tocflow::v1::Event event;
  pb::Message* body = event.GetReflection()->MutableMessage(&event, type);
  auto rest = ApplyFieldFlags(args, body);
  if (!rest.ok()) return rest.status();
  *positionals = std::move(*rest);
  return event;
}

}  // namespace tocflow::cli
