// A plain TCP client for end-to-end tests of tocflow-adt: sends raw bytes (whole frames, pieces
// of frames, garbage) and reads the ACK frames back with a timeout.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "hl7/message.h"
#include "hl7/mllp.h"

namespace tocflow::testing {

class MllpTestClient {
 public:
  explicit MllpTestClient(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~MllpTestClient() { close(fd_); }
  bool connected() const { return connected_; }

  static std::string Frame(std::string_view message) {
    return std::string(1, hl7::kMllpStart) + std::string(message) +
           std::string{hl7::kMllpEnd, hl7::kMllpEndCr};
  }

  bool SendRaw(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // The next ACK frame's payload, or nothing after `timeout` or when the connection closed.
  std::optional<std::string> ReadAck(std::chrono::seconds timeout = std::chrono::seconds(20)) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    char buffer[8192];
    while (acks_.empty()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          give_up - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd in = {fd_, POLLIN, 0};
      if (poll(&in, 1, static_cast<int>(left.count())) <= 0) continue;
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return std::nullopt;
      for (hl7::MllpEvent& e : decoder_.Feed(std::string_view(buffer, n))) {
        if (e.kind == hl7::MllpEvent::Kind::kMessage) acks_.push_back(e.payload);
      }
    }
    std::string ack = acks_.front();
    acks_.pop_front();
    return ack;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  hl7::MllpDecoder decoder_;
  std::deque<std::string> acks_;
};

// MSA-1, MSA-2, MSA-3 of an ACK payload ("" when absent).
struct Msa {
  std::string code;
  std::string control_id;
  std::string text;
};

inline Msa ReadMsa(const std::string& ack) {
  absl::StatusOr<hl7::Message> parsed = hl7::ParseMessage(ack);
  if (!parsed.ok()) return {"unparseable", "", std::string(parsed.status().message())};
  const hl7::Segment* msa = parsed->Find("MSA");
  if (msa == nullptr) return {"no MSA", "", ""};
  return {msa->Get(1), msa->Get(2), msa->Get(3)};
}

}  // namespace tocflow::testing
