// A few worker threads for work that must not run on the engine's writer thread nor block a
// gRPC callback (e.g. reading a case back after a command). Tasks run in submission order per
// worker; Stop runs the tasks already queued and joins the workers.
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tocflow::server {

class WorkQueue {
 public:
  // `thread_name`: what `top -H`, perf and gdb show for the workers (at most 15 characters).
  explicit WorkQueue(int threads, const char* thread_name = "tf-worker");
  ~WorkQueue();  // Stop()
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `task`; after Stop the task runs on the caller's thread.
  void Post(std::function<void()> task);
  void Stop();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tocflow::server
