#include "parallel_delivery.h"

#include <algorithm>
#include <latch>
#include <thread>
#include <utility>

namespace tocflow::server {

namespace {

int ThreadCount(int asked) {
  if (asked > 0) return asked;
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1,
                    ParallelDelivery::kMaxDefaultThreads);
}

}  // namespace

ParallelDelivery::ParallelDelivery(int threads)
    : threads_(ThreadCount(threads)), helpers_(threads_ - 1, "tf-alert-send") {}

void ParallelDelivery::DeliverShare(std::vector<Delivery>& deliveries, int share, int shares) {
  for (size_t i = static_cast<size_t>(share); i < deliveries.size();
       i += static_cast<size_t>(shares)) {
    deliveries[i].stream->Deliver(std::move(deliveries[i].alerts));
  }
}

void ParallelDelivery::DeliverAll(std::vector<Delivery>& deliveries) {
  if (threads_ == 1 || deliveries.size() < 2) {
    DeliverShare(deliveries, 0, 1);
    return;
  }
  std::latch helped(threads_ - 1);
  for (int share = 1; share < threads_; ++share) {
    helpers_.Post([this, &deliveries, &helped, share] {
      DeliverShare(deliveries, share, threads_);
      helped.count_down();
    });
  }
  DeliverShare(deliveries, 0, threads_);
  helped.wait();
}

}  // namespace tocflow::server
