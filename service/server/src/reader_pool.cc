#include "reader_pool.h"

#include <utility>

namespace tocflow::server {

ReaderPool::ReaderPool(std::string path, store::StoreOptions options, size_t max_idle)
    : path_(std::move(path)), options_(std::move(options)), max_idle_(max_idle) {}

ReaderPool::~ReaderPool() = default;

absl::StatusOr<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto reader = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(reader));
    }
  }
  auto opened = store::StoreReader::Open(path_, options_);
  if (!opened.ok()) return opened.status();
  return Lease(this, std::move(*opened));
}

void ReaderPool::Return(std::unique_ptr<store::StoreReader> reader) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(reader));
}

ReaderPool::Lease::Lease(ReaderPool* pool, std::unique_ptr<store::StoreReader> reader)
    : pool_(pool), reader_(std::move(reader)) {}

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), reader_(std::move(other.reader_)) {}

ReaderPool::Lease::~Lease() {
  if (reader_) pool_->Return(std::move(reader_));
}

}  // namespace tocflow::server
