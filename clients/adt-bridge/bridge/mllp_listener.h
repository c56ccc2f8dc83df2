// The MLLP/TCP listener of tocflow-adt: accepts connections and, on each, decodes frames
// (hl7::MllpDecoder, bounded size) and writes back one framed ACK per message, in order.
//
// Design: poll(2), one accept thread and one thread per connection (HL7 feeds use few,
// long-lived connections; `max_connections` bounds them, a connection over the limit is closed
// at once). A connection handles its messages one at a time: the next message is read only
// after the previous ACK was written, so ACKs keep the order of the messages. Bytes between
// frames are skipped and counted; a frame over the limit is answered with the oversize NAK and
// the connection carries on.
//
// Stop(): stops accepting; every connection finishes the message it is handling (its ACK is
// written) and closes; messages received but not yet handled get no ACK, so the sender resends
// them (safe: the server applies a message at most once). Stop is idempotent and also run by
// the destructor.
// Thread safety: Stop and address may be called from any thread; callbacks run on connection
// threads, concurrently for different connections.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"

namespace tocflow::adt {

struct ListenerOptions {
  std::string listen = "127.0.0.1:2575";  // IPv4 host:port; port 0 picks a free port
  size_t max_connections = 64;
  size_t max_frame_bytes = 1024 * 1024;
  std::chrono::milliseconds write_timeout{30000};  // a peer not reading its ACKs is dropped
};

// What the listener calls; each returns the ACK to send (no MLLP framing).
struct ListenerCallbacks {
  std::function<std::string(std::string_view payload)> on_message;
  std::function<std::string(size_t size)> on_oversize;
  std::function<void(const std::string& line)> log;
};

class MllpListener {
 public:
  // Binds, listens and starts accepting. INVALID_ARGUMENT for a malformed address,
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MllpListener>> Start(ListenerOptions options,
                                                             ListenerCallbacks callbacks);
  ~MllpListener();
  MllpListener(const MllpListener&) = delete;
  MllpListener& operator=(const MllpListener&) = delete;

  // "127.0.0.1:PORT", the port actually bound.
  const std::string& address() const { return address_; }
  void Stop();

 private:
  struct Connection;
  MllpListener(ListenerOptions options, ListenerCallbacks callbacks, int listen_fd, int wake_read,
               int wake_write, std::string address);
  void AcceptLoop();
  void Serve(Connection* connection);
  bool SendAll(int fd, std::string_view bytes);
  void ReapFinished();

  ListenerOptions options_;
  ListenerCallbacks callbacks_;
  int listen_fd_;
  int wake_read_;  // readable once Stop() was called: every poll wakes up
  int wake_write_;
  std::string address_;
  std::atomic<bool> stopping_ = false;
  std::mutex mutex_;
  std::list<std::unique_ptr<Connection>> connections_;
  std::thread accept_thread_;
  std::once_flag stopped_;
};

}  // namespace tocflow::adt
