#include "values.h"

namespace hl7::internal {

std::string Value(const Segment* segment, int field, int repetition, int component,
                  int subcomponent) {
  if (segment == nullptr) return {};
  std::string v = segment->Get(field, repetition, component, subcomponent);
  const size_t first = v.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  v = v.substr(first, v.find_last_not_of(" \t") - first + 1);
  if (v == "\"\"") return {};
  return v;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

}  // namespace hl7::internal
