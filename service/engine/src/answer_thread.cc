#include "answer_thread.h"

#include <pthread.h>

#include <utility>

namespace tocflow::engine::internal {
namespace {

void DeliverAll(std::vector<PendingCommand>& group) {
  for (PendingCommand& pending : group) pending.Deliver();
}

}  // namespace

AnswerThread::AnswerThread() : thread_([this] { Run(); }) {
  pthread_setname_np(thread_.native_handle(), "tf-answer");  // for top -H, perf and gdb
}

AnswerThread::~AnswerThread() { Stop(); }

void AnswerThread::Deliver(std::vector<PendingCommand> group) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      groups_.push_back(std::move(group));
      wake_.notify_one();
      return;
    }
  }
  DeliverAll(group);
}

void AnswerThread::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AnswerThread::Run() {
  while (true) {
    std::vector<PendingCommand> group;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return !groups_.empty() || stopping_; });
      if (groups_.empty()) return;  // stopping, and everything handed over is answered
      group = std::move(groups_.front());
      groups_.pop_front();
    }
    DeliverAll(group);
  }
}

}  // namespace tocflow::engine::internal
