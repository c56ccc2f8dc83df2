#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

extern char** environ;

namespace tocflow::cli::testing {

std::unique_ptr<Process> Process::Start(const std::vector<std::string>& argv,
                                        const std::vector<std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return nullptr;
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return nullptr;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    bool overridden = false;
    for (const std::string& o : env) {
      if (entry.substr(0, entry.find('=') + 1) == o.substr(0, o.find('=') + 1)) overridden = true;
    }
    if (!overridden) environment.push_back(entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> c_argv, c_env;
  for (const std::string& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  c_argv.push_back(nullptr);
  for (const std::string& e : environment) c_env.push_back(const_cast<char*>(e.c_str()));
  c_env.push_back(nullptr);

  std::unique_ptr<Process> process(new Process());
  int rc = posix_spawn(&process->pid_, c_argv[0], &actions, nullptr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return nullptr;
  }
  process->reader_ =
      std::thread([p = process.get(), o = out_pipe[0], e = err_pipe[0]] { p->ReadLoop(o, e); });
  return process;
}

void Process::ReadLoop(int out_fd, int err_fd) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      (i == 0 ? out_ : err_).append(buffer, n);
      changed_.notify_all();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  eof_ = true;
  changed_.notify_all();
}

Process::~Process() {
  if (!exit_code_) {
    kill(pid_, SIGKILL);
    Wait(std::chrono::seconds(30));
  }
  if (reader_.joinable()) reader_.join();
}

std::optional<std::string> Process::WaitForLine(const std::string& needle,
                                                std::chrono::milliseconds timeout, size_t from_line,
                                                size_t* line_index) {
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<std::string> found;
  auto search = [&] {
    size_t start = 0, index = 0;
    for (size_t end; (end = out_.find('\n', start)) != std::string::npos;
         start = end + 1, ++index) {
      if (index < from_line) continue;
      std::string line = out_.substr(start, end - start);
      if (line.find(needle) != std::string::npos) {
        found = line;
        if (line_index) *line_index = index;
        return true;
      }
    }
    return eof_;
  };
  changed_.wait_for(lock, timeout, search);
  return found;
}

void Process::Signal(int signal_number) {
  if (!exit_code_) kill(pid_, signal_number);
}

std::optional<int> Process::Wait(std::chrono::milliseconds timeout) {
  if (exit_code_) return exit_code_;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return eof_; })) return std::nullopt;
  }
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return std::nullopt;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

std::string Process::out() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return out_;
}

std::string Process::err() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return err_;
}

CliRun RunTocflow(const std::vector<std::string>& args, const std::vector<std::string>& env,
                  std::chrono::seconds timeout) {
  std::vector<std::string> argv = {TOCFLOW_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  auto process = Process::Start(argv, env);
  CliRun run;
  if (!process) return run;
  auto code = process->Wait(timeout);
  run.exit_code = code ? *code : -1;
  run.out = process->out();
  run.err = process->err();
  return run;
}

}  // namespace tocflow::cli::testing
