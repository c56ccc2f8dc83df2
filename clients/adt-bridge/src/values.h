// Small helpers shared by the extraction files: clean values out of a segment.
#pragma once

#include <string>
#include <string_view>

#include "hl7/message.h"

namespace hl7::internal {

// Segment::Get, trimmed of spaces/tabs, with the HL7 null "" read as empty. Safe on nullptr.
std::string Value(const Segment* segment, int field, int repetition = 1, int component = 1,
                  int subcomponent = 1);

// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace hl7::internal
