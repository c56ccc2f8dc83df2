// MllpListener: poll(2) accept loop and one thread per connection.
#include "bridge/mllp_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "hl7/mllp.h"

namespace tocflow::adt {

struct MllpListener::Connection {
  int fd = -1;
  std::atomic<bool> finished = false;
  std::thread thread;
};

namespace {

absl::StatusOr<sockaddr_in> ParseAddress(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError("--listen: expected host:port, got \"" + text + "\"");
  }
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host == "localhost") host = "127.0.0.1";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return absl::InvalidArgumentError("--listen: \"" + host + "\" is not an IPv4 address");
  }
  int port = -1;
  try {
    size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    return absl::InvalidArgumentError("--listen: bad port \"" + port_text + "\"");
  }
  addr.sin_port = htons(static_cast<uint16_t>(port));
  return addr;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MllpListener>> MllpListener::Start(ListenerOptions options,
                                                                  ListenerCallbacks callbacks) {
  absl::StatusOr<sockaddr_in> addr = ParseAddress(options.listen);
  if (!addr.ok()) return addr.status();
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::UnavailableError("socket: " + std::string(strerror(errno)));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) != 0 ||
      listen(fd, 64) != 0) {
    const std::string why = strerror(errno);
    close(fd);
    return absl::UnavailableError("cannot listen on " + options.listen + ": " + why);
  }
  sockaddr_in bound{};
  socklen_t length = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  char host[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &bound.sin_addr, host, sizeof host);
  const std::string address = std::string(host) + ":" + std::to_string(ntohs(bound.sin_port));

  int wake[2];
  if (pipe2(wake, O_CLOEXEC) != 0) {
    close(fd);
    return absl::UnavailableError("pipe: " + std::string(strerror(errno)));
  }
  if (!callbacks.log) callbacks.log = [](const std::string&) {};
  return std::unique_ptr<MllpListener>(
      new MllpListener(std::move(options), std::move(callbacks), fd, wake[0], wake[1], address));
}

MllpListener::MllpListener(ListenerOptions options, ListenerCallbacks callbacks, int listen_fd,
                           int wake_read, int wake_write, std::string address)
    : options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      listen_fd_(listen_fd),
      wake_read_(wake_read),
      wake_write_(wake_write),
      address_(std::move(address)) {
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

MllpListener::~MllpListener() { Stop(); }

void MllpListener::Stop() {
  std::call_once(stopped_, [this] {
    stopping_ = true;
    const char byte = 'x';
    while (write(wake_write_, &byte, 1) < 0 && errno == EINTR) {
    }
    accept_thread_.join();
    std::list<std::unique_ptr<Connection>> connections;
    {
      std::lock_guard lock(mutex_);
      connections.swap(connections_);
    }
    for (auto& connection : connections) {
      connection->thread.join();
      close(connection->fd);
    }
    close(listen_fd_);
    close(wake_read_);
    close(wake_write_);
  });
}

void MllpListener::ReapFinished() {
  std::list<std::unique_ptr<Connection>> done;
  {
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->finished) {
        done.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : done) {
    connection->thread.join();
    close(connection->fd);
  }
}

void MllpListener::AcceptLoop() {
  while (!stopping_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_, POLLIN, 0}};
    if (poll(fds, 2, 1000) < 0 && errno != EINTR) break;
    ReapFinished();
    if (stopping_ || (fds[1].revents & POLLIN)) break;
    if (!(fds[0].revents & POLLIN)) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    if (connections_.size() >= options_.max_connections) {
      close(fd);
      callbacks_.log("connection refused: " + std::to_string(options_.max_connections) +
                     " connections already open");
      continue;
    }
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    Connection* raw = connection.get();
    connections_.push_back(std::move(connection));
    raw->thread = std::thread([this, raw] { Serve(raw); });
  }
}

bool MllpListener::SendAll(int fd, std::string_view bytes) {
  const auto give_up = std::chrono::steady_clock::now() + options_.write_timeout;
  while (!bytes.empty()) {
    const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        give_up - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd out = {fd, POLLOUT, 0};
    if (poll(&out, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
  }
  return true;
}

void MllpListener::Serve(Connection* connection) {
  const int fd = connection->fd;
  hl7::MllpDecoder decoder(options_.max_frame_bytes);
  std::vector<char> buffer(64 * 1024);
  bool open = true;
  while (open && !stopping_) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_read_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents & POLLIN) break;
    const ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (hl7::MllpEvent& event : decoder.Feed(std::string_view(buffer.data(), n))) {
      if (stopping_) break;
      std::string ack;
      try {
        switch (event.kind) {
          case hl7::MllpEvent::Kind::kMessage:
            ack = callbacks_.on_message(event.payload);
            break;
          case hl7::MllpEvent::Kind::kOversize:
            ack = callbacks_.on_oversize(event.size);
            break;
          case hl7::MllpEvent::Kind::kGarbage:
            callbacks_.log("skipped " + std::to_string(event.size) + " bytes outside a frame");
            continue;
        }
      } catch (const std::exception&) {
        callbacks_.log("internal error: connection closed");
        open = false;
        break;
      }
      absl::StatusOr<std::string> framed = hl7::MllpEncode(ack);
      if (!framed.ok() || !SendAll(fd, *framed)) {
        callbacks_.log("could not write an ACK: connection closed");
        open = false;
        break;
      }
    }
  }
  if (decoder.InFrame()) callbacks_.log("connection closed inside a frame");
  shutdown(fd, SHUT_RDWR);
  connection->finished = true;
}

}  // namespace tocflow::adt
