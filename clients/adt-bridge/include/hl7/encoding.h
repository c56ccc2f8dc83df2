// HL7 v2 delimiters and escape sequences.
//
// A message names its own delimiters: MSH-1 is the field separator and MSH-2 lists the
// component, repetition, escape and sub-component characters (in that order; v2.7 adds a fifth,
// the truncation character). Nothing here assumes "|^~\&" except the defaults of
// EncodingCharacters, which are what tocflow itself writes (ACKs).
//
// Escape sequences (HL7 v2.5 section 2.7), shown with the usual escape character:
//   \F\ field separator, \S\ component, \T\ sub-component, \R\ repetition, \E\ the escape
//   character itself, \Xhhhh\ bytes given as pairs of hexadecimal digits.
// Decision: any other sequence (a lone escape character with no closing one, a code we do not
// interpret such as \H\ \N\ \.br\ \Cxxyy\, odd or non-hex digits after X, an empty pair) is
// KEPT LITERALLY, byte for byte, and counted so that a caller can report it. Decoding never
// fails and never reads outside its input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace hl7 {

struct EncodingCharacters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
  std::optional<char> truncation;  // v2.7 MSH-2 fifth character; recorded, not interpreted

  // MSH-2 as it is written: "^~\&" (plus the truncation character when present).
  std::string Msh2() const;
  // True when `c` is one of the five delimiters (field included).
  bool IsDelimiter(char c) const;
};

// Validates MSH-1 (`field`) and MSH-2 (`msh2`): MSH-2 must hold 4 or 5 characters; all
// delimiters must be distinct, printable ASCII punctuation (not a letter, digit, space, CR or
// LF). INVALID_ARGUMENT naming MSH-1 or MSH-2 otherwise.
absl::StatusOr<EncodingCharacters> MakeEncodingCharacters(char field, std::string_view msh2);

// Decodes the escape sequences of one leaf value (a sub-component, or a component or field that
// holds no deeper delimiters). `invalid_escapes`, when not null, is incremented once per
// escape character kept literally (see the decision above): a lone or unknown escape
// character is copied and decoding resumes just after it, so a valid sequence that follows
// is still decoded ("4\5 \T\" with "&" as sub-component separator gives "4\5 &").
std::string Unescape(std::string_view raw, const EncodingCharacters& enc,
                     int* invalid_escapes = nullptr);

// Encodes plain text so it can be placed in one leaf value: delimiters become \F\, \S\, \T\,
// \R\, \E\; control bytes (below 0x20, and 0x7F) become \Xhh\, so the result never
// contains a segment terminator. Unescape(Escape(t)) == t for every t.
std::string Escape(std::string_view text, const EncodingCharacters& enc);

}  // namespace hl7
