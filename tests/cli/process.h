// Child processes for the CLI end-to-end tests: `tocflow` runs, with their stdout and stderr
// captured through pipes and their exit codes. (tocflowd runs as support/tocflowd_process.h.)
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tocflow::cli::testing {

// One running child process. A reader thread collects its output; the destructor kills it
// (SIGKILL) if it is still running and reaps it.
class Process {
 public:
  // Starts argv[0] with the arguments, the parent's environment plus `env` ("NAME=value"), and
  // stdin from /dev/null. nullptr when it cannot be started.
  static std::unique_ptr<Process> Start(const std::vector<std::string>& argv,
                                        const std::vector<std::string>& env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Waits until stdout holds a complete line containing `needle` (searching from line
  // `from_line`, 0-based); returns that line and sets `*line_index`, or nullopt on timeout.
  std::optional<std::string> WaitForLine(const std::string& needle,
                                         std::chrono::milliseconds timeout, size_t from_line = 0,
                                         size_t* line_index = nullptr);
  // Sends a signal.
  void Signal(int signal_number);
  // Waits for the process to end (both pipes closed, then reaped); returns its exit code, 128 +
  // signal when killed, or nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

  std::string out() const;
  std::string err() const;

 private:
  Process() = default;
  void ReadLoop(int out_fd, int err_fd);

  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string out_, err_;
  bool eof_ = false;
  std::thread reader_;
};

// What a finished `tocflow` run printed and returned.
struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `tocflow` (TOCFLOW_BIN) with the arguments and waits at most `timeout` for it.
CliRun RunTocflow(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                  std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace tocflow::cli::testing
