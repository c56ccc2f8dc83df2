#include "web/event_schema.h"

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

#include "tocflow/v1/events.pb.h"

namespace tocflow::web {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

void AddFields(const Descriptor* type, std::vector<std::string> prefix, nlohmann::json& out) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    std::vector<std::string> path = prefix;
    path.push_back(field->name());
    std::string name;
    for (const auto& part : path) name += (name.empty() ? "" : ".") + part;
    nlohmann::json entry = {{"name", name}, {"path", path}};
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        const std::string full = field->message_type()->full_name();
        if (full == "tocflow.v1.Date") {
          entry["type"] = "date";
        } else if (full == "google.protobuf.Timestamp") {
          entry["type"] = "timestamp";
        } else {
          AddFields(field->message_type(), path, out);
          continue;
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        entry["type"] = "enum";
        nlohmann::json values = nlohmann::json::array();
        const auto* e = field->enum_type();
        for (int v = 0; v < e->value_count(); ++v) {
          if (e->value(v)->number() != 0) values.push_back(e->value(v)->name());
        }
        entry["values"] = values;
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        entry["type"] = "bool";
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        entry["type"] = "string";
        break;
      default:
        entry["type"] = "int";
        break;
    }
    out.push_back(entry);
  }
}

}  // namespace

nlohmann::json EventSchema() {
  nlohmann::json events = nlohmann::json::array();
  const auto* oneof = tocflow::v1::Event::descriptor()->FindOneofByName("event");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const FieldDescriptor* type = oneof->field(i);
    if (type->name() == "deadline_elapsed") continue;
    nlohmann::json fields = nlohmann::json::array();
    AddFields(type->message_type(), {}, fields);
    events.push_back({{"name", type->name()}, {"fields", fields}});
  }
  return {{"events", events}};
}

}  // namespace tocflow::web
