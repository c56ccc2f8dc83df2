// ParseMessage: splits one HL7 v2 message into segments and fields.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "hl7/message.h"

namespace hl7 {
namespace {

bool IsSegmentEnd(char c) { return c == '\r' || c == '\n'; }

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

bool IsValidSegmentId(std::string_view id) {
  if (id.size() != 3) return false;
  if (id[0] < 'A' || id[0] > 'Z') return false;
  for (size_t i = 1; i < 3; ++i) {
    const bool ok = (id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9');
    if (!ok) return false;
  }
  return true;
}

// Up to 16 bytes of `text` with anything unprintable shown as '?', for error messages.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 16)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7F ? c : '?');
  }
  if (text.size() > 16) out += "...";
  return out;
}

std::string Where(size_t segment_number, std::string_view id) {
  return "segment " + std::to_string(segment_number) + " (" + Printable(id) + ")";
}

}  // namespace

absl::StatusOr<Message> ParseMessage(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_message_bytes) {
    return absl::InvalidArgumentError("message is " + std::to_string(text.size()) +
                                      " bytes; the limit is " +
                                      std::to_string(limits.max_message_bytes));
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && IsSegmentEnd(text.front())) text.remove_prefix(1);
  if (text.empty()) return absl::InvalidArgumentError("empty message");
  if (text.substr(0, 3) != "MSH") {
    size_t id_end = 0;
    while (id_end < text.size() && id_end < 3 && !IsSegmentEnd(text[id_end])) ++id_end;
    return absl::InvalidArgumentError("message must begin with an MSH segment; found '" +
                                      Printable(text.substr(0, id_end)) + "'");
  }
  if (text.size() < 4 || IsSegmentEnd(text[3])) {
    return absl::InvalidArgumentError("MSH-1: field separator missing");
  }
  const char field_sep = text[3];
  size_t msh2_end = 4;
  while (msh2_end < text.size() && text[msh2_end] != field_sep && !IsSegmentEnd(text[msh2_end])) {
    ++msh2_end;
  }
  absl::StatusOr<EncodingCharacters> enc =
      MakeEncodingCharacters(field_sep, text.substr(4, msh2_end - 4));
  if (!enc.ok()) return enc.status();

  std::vector<Segment> segments;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && !IsSegmentEnd(text[end])) ++end;
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (IsBlank(line)) continue;

    const size_t number = segments.size() + 1;
    if (number > limits.max_segments) {
      return absl::InvalidArgumentError("more than " + std::to_string(limits.max_segments) +
                                        " segments");
    }
    const size_t id_end = line.find(field_sep);
    const std::string_view id = line.substr(0, id_end);
    if (!IsValidSegmentId(id)) {
      return absl::InvalidArgumentError(Where(number, id) +
                                        ": segment id must be three characters [A-Z][A-Z0-9]{2}");
    }
    if (id == "MSH" && number > 1) {
      return absl::InvalidArgumentError(Where(number, id) +
                                        ": a second MSH; one message is expected");
    }

    std::vector<std::string> fields;
    fields.emplace_back(id);
    std::string_view rest =
        id_end == std::string_view::npos ? std::string_view() : line.substr(id_end + 1);
    if (number == 1) fields.emplace_back(1, field_sep);  // MSH-1
    if (id_end != std::string_view::npos) {
      while (true) {
        if (fields.size() > limits.max_fields_per_segment) {
          return absl::InvalidArgumentError(Where(number, id) + ": more than " +
                                            std::to_string(limits.max_fields_per_segment) +
                                            " fields");
        }
        const size_t sep = rest.find(field_sep);
        const std::string_view value = rest.substr(0, sep);
        if (value.size() > limits.max_field_bytes) {
          return absl::InvalidArgumentError(Where(number, id) + ": field " +
                                            std::to_string(fields.size()) + " is " +
                                            std::to_string(value.size()) + " bytes; the limit is " +
                                            std::to_string(limits.max_field_bytes));
        }
        fields.emplace_back(value);
        if (sep == std::string_view::npos) break;
        rest.remove_prefix(sep + 1);
      }
    }
    segments.push_back(Segment(*enc, std::move(fields)));
  }
  return Message(*enc, std::move(segments));
}

}  // namespace hl7
