// libFuzzer target: the HL7 v2 / MLLP path of tocflow-adt, without the network.
//
// The input is a byte stream as a socket might deliver it. It is fed through hl7::MllpDecoder
// in chunks (sizes taken from the input, so split frames are explored), every framed message is
// parsed, ADT facts are extracted and an ACK is built, exactly as the bridge does. The whole
// input is also parsed as one unframed message, since most seeds are plain .hl7 files.
//
// Besides "no crash, no leak, no hang" (the sanitizers and libFuzzer's timeout), it checks:
//   - every ACK we build parses as HL7 and carries the code we asked for in MSA-1;
//   - MllpEncode of a decoded payload decodes back to the same payload;
//   - the decoder never buffers more than its frame limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "hl7/ack.h"
#include "hl7/adt.h"
#include "hl7/message.h"
#include "hl7/mllp.h"
#include "workflow/time.h"

namespace {

// Fails the run (libFuzzer saves the input) when a property does not hold.
void Check(bool condition) {
  if (!condition) std::abort();
}

hl7::AckOptions AckFor(hl7::AckCode code, std::string text) {
  hl7::AckOptions options;
  options.code = code;
  options.text = std::move(text);
  options.control_id = "ACK0001";
  options.time = workflow::FromUnixSeconds(1772442000);  // 2026-03-02 09:00 UTC
  return options;
}

void CheckAck(const std::string& ack, hl7::AckCode code) {
  auto parsed = hl7::ParseMessage(ack);
  Check(parsed.ok());
  const hl7::Segment* msa = parsed->Find("MSA");
  Check(msa != nullptr);
  Check(msa->Get(1) == hl7::AckCodeText(code));
}

// What the bridge does with one message: parse, extract, acknowledge.
void HandleMessage(std::string_view payload) {
  auto message = hl7::ParseMessage(payload);
  if (!message.ok()) {
    std::string ack =
        hl7::BuildAckFromRaw(payload, AckFor(hl7::AckCode::kReject, message.status().ToString()));
    CheckAck(ack, hl7::AckCode::kReject);
    return;
  }
  auto adt = hl7::ExtractAdt(*message);
  hl7::AckCode code = adt.ok() ? hl7::AckCode::kAccept : hl7::AckCode::kError;
  std::string text = adt.ok() ? "" : std::string(adt.status().message());
  if (adt.ok()) {
    hl7::AckError error;
    error.segment = "PV1";
    error.field = 19;
    hl7::AckOptions options = AckFor(code, adt->visit_number);
    options.error = error;
    CheckAck(hl7::BuildAck(*message, options), code);
  }
  CheckAck(hl7::BuildAck(*message, AckFor(code, text)), code);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  HandleMessage(input);

  // A small frame limit from the first byte, so oversize frames are reached too.
  size_t max_frame =
      size > 0 && data[0] % 4 == 0 ? 64 + data[0] : hl7::MllpDecoder::kDefaultMaxFrameBytes;
  hl7::MllpDecoder decoder(max_frame);
  size_t pos = 0;
  size_t step_seed = size > 1 ? data[1] : 7;
  while (pos < size) {
    size_t chunk = 1 + (step_seed * 31 + pos) % 97;
    if (chunk > size - pos) chunk = size - pos;
    for (const hl7::MllpEvent& event : decoder.Feed(input.substr(pos, chunk))) {
      if (event.kind != hl7::MllpEvent::Kind::kMessage) continue;
      Check(event.payload.size() <= max_frame);
      HandleMessage(event.payload);
      auto framed = hl7::MllpEncode(event.payload);
      Check(framed.ok());  // a decoded payload cannot hold 0x0B or 0x1C
      hl7::MllpDecoder again;
      std::vector<hl7::MllpEvent> round = again.Feed(*framed);
      Check(round.size() == 1 && round[0].kind == hl7::MllpEvent::Kind::kMessage &&
            round[0].payload == event.payload);
    }
    Check(decoder.buffered_bytes() <= max_frame);
    pos += chunk;
  }
  return 0;
}
