#include "random_values.h"

#include <chrono>

namespace tocflow::robustness {

namespace pb = ::google::protobuf;

std::string RandomValues::Name() {
  static const std::vector<std::string> kNames = {
      "Ward 7", "Elm", "J Smith",   "chc-team",      "E09000007", "QMJ",
      "RXX",    "B12", "Main site", "discharge-hub", "Dr Okafor", "usual residence"};
  return Pick(kNames);
}

std::string RandomValues::HostileString() {
  switch (Between(0, 8)) {
    case 0:
      return "";
    case 1:
      return std::string(static_cast<size_t>(Between(1000, 300000)), 'x');
    case 2:
      return std::string("nul\0inside", 10);
    case 3:
      return "'; DROP TABLE cases; --";
    case 4:
      return "%s%n%x{}\\|^~&\r\n\t";
    case 5:
      return "\u00e9\u00df\u4e2d\u6587\U0001F600 \u202e";
    case 6:
      return "   ";
    case 7:
      return std::to_string(Between(INT64_MIN, INT64_MAX));
    default: {
      std::string out;
      int length = static_cast<int>(Between(1, 64));
      for (int i = 0; i < length; ++i) out.push_back(static_cast<char>(Between(1, 127)));
      return out;
    }
  }
}

std::string RandomValues::BogusId() {
  if (Chance(0.3)) return HostileString();
  return "case-" + std::to_string(Between(0, 1000000));
}

void RandomValues::Fill(pb::Message* message, workflow::Timestamp near, double hostile) {
  FillMessage(message, near, hostile, 0);
}

void RandomValues::FillMessage(pb::Message* message, workflow::Timestamp near, double hostile,
                               int depth) {
  const pb::Descriptor* descriptor = message->GetDescriptor();
  const pb::Reflection* reflection = message->GetReflection();
  if (descriptor->full_name() == "google.protobuf.Timestamp") {
    int64_t seconds = workflow::ToUnixSeconds(near) + Between(-4 * 86400, 3600);
    if (Chance(hostile)) seconds = Between(-100000000000, 400000000000);
    reflection->SetInt64(message, descriptor->FindFieldByName("seconds"), seconds);
    if (Chance(hostile)) {
      reflection->SetInt32(message, descriptor->FindFieldByName("nanos"),
                           static_cast<int32_t>(Between(-2000000000, 2000000000)));
    }
    return;
  }
  if (descriptor->full_name() == "tocflow.v1.Date") {
    auto day = std::chrono::floor<std::chrono::days>(near) + std::chrono::days(Between(-5, 20));
    std::chrono::year_month_day ymd{day};
    int year = static_cast<int>(ymd.year()), month = static_cast<int>(unsigned(ymd.month())),
        mday = static_cast<int>(unsigned(ymd.day()));
    if (Chance(hostile)) {
      year = static_cast<int>(Between(-5, 10001));
      month = static_cast<int>(Between(-1, 13));
      mday = static_cast<int>(Between(-1, 32));
    }
    reflection->SetInt32(message, descriptor->FindFieldByName("year"), year);
    reflection->SetInt32(message, descriptor->FindFieldByName("month"), month);
    reflection->SetInt32(message, descriptor->FindFieldByName("day"), mday);
    return;
  }
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const pb::FieldDescriptor* field = descriptor->field(i);
    // One member of a oneof at most, as a real client would send (the last one set wins).
    if (field->real_containing_oneof() != nullptr && !Chance(0.2)) continue;
    if (Chance(hostile * 0.3)) continue;  // leave it unset
    FillField(message, field, near, hostile, depth);
  }
}

void RandomValues::FillField(pb::Message* message, const pb::FieldDescriptor* field,
                             workflow::Timestamp near, double hostile, int depth) {
  const pb::Reflection* r = message->GetReflection();
  int count = field->is_repeated() ? static_cast<int>(Between(0, 3)) : 1;
  for (int n = 0; n < count; ++n) {
    bool bad = Chance(hostile);
    switch (field->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        if (depth >= 4) return;
        pb::Message* child = field->is_repeated() ? r->AddMessage(message, field)
                                                  : r->MutableMessage(message, field);
        FillMessage(child, near, hostile, depth + 1);
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        const pb::EnumDescriptor* type = field->enum_type();
        int value = bad ? static_cast<int>(Between(-3, 200))
                        : type->value(static_cast<int>(Between(type->value_count() > 1 ? 1 : 0,
                                                               type->value_count() - 1)))
                              ->number();
        if (field->is_repeated()) {
          r->AddEnumValue(message, field, value);
        } else {
          r->SetEnumValue(message, field, value);
        }
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        std::string value = bad ? HostileString() : Name();
        if (field->is_repeated()) {
          r->AddString(message, field, value);
        } else {
          r->SetString(message, field, value);
        }
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        if (field->is_repeated()) {
          r->AddBool(message, field, Chance(0.5));
        } else {
          r->SetBool(message, field, Chance(0.5));
        }
        break;
      case pb::FieldDescriptor::CPPTYPE_INT32:
      case pb::FieldDescriptor::CPPTYPE_INT64:
      case pb::FieldDescriptor::CPPTYPE_UINT32:
      case pb::FieldDescriptor::CPPTYPE_UINT64: {
        int64_t value = bad ? Pick(std::vector<int64_t>{-1, 0, INT32_MAX, INT32_MIN, INT64_MAX,
                                                        INT64_MIN, Between(-1000000, 1000000)})
                            : Between(0, 200);
        if (field->is_repeated()) continue;  // no repeated integers in the API
        if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
          r->SetInt32(message, field, static_cast<int32_t>(value));
        } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64) {
          r->SetInt64(message, field, value);
        } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT32) {
          r->SetUInt32(message, field, static_cast<uint32_t>(value));
        } else {
          r->SetUInt64(message, field, static_cast<uint64_t>(value));
        }
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      case pb::FieldDescriptor::CPPTYPE_FLOAT: {
        double value = bad ? Pick(std::vector<double>{-1.0, 1e308, -0.0, 1e-300}) : Between(0, 100);
        if (field->is_repeated()) continue;
        if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_DOUBLE) {
          r->SetDouble(message, field, value);
        } else {
          r->SetFloat(message, field, static_cast<float>(value));
        }
        break;
      }
    }
  }
}

}  // namespace tocflow::robustness
