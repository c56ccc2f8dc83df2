// A small pool of store read connections shared by the handlers. A StoreReader is used by one
// thread at a time: Acquire lends one exclusively until the lease is destroyed.
//
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/store.h"

namespace tocflow::server {

class ReaderPool {
 public:
  class Lease;

  // `max_idle` connections are kept open between uses; more are opened when needed.
  ReaderPool(std::string path, store::StoreOptions options, size_t max_idle = 4);
  ~ReaderPool();

  // An idle connection or a new one; the store's errors when one cannot be opened.
  absl::StatusOr<Lease> Acquire();

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    store::StoreReader* operator->() const { return reader_.get(); }
    store::StoreReader& operator*() const { return *reader_; }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<store::StoreReader> reader);
    ReaderPool* pool_;
    std::unique_ptr<store::StoreReader> reader_;
  };

 private:
  void Return(std::unique_ptr<store::StoreReader> reader);

  const std::string path_;
  const store::StoreOptions options_;
  const size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::StoreReader>> idle_;
};

}  // namespace tocflow::server
