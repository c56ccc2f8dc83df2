// ParallelDelivery: every delivery of a pass reaches its stream once and in order, and a pass is
// shared between the calling thread and the helpers (each delivery that finds its stream idle
// starts the stream's write on the thread that delivered it).
#include "parallel_delivery.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace tocflow::server {
namespace {

using ::testing::ElementsAre;

// A stream's write side that records what it was asked to write, and on which thread.
class RecordingWriter final : public WatchWriter {
 public:
  size_t StartAlertWrite(std::deque<SharedAlert>& queue) override {
    std::lock_guard lock(mutex_);
    threads_.insert(std::this_thread::get_id());
    for (const SharedAlert& alert : queue) cursors_.push_back(alert->cursor());
    return queue.size();
  }
  void FinishWatch(const grpc::Status&) override {}

  std::vector<int64_t> cursors() {
    std::lock_guard lock(mutex_);
    return cursors_;
  }
  std::set<std::thread::id> threads() {
    std::lock_guard lock(mutex_);
    return threads_;
  }

 private:
  std::mutex mutex_;
  std::vector<int64_t> cursors_;
  std::set<std::thread::id> threads_;
};

struct Watch {
  RecordingWriter writer;
  std::shared_ptr<WatchStream> stream =
      std::make_shared<WatchStream>(&writer, store::AlertFilter{}, 0, 16);
};

std::vector<SharedAlert> Alerts(std::initializer_list<int64_t> cursors) {
  std::vector<SharedAlert> alerts;
  for (int64_t cursor : cursors) {
    auto alert = std::make_shared<v1::Alert>();
    alert->set_cursor(cursor);
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

// One pass: alerts `first` and `first + 1` for every watch.
void DeliverPass(ParallelDelivery& delivery, std::vector<std::unique_ptr<Watch>>& watches,
                 int64_t first) {
  std::vector<ParallelDelivery::Delivery> deliveries;
  for (auto& watch : watches) {
    deliveries.push_back({watch->stream.get(), Alerts({first, first + 1})});
  }
  delivery.DeliverAll(deliveries);
}

std::vector<std::unique_ptr<Watch>> Watches(int count) {
  std::vector<std::unique_ptr<Watch>> watches;
  for (int i = 0; i < count; ++i) watches.push_back(std::make_unique<Watch>());
  return watches;
}

TEST(ParallelDeliveryTest, EveryStreamGetsItsAlertsOnceInOrderAndThePassIsShared) {
  ParallelDelivery delivery(3);
  ASSERT_EQ(delivery.threads(), 3);
  auto watches = Watches(50);
  for (int64_t first = 1; first <= 7; first += 2) {
    DeliverPass(delivery, watches, first);
    for (auto& watch : watches) watch->stream->WriteDone(true);  // the write completed
  }
  std::set<std::thread::id> threads;
  for (auto& watch : watches) {
    EXPECT_THAT(watch->writer.cursors(), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
    for (std::thread::id id : watch->writer.threads()) threads.insert(id);
  }
  // The caller's own share, and the helpers' shares on their threads (one helper may take both
  // when the other is slow to wake).
  EXPECT_GE(threads.size(), 2u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 1u);
}

TEST(ParallelDeliveryTest, OneThreadOrOneDeliveryStaysOnTheCallersThread) {
  ParallelDelivery alone(1);
  auto many = Watches(10);
  DeliverPass(alone, many, 1);
  ParallelDelivery shared(2);
  auto single = Watches(1);
  DeliverPass(shared, single, 1);
  many.push_back(std::move(single.front()));
  for (auto& watch : many) {
    EXPECT_THAT(watch->writer.cursors(), ElementsAre(1, 2));
    EXPECT_THAT(watch->writer.threads(), ElementsAre(std::this_thread::get_id()));
  }
}

TEST(ParallelDeliveryTest, TheDefaultIsOneThreadPerCoreAtMostFour) {
  ParallelDelivery delivery(0);
  EXPECT_GE(delivery.threads(), 1);
  EXPECT_LE(delivery.threads(), ParallelDelivery::kMaxDefaultThreads);
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores > 0) {
    EXPECT_EQ(delivery.threads(), std::min(cores, ParallelDelivery::kMaxDefaultThreads));
  }
}

}  // namespace
}  // namespace tocflow::server
