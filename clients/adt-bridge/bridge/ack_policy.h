// Which ACK tocflow-adt answers for an outcome: MSA-1, MSA-3 text and the ERR segment.
//
//   OK (also a server replay of a retried message)        -> AA (text: the note, if any)
//   INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION,
//   ALREADY_EXISTS, OUT_OF_RANGE                           -> AE, MSA-3 the reason
//   UNAUTHENTICATED, PERMISSION_DENIED (tocflowd refused
//   the bridge's credentials: our configuration, not the
//   message)                                               -> AR "not applied ...; resend it
//                                                             once the bridge's credentials
//                                                             are fixed", ERR 207
//   UNIMPLEMENTED (unsupported message type, trigger,
//   version)                                               -> AR, ERR 200/201/203
//   anything else (UNAVAILABLE, RESOURCE_EXHAUSTED,
//   DEADLINE_EXCEEDED, ABORTED, INTERNAL...)               -> AR "not applied ...; resend"
//   a frame that does not parse as HL7                     -> AR, ERR 100
// AR for "tocflowd cannot take it now" follows HL7 v2.5 2.9.2 (reject for reasons unrelated
// to the content, e.g. the receiving system is down); resending the same message (same MSH-10)
// is safe, the server applies it at most once. When the reason starts with an HL7 place
// ("PV1-19: ..."), ERR-2 names that segment and field.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "hl7/ack.h"

namespace tocflow::adt {

// MSA-1, MSA-3 and ERR of one ACK.
struct AckDecision {
  hl7::AckCode code = hl7::AckCode::kAccept;
  std::string text;
  std::optional<hl7::AckError> error;
};

// The ACK for the outcome of a parsed message. `note` is MSA-3 of an AA.
AckDecision DecideAck(const absl::Status& status, const std::string& note = "");

// The NAK for a frame that ParseMessage refused with `parse_error`.
AckDecision DecideParseFailure(const absl::Status& parse_error);

}  // namespace tocflow::adt
