// tocflowd run as a real process by end-to-end tests (crash, e2e, CLI, ADT bridge, disk faults):
// started on a SQLite file with extra flags, on a loopback address (port 0 picks a free one,
// learned from its "serving tocflow.v1 on ADDR" line), with its stdout and stderr read together
// so that a test can wait for a line and show everything it printed when something fails.
// Stop() is a clean stop (SIGTERM), Kill() a crash (SIGKILL); Restart() starts it again on the
// same file, flags and address. The destructor stops it (SIGTERM, then SIGKILL after 20 s).
//
// The binary is $TOCFLOW_TEST_TOCFLOWD when set (e.g. another build of it), else TOCFLOWD_PATH,
// which the test target must define (`target_compile_definitions(... TOCFLOWD_PATH=...)`).
//
// Thread safety: address(), Output(), WaitForLine() and the channel helpers may be called from
// any thread while the process runs; Stop, Kill, WaitForExit and Restart from one thread, with
// no other call in flight.
#pragma once

#include <grpcpp/grpcpp.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.h"

#ifndef TOCFLOWD_PATH
#error "tocflowd_process.h needs TOCFLOWD_PATH, the path of the tocflowd binary, from CMake"
#endif

namespace tocflow::testing {

class TocflowdProcess {
 public:
  // The marker of tocflowd's serving line; the address follows it.
  static constexpr const char* kServingLine = "serving tocflow.v1 on ";

  // Starts `tocflowd --db DB --listen LISTEN FLAGS...` and waits (up to `start_timeout`) for its
  // serving line; check up(). A tocflowd that refuses to start exits at once: up() is then
  // false, WaitForExit() gives its status and Output() its reason.
  explicit TocflowdProcess(std::string db, std::vector<std::string> flags = {},
                           std::string listen = "127.0.0.1:0",
                           std::chrono::seconds start_timeout = std::chrono::seconds(30))
      : db_(std::move(db)),
        flags_(std::move(flags)),
        listen_(std::move(listen)),
        start_timeout_(start_timeout) {
    Start();
  }
  TocflowdProcess(const TocflowdProcess&) = delete;
  TocflowdProcess& operator=(const TocflowdProcess&) = delete;

  // Whether it printed its serving line (it may have exited since: see Running()).
  bool up() const { return !address_.empty(); }
  // "127.0.0.1:PORT" once up; empty otherwise.
  const std::string& address() const { return address_; }
  int port() const {
    return address_.empty() ? 0 : std::atoi(address_.substr(address_.rfind(':') + 1).c_str());
  }
  const std::string& db() const { return db_; }

  // Whether the process is still running.
  bool Running() { return process_->Running(); }
  // Everything it printed (stdout and stderr) since it was last started.
  std::string Output() { return process_->Output(); }
  // The first line containing `needle` printed since it was last started, waiting up to
  // `timeout`; nullopt on timeout or when it exited without printing one.
  std::optional<std::string> WaitForLine(const std::string& needle,
                                         std::chrono::seconds timeout = std::chrono::seconds(20)) {
    return process_->WaitForLine(needle, timeout);
  }

  // SIGTERM and wait (SIGKILL after 20 s): a clean stop. Returns the wait status.
  int Stop() { return process_->Stop(); }
  // SIGKILL: a crash. Returns the wait status.
  int Kill() { return process_->Kill(); }
  // Waits for it to exit by itself (SIGKILL after `timeout`). Returns the wait status.
  int WaitForExit(std::chrono::seconds timeout = std::chrono::seconds(30)) {
    return process_->Wait(timeout);
  }
  // The exit code in a wait status; -1 when the process did not exit by itself (a signal).
  static int ExitCode(int wait_status) {
    return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  }

  // Stops it if it still runs (SIGTERM), then starts it again on the same file and flags, on
  // the address it had (clients reconnect to the same port) or, if it never came up, on the
  // listen address it was given. Returns up().
  bool Restart() {
    Stop();
    if (!address_.empty()) listen_ = address_;
    Start();
    return up();
  }

  // The process's own channel, shared by every Stub() (made when it came up; remade by
  // Restart()). Plaintext: for a tocflowd with TLS, use NewChannel with credentials.
  std::shared_ptr<grpc::Channel> Channel() const { return channel_; }
  // A stub of `Service` (e.g. tocflow::v1::CaseService) on Channel().
  template <typename Service>
  std::unique_ptr<typename Service::Stub> Stub() const {
    return Service::NewStub(channel_);
  }

  // A channel of its own to this process: `tag` makes its arguments distinct, so it does not
  // share a TCP connection with other channels to the same address.
  std::shared_ptr<grpc::Channel> NewChannel(const std::string& tag,
                                            std::shared_ptr<grpc::ChannelCredentials> credentials =
                                                grpc::InsecureChannelCredentials()) const {
    return NewChannel(address_, tag, std::move(credentials));
  }
  static std::shared_ptr<grpc::Channel> NewChannel(
      const std::string& address, const std::string& tag,
      std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials()) {
    grpc::ChannelArguments args;
    args.SetString("tocflow.test.channel", tag);
    return grpc::CreateCustomChannel(address, std::move(credentials), args);
  }

 private:
  static std::string Binary() {
    const char* other = std::getenv("TOCFLOW_TEST_TOCFLOWD");
    return other != nullptr && *other != '\0' ? other : TOCFLOWD_PATH;
  }

  void Start() {
    address_.clear();
    channel_.reset();
    std::vector<std::string> argv = {Binary(), "--db", db_, "--listen", listen_};
    argv.insert(argv.end(), flags_.begin(), flags_.end());
    process_.reset();  // a restart: the old process has been reaped
    process_ = std::make_unique<ChildProcess>(argv, ChildProcess::Stderr::kMerge);
    std::optional<std::string> line = process_->WaitForLine(kServingLine, start_timeout_);
    if (!line) return;
    const size_t from = line->find(kServingLine) + std::string(kServingLine).size();
    address_ = line->substr(from, line->find(' ', from) - from);
    channel_ = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  }

  const std::string db_;
  const std::vector<std::string> flags_;
  std::string listen_;
  const std::chrono::seconds start_timeout_;
  std::unique_ptr<ChildProcess> process_;
  std::string address_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace tocflow::testing
