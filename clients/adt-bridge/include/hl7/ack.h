// Building the HL7 v2 acknowledgement (ACK) for an inbound message.
//
// The ACK is written with the standard delimiters "|^~\&" and CR segment terminators, whatever
// the inbound message used; inbound values copied into it are decoded and re-escaped:
//   MSH|^~\&|<in MSH-5>|<in MSH-6>|<in MSH-3>|<in MSH-4>|<time>||ACK^<trigger>|<control id>|
//       <in MSH-11, or P>|<in MSH-12, or 2.4>
//   MSA|<AA/AE/AR>|<in MSH-10>|<text>
//   ERR|... (optional; see AckError)
// The result carries no MLLP framing (see mllp.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hl7/message.h"
#include "workflow/time.h"

namespace hl7 {

enum class AckCode {
  kAccept,  // AA: accepted (and durable)
  kError,   // AE: error in the content (bad NHS number, unknown visit, invalid now...)
  kReject,  // AR: rejected (unsupported type/version, unparseable message)
};

// "AA", "AE", "AR".
std::string_view AckCodeText(AckCode code);

// An ERR segment, written the v2.5 way: ERR||<segment>^<sequence>^<field>|<code>^<text>^HL70357|E
struct AckError {
  std::string segment;  // "PV1"; empty for a message-level error
  int field = 0;        // 19; 0 when not about one field
  int hl7_code = 207;   // HL7 table 0357: 100 segment sequence, 101 required field missing,
                        // 102 data type error, 200 unsupported message type, 201 unsupported
                        // event code, 203 unsupported version, 207 application internal error
};

struct AckOptions {
  AckCode code = AckCode::kAccept;
  std::string text;          // MSA-3, plain text (escaped here); may be empty
  std::string control_id;    // MSH-10 of the ACK itself, chosen by the caller; REQUIRES non-empty
  workflow::Timestamp time;  // MSH-7, written in UTC (+0000)
  std::optional<AckError> error;
};

// The ACK for a parsed inbound message. The trigger is the inbound MSH-9.2 (else EVN-1); when
// there is none MSH-9 is just "ACK".
std::string BuildAck(const Message& inbound, const AckOptions& options);

// The ACK for bytes that did not parse. Best effort and safe on any input: when the bytes start
// with "MSH" and a separator, MSH-3..6, MSH-10, MSH-11 and MSH-12 are salvaged (each cut at the
// first delimiter-like character, stripped of control bytes, capped at 64 bytes); otherwise
// they are left empty (MSA-2 too).
std::string BuildAckFromRaw(std::string_view inbound, const AckOptions& options);

}  // namespace hl7
