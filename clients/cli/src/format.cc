#include "cli/format.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "absl/status/status.h"
#include "workflow/calendar.h"
#include "workflow/time.h"

namespace tocflow::cli {
namespace {

namespace pb = google::protobuf;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The prefix, ending in '_', that every value name of the enum starts with.
std::string CommonPrefix(const pb::EnumDescriptor* type) {
  if (type->value_count() == 0) return "";
  std::string prefix = type->value(0)->name();
  for (int i = 1; i < type->value_count(); ++i) {
    const std::string& name = type->value(i)->name();
    size_t n = 0;
    while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) ++n;
    prefix.resize(n);
  }
  size_t underscore = prefix.rfind('_');
  return underscore == std::string::npos ? "" : prefix.substr(0, underscore + 1);
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// "HH:MM[:SS]" into its parts.
bool ParseClock(std::string_view s, int* h, int* m, int* sec) {
  *sec = 0;
  if (s.size() != 5 && s.size() != 8) return false;
  if (s[2] != ':' || (s.size() == 8 && s[5] != ':')) return false;
  if (!ParseInt(s.substr(0, 2), h) || !ParseInt(s.substr(3, 2), m)) return false;
  if (s.size() == 8 && !ParseInt(s.substr(6, 2), sec)) return false;
  return *h >= 0 && *h < 24 && *m >= 0 && *m < 60 && *sec >= 0 && *sec < 60;
}

std::optional<workflow::Date> ParseWorkflowDate(std::string_view text) {
  if (auto iso = workflow::Date::Parse(text)) return iso;
  int d = 0, m = 0, y = 0;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/' && ParseInt(text.substr(0, 2), &d) &&
      ParseInt(text.substr(3, 2), &m) && ParseInt(text.substr(6, 4), &y)) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    return workflow::Date::Parse(iso);
  }
  return std::nullopt;
}

}  // namespace

std::string FormatUkDate(const tocflow::v1::Date& date) {
  if (date.year() == 0) return "";
  char out[16];
  std::snprintf(out, sizeof out, "%02d/%02d/%04d", date.day(), date.month(), date.year());
  return out;
}

std::string FormatUkDateTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  workflow::LondonTime local = workflow::ToLondon(workflow::FromUnixSeconds(t.seconds()));
  char out[32];
  std::snprintf(out, sizeof out, "%s %02d:%02d", local.date.ToUkString().c_str(), local.hour,
                local.minute);
  return out;
}

std::string FormatNhs(std::string_view digits) {
  if (digits.size() != 10 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
    return std::string(digits);
  }
  return std::string(digits.substr(0, 3)) + " " + std::string(digits.substr(3, 3)) + " " +
         std::string(digits.substr(6));
}

std::string EnumShortName(const pb::EnumDescriptor* type, int number) {
  if (number == 0) return "";
  const pb::EnumValueDescriptor* value = type->FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  return Lower(value->name().substr(CommonPrefix(type).size()));
}

std::string EnumChoices(const pb::EnumDescriptor* type) {
  std::string out;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() == 0) continue;
    if (!out.empty()) out += '|';
    out += EnumShortName(type, type->value(i)->number());
  }
  return out;
}

absl::StatusOr<int> ParseEnum(const pb::EnumDescriptor* type, std::string_view text) {
  std::string wanted = Upper(text);
  std::string prefix = CommonPrefix(type);
  for (int i = 0; i < type->value_count(); ++i) {
    const pb::EnumValueDescriptor* value = type->value(i);
    if (value->number() == 0) continue;
    if (value->name() == wanted || value->name() == prefix + wanted) return value->number();
  }
  return absl::InvalidArgumentError("\"" + std::string(text) + "\" is not one of " +
                                    EnumChoices(type));
}

absl::StatusOr<tocflow::v1::Date> ParseDate(std::string_view text) {
  auto date = ParseWorkflowDate(text);
  if (!date) {
    return absl::InvalidArgumentError("\"" + std::string(text) +
                                      "\" is not a date (YYYY-MM-DD or dd/mm/yyyy)");
  }
  tocflow::v1::Date out;
  out.set_year(date->year());
  out.set_month(date->month());
  out.set_day(date->day());
  return out;
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(std::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        "\"" + std::string(text) +
        "\" is not a time (e.g. 2026-10-03T13:00:00Z, 2026-10-03T14:00+01:00, or London time "
        "2026-10-03 14:00)");
  };
  size_t split = text.find_first_of(" T");
  std::string_view date_part = text.substr(0, split);
  auto date = ParseWorkflowDate(date_part);
  if (!date) return bad();
  int64_t seconds = 0;
  if (split == std::string_view::npos) {
    seconds = workflow::ToUnixSeconds(workflow::StartOfLondonDay(*date));
  } else {
    std::string_view rest = text.substr(split + 1);
    int offset_minutes = 0;
    bool zoned = false;
    if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
      zoned = true;
      rest.remove_suffix(1);
    } else if (rest.size() > 6 && (rest[rest.size() - 6] == '+' || rest[rest.size() - 6] == '-') &&
               rest[rest.size() - 3] == ':') {
      int oh = 0, om = 0;
      if (!ParseInt(rest.substr(rest.size() - 5, 2), &oh) ||
          !ParseInt(rest.substr(rest.size() - 2), &om)) {
        return bad();
      }
      offset_minutes = (oh * 60 + om) * (rest[rest.size() - 6] == '-' ? -1 : 1);
      zoned = true;
      rest.remove_suffix(6);
    }
    int h = 0, m = 0, s = 0;
    if (!ParseClock(rest, &h, &m, &s)) return bad();
    if (zoned) {
      seconds = int64_t{date->days_since_epoch()} * 86400 + h * 3600 + m * 60 + s -
                int64_t{offset_minutes} * 60;
    } else {
      seconds = workflow::ToUnixSeconds(workflow::FromLondon(*date, h, m, s));
    }
  }
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  return out;
}

absl::Status ParseMonth(std::string_view text, int* year, int* month) {
  bool ok = false;
  if (text.size() == 7 && text[4] == '-') {
    ok = ParseInt(text.substr(0, 4), year) && ParseInt(text.substr(5, 2), month);
  } else if (text.size() == 7 && text[2] == '/') {
    ok = ParseInt(text.substr(3, 4), year) && ParseInt(text.substr(0, 2), month);
  }
  if (!ok || *month < 1 || *month > 12) {
    return absl::InvalidArgumentError("\"" + std::string(text) + "\" is not a month (YYYY-MM)");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> ParseBool(std::string_view text) {
  std::string v = Lower(text);
  if (v == "true" || v == "yes" || v == "y" || v == "1" || v == "on") return true;
  if (v == "false" || v == "no" || v == "n" || v == "0" || v == "off") return false;
  return absl::InvalidArgumentError("\"" + std::string(text) + "\" is not true or false");
}

std::string FormatPounds(int64_t pence) {
  char out[48];
  std::snprintf(out, sizeof out, "%s£%lld.%02lld", pence < 0 ? "-" : "",
                static_cast<long long>(std::llabs(pence) / 100),
                static_cast<long long>(std::llabs(pence) % 100));
  return out;
}

}  // namespace tocflow::cli
