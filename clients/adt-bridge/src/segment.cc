// Field, repetition, component and sub-component access on a parsed segment.
#include <string>
#include <string_view>

#include "hl7/message.h"

namespace hl7 {
namespace {

// The n-th (1-based) piece of `s` split on `sep`; "" when there is no such piece.
std::string_view Piece(std::string_view s, char sep, int n) {
  if (n < 1) return {};
  size_t start = 0;
  for (int i = 1; i < n; ++i) {
    const size_t next = s.find(sep, start);
    if (next == std::string_view::npos) return {};
    start = next + 1;
  }
  const size_t end = s.find(sep, start);
  return s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

int PieceCount(std::string_view s, char sep) {
  if (s.empty()) return 0;
  int count = 1;
  for (char c : s) count += (c == sep) ? 1 : 0;
  return count;
}

}  // namespace

bool Segment::IsMshHeaderField(int field) const {
  return (field == 1 || field == 2) && id() == "MSH";
}

std::string_view Segment::RawField(int field) const {
  if (field < 1 || field > field_count()) return {};
  return fields_[static_cast<size_t>(field)];
}

std::string_view Segment::RawRepetition(int field, int repetition) const {
  if (IsMshHeaderField(field)) return repetition == 1 ? RawField(field) : std::string_view();
  return Piece(RawField(field), enc_.repetition, repetition);
}

std::string_view Segment::RawComponent(int field, int repetition, int component) const {
  if (IsMshHeaderField(field)) {
    return component == 1 ? RawRepetition(field, repetition) : std::string_view();
  }
  return Piece(RawRepetition(field, repetition), enc_.component, component);
}

std::string_view Segment::RawSubcomponent(int field, int repetition, int component,
                                          int subcomponent) const {
  if (IsMshHeaderField(field)) {
    return subcomponent == 1 ? RawComponent(field, repetition, component) : std::string_view();
  }
  return Piece(RawComponent(field, repetition, component), enc_.subcomponent, subcomponent);
}

int Segment::RepetitionCount(int field) const {
  if (IsMshHeaderField(field)) return 1;
  return PieceCount(RawField(field), enc_.repetition);
}

int Segment::ComponentCount(int field, int repetition) const {
  if (IsMshHeaderField(field)) return repetition == 1 ? 1 : 0;
  return PieceCount(RawRepetition(field, repetition), enc_.component);
}

int Segment::SubcomponentCount(int field, int repetition, int component) const {
  if (IsMshHeaderField(field)) return repetition == 1 && component == 1 ? 1 : 0;
  return PieceCount(RawComponent(field, repetition, component), enc_.subcomponent);
}

std::string Segment::Get(int field, int repetition, int component, int subcomponent) const {
  const std::string_view raw = RawSubcomponent(field, repetition, component, subcomponent);
  if (IsMshHeaderField(field)) return std::string(raw);
  return Unescape(raw, enc_);
}

const Segment* Message::Find(std::string_view id, int occurrence) const {
  int seen = 0;
  for (const Segment& s : segments_) {
    if (s.id() == id && ++seen == occurrence) return &s;
  }
  return nullptr;
}

}  // namespace hl7
