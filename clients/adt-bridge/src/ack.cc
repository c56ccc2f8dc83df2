// ACK construction from a parsed or an unparseable inbound message.
#include "hl7/ack.h"

#include <string>

#include "hl7/dtm.h"
#include "hl7/encoding.h"

namespace hl7 {
namespace {

constexpr size_t kSalvageCap = 64;

// What the ACK copies from the inbound MSH, already encoded with the standard delimiters.
struct InboundHeader {
  std::string sending_application;    // MSH-3
  std::string sending_facility;       // MSH-4
  std::string receiving_application;  // MSH-5
  std::string receiving_facility;     // MSH-6
  std::string control_id;             // MSH-10
  std::string processing_id;          // MSH-11
  std::string version;                // MSH-12
  std::string trigger;                // MSH-9.2 or EVN-1
};

const EncodingCharacters kStandard{};

// The first repetition of a field, decoded and re-escaped component by component.
std::string Reencode(const Segment& s, int field) {
  std::string out;
  const int components = s.ComponentCount(field, 1);
  for (int c = 1; c <= components; ++c) {
    if (c > 1) out.push_back(kStandard.component);
    const int subs = s.SubcomponentCount(field, 1, c);
    for (int sc = 1; sc <= subs; ++sc) {
      if (sc > 1) out.push_back(kStandard.subcomponent);
      out += Escape(s.Get(field, 1, c, sc), kStandard);
    }
  }
  return out;
}

std::string Compose(const InboundHeader& in, const AckOptions& options) {
  const char sep = kStandard.field;
  std::string ack = "MSH";
  ack += sep + kStandard.Msh2() + sep;
  ack += in.receiving_application + sep + in.receiving_facility + sep;
  ack += in.sending_application + sep + in.sending_facility + sep;
  ack += FormatDtmUtc(options.time) + sep + sep;
  ack += "ACK";
  if (!in.trigger.empty()) ack += kStandard.component + in.trigger;
  ack += sep + Escape(options.control_id, kStandard) + sep;
  ack += (in.processing_id.empty() ? std::string("P") : in.processing_id) + sep;
  ack += in.version.empty() ? std::string("2.4") : in.version;
  ack += '\r';

  ack += "MSA";
  ack += sep + std::string(AckCodeText(options.code)) + sep + in.control_id;
  if (!options.text.empty()) ack += sep + Escape(options.text, kStandard);
  ack += '\r';

  if (options.error) {
    const AckError& e = *options.error;
    ack += "ERR";
    ack += sep;
    ack += sep;
    if (!e.segment.empty()) {
      ack += Escape(e.segment, kStandard) + kStandard.component + "1";
      if (e.field > 0) ack += kStandard.component + std::to_string(e.field);
    }
    ack += sep + std::to_string(e.hl7_code) + kStandard.component +
           Escape(options.text, kStandard) + kStandard.component + "HL70357" + sep + "E";
    ack += '\r';
  }
  return ack;
}

// Plain text salvaged from an unparsed field: cut at the first character that may be a
// delimiter, control bytes dropped, capped, then escaped.
std::string Salvage(std::string_view raw, std::string_view cut_at) {
  std::string out;
  for (char c : raw) {
    if (cut_at.find(c) != std::string_view::npos || out.size() >= kSalvageCap) break;
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    out.push_back(c);
  }
  return Escape(out, kStandard);
}

}  // namespace

std::string_view AckCodeText(AckCode code) {
  switch (code) {
    case AckCode::kAccept:
      return "AA";
    case AckCode::kError:
      return "AE";
    case AckCode::kReject:
      return "AR";
  }
  return "AR";
}

std::string BuildAck(const Message& inbound, const AckOptions& options) {
  const Segment& msh = inbound.msh();
  InboundHeader in;
  in.sending_application = Reencode(msh, 3);
  in.sending_facility = Reencode(msh, 4);
  in.receiving_application = Reencode(msh, 5);
  in.receiving_facility = Reencode(msh, 6);
  in.control_id = Escape(msh.Get(10), kStandard);
  in.processing_id = Reencode(msh, 11);
  in.version = Escape(msh.Get(12), kStandard);
  std::string trigger = msh.Get(9, 1, 2);
  if (trigger.empty()) {
    if (const Segment* evn = inbound.Find("EVN")) trigger = evn->Get(1);
  }
  in.trigger = Escape(trigger, kStandard);
  return Compose(in, options);
}

std::string BuildAckFromRaw(std::string_view inbound, const AckOptions& options) {
  InboundHeader in;
  if (inbound.size() > 4 && inbound.substr(0, 3) == "MSH") {
    const char sep = inbound[3];
    const std::string_view first = inbound.substr(0, inbound.find_first_of("\r\n"));
    // Cut salvaged values at the separator and anything that looks like an encoding character.
    std::string cut_at(1, sep);
    cut_at += "^~\\&";
    const size_t msh2_end = first.find(sep, 4);
    if (msh2_end != std::string_view::npos) cut_at += first.substr(4, msh2_end - 4);
    // fields[n] = MSH-n for n >= 2 (MSH-2 starts at byte 4).
    std::string_view fields[13];
    // The first line may end before MSH-2 ("MSH\r..."): then nothing is salvaged.
    std::string_view rest = first.size() > 4 ? first.substr(4) : std::string_view();
    for (int n = 2; n <= 12; ++n) {
      const size_t end = rest.find(sep);
      fields[n] = rest.substr(0, end);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    in.sending_application = Salvage(fields[3], cut_at);
    in.sending_facility = Salvage(fields[4], cut_at);
    in.receiving_application = Salvage(fields[5], cut_at);
    in.receiving_facility = Salvage(fields[6], cut_at);
    in.control_id = Salvage(fields[10], cut_at);
    in.processing_id = Salvage(fields[11], cut_at);
    in.version = Salvage(fields[12], cut_at);
  }
  return Compose(in, options);
}

}  // namespace hl7
