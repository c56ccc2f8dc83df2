// A program run as a child process for end-to-end tests: its stdout is read line by line on a
// thread, so a test can wait (with a timeout) for a line such as "listening on ...", and the
// child never blocks on a full pipe (its stderr too, when asked to merge it into stdout). Stop()
// sends SIGTERM and waits for it to exit; Kill() sends SIGKILL (a crash, for recovery tests).
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace tocflow::testing {

class ChildProcess {
 public:
  // Where the child's stderr goes: the test's own stderr, or read with its stdout (so that
  // Output() and WaitForLine() see error messages too).
  enum class Stderr { kInherit, kMerge };

  // Starts `argv[0]` with `argv`; check started() afterwards.
  explicit ChildProcess(const std::vector<std::string>& argv, Stderr stderr_to = Stderr::kInherit) {
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    if (stderr_to == Stderr::kMerge) {
      posix_spawn_file_actions_adddup2(&actions, out[1], STDERR_FILENO);
    }
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    reader_ = std::thread([this, fd = out[0]] { ReadLines(fd); });
  }
  ~ChildProcess() {
    Stop();
    reader_.join();
  }

  bool started() const { return pid_ > 0; }

  // Whether the child is still running (false once it has exited or been reaped).
  bool Running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, &status_, WNOHANG) == 0) return true;
    pid_ = -1;
    return false;
  }

  // The first line containing `needle` (already printed or printed within `timeout`).
  std::optional<std::string> WaitForLine(const std::string& needle,
                                         std::chrono::seconds timeout = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex_);
    std::optional<std::string> found;
    changed_.wait_for(lock, timeout, [&] {
      for (const std::string& line : lines_) {
        if (line.find(needle) != std::string::npos) {
          found = line;
          return true;
        }
      }
      return closed_;
    });
    return found;
  }

  // Everything printed so far.
  std::string Output() {
    std::lock_guard lock(mutex_);
    std::string all;
    for (const std::string& line : lines_) all += line + "\n";
    return all;
  }

  // Waits for the child to exit by itself (SIGKILL after `timeout`). Returns the exit status as
  // waitpid gives it.
  int Wait(std::chrono::seconds timeout = std::chrono::seconds(60)) { return Reap(timeout); }

  // SIGKILL, then waits. Returns the exit status as waitpid gives it.
  int Kill() {
    if (pid_ > 0) kill(pid_, SIGKILL);
    return Reap(std::chrono::seconds(0));
  }

  // SIGTERM, then waits (SIGKILL after 20 s). Returns the exit status as waitpid gives it.
  int Stop() {
    if (pid_ > 0) kill(pid_, SIGTERM);
    return Reap(std::chrono::seconds(20));
  }

 private:
  // Waits up to `timeout` for the child to exit, then SIGKILLs it and waits for that.
  int Reap(std::chrono::seconds timeout) {
    if (pid_ <= 0) return status_;
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (waitpid(pid_, &status_, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= give_up) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the exit only
    }
    pid_ = -1;
    return status_;
  }

  void ReadLines(int fd) {
    std::string partial;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
      std::lock_guard lock(mutex_);
      partial.append(buffer, static_cast<size_t>(n));
      size_t end;
      while ((end = partial.find('\n')) != std::string::npos) {
        lines_.push_back(partial.substr(0, end));
        partial.erase(0, end + 1);
      }
      changed_.notify_all();
    }
    close(fd);
    std::lock_guard lock(mutex_);
    if (!partial.empty()) lines_.push_back(partial);
    closed_ = true;
    changed_.notify_all();
  }

  pid_t pid_ = -1;
  int status_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
  bool closed_ = false;
};

}  // namespace tocflow::testing
