// MllpSender and SplitMessages.
#include "bridge/mllp_sender.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "absl/status/status.h"

namespace tocflow::adt {

std::vector<std::string> SplitMessages(std::string_view file_text) {
  std::vector<std::string> messages;
  size_t i = 0;
  while (i < file_text.size()) {
    size_t end = file_text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = file_text.size();
    std::string_view line = file_text.substr(i, end - i);
    i = end + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line.substr(0, 3) == "MSH" || messages.empty()) messages.emplace_back();
    messages.back().append(line);
    messages.back().push_back('\r');
  }
  return messages;
}

absl::StatusOr<std::unique_ptr<MllpSender>> MllpSender::Connect(const std::string& address) {
  const size_t colon = address.rfind(':');
  std::string host = colon == std::string::npos ? address : address.substr(0, colon);
  if (host == "localhost") host = "127.0.0.1";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  int port = 0;
  if (colon != std::string::npos) port = std::atoi(address.c_str() + colon + 1);
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 || port <= 0 || port > 65535) {
    return absl::InvalidArgumentError("expected an IPv4 host:port, got \"" + address + "\"");
  }
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::UnavailableError(std::string("socket: ") + strerror(errno));
  if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const std::string why = strerror(errno);
    close(fd);
    return absl::UnavailableError("cannot connect to " + address + ": " + why);
  }
  return std::unique_ptr<MllpSender>(new MllpSender(fd));
}

MllpSender::~MllpSender() { close(fd_); }

absl::StatusOr<std::string> MllpSender::Exchange(std::string_view message,
                                                 std::chrono::milliseconds timeout) {
  absl::StatusOr<std::string> framed = hl7::MllpEncode(message);
  if (!framed.ok()) return framed.status();
  std::string_view rest = *framed;
  while (!rest.empty()) {
    const ssize_t n = send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::UnavailableError(std::string("send: ") + strerror(errno));
    rest.remove_prefix(static_cast<size_t>(n));
  }
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  char buffer[16384];
  while (pending_.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        give_up - std::chrono::steady_clock::now());
    if (left.count() <= 0) return absl::DeadlineExceededError("no ACK in time");
    pollfd in = {fd_, POLLIN, 0};
    if (poll(&in, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::UnavailableError("the listener closed the connection");
    for (hl7::MllpEvent& event : decoder_.Feed(std::string_view(buffer, n))) {
      if (event.kind == hl7::MllpEvent::Kind::kMessage) pending_.push_back(event.payload);
    }
  }
  std::string ack = std::move(pending_.front());
  pending_.erase(pending_.begin());
  return ack;
}

}  // namespace tocflow::adt
