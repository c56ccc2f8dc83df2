// One MLLP payload in, one ACK out: parse (hl7/message.h), extract (hl7/adt.h), find the case,
// map (adt_mapping.h), call tocflowd (case_gateway.h), answer (ack_policy.h). The ACK is built
// only after the server answered, so an AA means the command is durable.
//
// Logging: one line per message through `log`, naming the message type, the control id (MSH-10,
// only when it looks like one: a garbled message may hold anything there) and the ACK code with
// the status code name (with tocflowd's reason when it refused the bridge's credentials: it
// names the bridge's principal and provider); never a message's content or a patient
// identifier.
// Thread safety: Handle may be called from several threads at once when the gateway allows it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "bridge/adt_mapping.h"
#include "bridge/case_gateway.h"
#include "hl7/ack.h"
#include "hl7/adt.h"
#include "hl7/message.h"

namespace tocflow::adt {

class MessageHandler {
 public:
  using Log = std::function<void(const std::string& line)>;
  using Clock = std::function<workflow::Timestamp()>;

  // `gateway` must outlive the handler. `clock` gives receipt times (default: system clock).
  MessageHandler(CaseGateway* gateway, MappingDefaults defaults, Log log, Clock clock = {});

  // The ACK (no MLLP framing) for one message. Never throws; anything unexpected is an AR.
  std::string Handle(std::string_view payload);

  // The NAK (AR) for a frame that was dropped for exceeding the size limit.
  std::string RejectOversize(size_t size);

 private:
  std::string Process(const hl7::AdtMessage& adt, workflow::Timestamp receipt,
                      hl7::AckOptions* ack);
  hl7::AckOptions NewAck(workflow::Timestamp now);

  CaseGateway* gateway_;
  MappingDefaults defaults_;
  Log log_;
  Clock clock_;
  std::atomic<uint64_t> next_ack_ = 1;
  hl7::ParseLimits parse_limits_;
  hl7::AdtOptions adt_options_;
};

}  // namespace tocflow::adt
