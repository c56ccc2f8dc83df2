#include "parallel_delivery.h"

#include <pthread.h>

#include <algorithm>
#include <utility>

namespace tocflow::server {

namespace {

int ThreadCount(int asked) {
  if (asked > 0) return asked;
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1,
                    ParallelDelivery::kMaxDefaultThreads);
}

}  // namespace

ParallelDelivery::ParallelDelivery(int threads) : threads_(ThreadCount(threads)) {
  for (int share = 1; share < threads_; ++share) {
    helpers_.emplace_back([this, share] { Help(share); });
    pthread_setname_np(helpers_.back().native_handle(), "tf-alert-send");  // for top -H, perf
  }
}

ParallelDelivery::~ParallelDelivery() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

void ParallelDelivery::DeliverShare(std::vector<Delivery>& deliveries, int share, int shares) {
  for (size_t i = static_cast<size_t>(share); i < deliveries.size();
       i += static_cast<size_t>(shares)) {
    deliveries[i].stream->Deliver(std::move(deliveries[i].alerts));
  }
}

void ParallelDelivery::DeliverAll(std::vector<Delivery>& deliveries) {
  if (helpers_.empty() || deliveries.size() < 2) {
    DeliverShare(deliveries, 0, 1);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    batch_ = &deliveries;
    ++generation_;
    helping_ = static_cast<int>(helpers_.size());
  }
  work_.notify_all();
  DeliverShare(deliveries, 0, threads_);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return helping_ == 0; });
  batch_ = nullptr;
}

void ParallelDelivery::Help(int share) {
  uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    std::vector<Delivery>* batch = batch_;
    lock.unlock();
    DeliverShare(*batch, share, threads_);
    lock.lock();
    if (--helping_ == 0) done_.notify_one();
  }
}

}  // namespace tocflow::server
