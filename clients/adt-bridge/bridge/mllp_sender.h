// The sending side of MLLP, for `tocflow-adt --send FILE...` (a way to feed the bridge the
// example messages without nc): split a file into messages, send each framed, wait for its ACK.
// Thread safety: none; one MllpSender per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hl7/mllp.h"

namespace tocflow::adt {

// The messages of a file: segments separated by CR, LF or CRLF (rewritten to CR, the HL7
// terminator), a new message at each line starting with "MSH"; blank lines dropped.
std::vector<std::string> SplitMessages(std::string_view file_text);

// One TCP connection to an MLLP listener.
class MllpSender {
 public:
  // Connects to IPv4 "host:port". UNAVAILABLE when it cannot.
  static absl::StatusOr<std::unique_ptr<MllpSender>> Connect(const std::string& address);
  ~MllpSender();
  MllpSender(const MllpSender&) = delete;
  MllpSender& operator=(const MllpSender&) = delete;

  // Sends one message and returns the payload of the next frame received (its ACK).
  // DEADLINE_EXCEEDED after `timeout`; UNAVAILABLE when the connection closes.
  absl::StatusOr<std::string> Exchange(std::string_view message, std::chrono::milliseconds timeout);

 private:
  explicit MllpSender(int fd) : fd_(fd) {}
  int fd_;
  hl7::MllpDecoder decoder_;
  std::vector<std::string> pending_;  // frames received ahead of time
};

}  // namespace tocflow::adt
