// Delimiter validation and escape-sequence coding.
#include <string>

#include "absl/status/status.h"
#include "hl7/encoding.h"

namespace hl7 {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Decodes "Xhhhh" (the body of a hex escape) into `out`; false when it is not one.
bool DecodeHex(std::string_view body, std::string* out) {
  if (body.size() < 3 || body[0] != 'X' || (body.size() - 1) % 2 != 0) return false;
  std::string bytes;
  for (size_t i = 1; i + 1 < body.size(); i += 2) {
    const int hi = HexValue(body[i]);
    const int lo = HexValue(body[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  out->append(bytes);
  return true;
}

bool IsAcceptableDelimiter(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;  // control, space, DEL, non-ASCII
  if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return false;
  return true;
}

}  // namespace

std::string EncodingCharacters::Msh2() const {
  std::string s{component, repetition, escape, subcomponent};
  if (truncation) s.push_back(*truncation);
  return s;
}

bool EncodingCharacters::IsDelimiter(char c) const {
  return c == field || c == component || c == repetition || c == escape || c == subcomponent;
}

absl::StatusOr<EncodingCharacters> MakeEncodingCharacters(char field, std::string_view msh2) {
  if (!IsAcceptableDelimiter(field)) {
    return absl::InvalidArgumentError(
        "MSH-1: field separator must be a printable punctuation character");
  }
  if (msh2.size() != 4 && msh2.size() != 5) {
    return absl::InvalidArgumentError(
        "MSH-2: expected 4 encoding characters (5 with the v2.7 "
        "truncation character), found " +
        std::to_string(msh2.size()));
  }
  std::string all(1, field);
  for (char c : msh2) {
    if (!IsAcceptableDelimiter(c)) {
      return absl::InvalidArgumentError(
          "MSH-2: encoding characters must be printable punctuation characters");
    }
    if (all.find(c) != std::string::npos) {
      return absl::InvalidArgumentError(std::string("MSH-2: encoding character '") + c +
                                        "' is used twice (delimiters must be distinct)");
    }
    all.push_back(c);
  }
  EncodingCharacters enc;
  enc.field = field;
  enc.component = msh2[0];
  enc.repetition = msh2[1];
  enc.escape = msh2[2];
  enc.subcomponent = msh2[3];
  if (msh2.size() == 5) enc.truncation = msh2[4];
  return enc;
}

std::string Unescape(std::string_view raw, const EncodingCharacters& enc, int* invalid_escapes) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c != enc.escape) {
      out.push_back(c);
      ++i;
      continue;
    }
    const size_t close = raw.find(enc.escape, i + 1);
    if (close != std::string_view::npos) {
      const std::string_view body = raw.substr(i + 1, close - i - 1);
      bool decoded = true;
      if (body == "F") {
        out.push_back(enc.field);
      } else if (body == "S") {
        out.push_back(enc.component);
      } else if (body == "T") {
        out.push_back(enc.subcomponent);
      } else if (body == "R") {
        out.push_back(enc.repetition);
      } else if (body == "E") {
        out.push_back(enc.escape);
      } else {
        decoded = DecodeHex(body, &out);
      }
      if (decoded) {
        i = close + 1;
        continue;
      }
    }
    // Lone or unknown: keep this escape character and resume right after it.
    out.push_back(c);
    if (invalid_escapes != nullptr) ++*invalid_escapes;
    ++i;
  }
  return out;
}

std::string Escape(std::string_view text, const EncodingCharacters& enc) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  auto sequence = [&](std::string_view body) {
    out.push_back(enc.escape);
    out.append(body.data(), body.size());
    out.push_back(enc.escape);
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == enc.field) {
      sequence("F");
    } else if (c == enc.component) {
      sequence("S");
    } else if (c == enc.subcomponent) {
      sequence("T");
    } else if (c == enc.repetition) {
      sequence("R");
    } else if (c == enc.escape) {
      sequence("E");
    } else if (u < 0x20 || u == 0x7F) {
      const char hex[] = {'X', kHex[u >> 4], kHex[u & 0xF]};
      sequence(std::string_view(hex, 3));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace hl7
