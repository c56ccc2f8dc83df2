// A parsed HL7 v2 message: segments, fields, repetitions, components and sub-components.
//
// ParseMessage() takes the bytes of ONE message (MLLP framing already removed) and returns an
// immutable Message that owns copies of its text. Addressing follows HL7 numbering: fields,
// repetitions, components and sub-components are all 1-based, and in MSH the field separator
// itself is MSH-1 and the encoding characters are MSH-2, so MSH-10 is the control id exactly as
// the standard numbers it. Asking for something that is not there returns "" (or 0 for a count),
// never an error and never undefined behaviour: the message may have come from anyone.
//
// Thread safety: a Message is immutable; concurrent reads are safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "hl7/encoding.h"

namespace hl7 {

// Bounds applied while parsing, so that hostile input costs bounded memory and time. Exceeding
// any of them is INVALID_ARGUMENT naming the limit.
struct ParseLimits {
  size_t max_message_bytes = 1024 * 1024;  // whole message
  size_t max_segments = 2000;
  size_t max_fields_per_segment = 500;
  size_t max_field_bytes = 64 * 1024;  // one field, all repetitions, still escaped
};

class Message;

class Segment {
 public:
  // The three-character segment id ("PID").
  std::string_view id() const { return fields_.front(); }
  // The highest field number present: 0 for a bare "PV1"; MSH counts MSH-1 and MSH-2.
  int field_count() const { return static_cast<int>(fields_.size()) - 1; }

  // Field `field` exactly as received (escape sequences and inner delimiters untouched); ""
  // when absent. MSH-1 is the field separator, MSH-2 the encoding characters.
  std::string_view RawField(int field) const;
  // One repetition / component / sub-component, still escaped; "" when absent.
  std::string_view RawRepetition(int field, int repetition) const;
  std::string_view RawComponent(int field, int repetition, int component) const;
  std::string_view RawSubcomponent(int field, int repetition, int component,
                                   int subcomponent) const;

  // Number of repetitions of a field (0 when the field is empty or absent; 1 for MSH-1/MSH-2),
  // of components in a repetition, of sub-components in a component.
  int RepetitionCount(int field) const;
  int ComponentCount(int field, int repetition = 1) const;
  int SubcomponentCount(int field, int repetition, int component) const;

  // The decoded text (escape sequences resolved, see encoding.h) of one sub-component: by
  // default the first sub-component of the first component of the first repetition, which is
  // what "PID-3" means in everyday use. MSH-1 and MSH-2 are returned verbatim.
  std::string Get(int field, int repetition = 1, int component = 1, int subcomponent = 1) const;

  const EncodingCharacters& encoding() const { return enc_; }

 private:
  friend absl::StatusOr<Message> ParseMessage(std::string_view text, const ParseLimits& limits);
  Segment(EncodingCharacters enc, std::vector<std::string> fields)
      : enc_(enc), fields_(std::move(fields)) {}
  bool IsMshHeaderField(int field) const;

  EncodingCharacters enc_;
  std::vector<std::string> fields_;  // [0] = segment id; never empty
};

class Message {
 public:
  const EncodingCharacters& encoding() const { return enc_; }
  // All segments in order; the first is always MSH.
  const std::vector<Segment>& segments() const { return segments_; }
  const Segment& msh() const { return segments_.front(); }
  // The `occurrence`-th (1-based) segment with this id, or nullptr. The pointer lives as long as
  // the Message.
  const Segment* Find(std::string_view id, int occurrence = 1) const;

 private:
  friend absl::StatusOr<Message> ParseMessage(std::string_view text, const ParseLimits& limits);
  Message(EncodingCharacters enc, std::vector<Segment> segments)
      : enc_(enc), segments_(std::move(segments)) {}

  EncodingCharacters enc_;
  std::vector<Segment> segments_;
};

// Parses one message. Segments may be separated by CR, LF or CRLF (any mix); empty lines and
// lines of only spaces/tabs are skipped, as are leading CR/LF and a UTF-8 byte order mark. The
// delimiters come from MSH-1/MSH-2 (validated as in MakeEncodingCharacters).
// Errors, all INVALID_ARGUMENT with a message naming the place:
//   - empty input, input not starting with "MSH", bad MSH-1/MSH-2;
//   - a segment id that is not three characters [A-Z][A-Z0-9][A-Z0-9] ("segment 3: ...");
//   - a second MSH (one message per call);
//   - any ParseLimits bound exceeded.
// Never crashes, never reads out of bounds, runs in time linear in the input size.
absl::StatusOr<Message> ParseMessage(std::string_view text, const ParseLimits& limits = {});

}  // namespace hl7
