#include "case_id.h"

#include <cstdint>
#include <random>

namespace tocflow::engine::internal {

std::string RandomCaseId() {
  // One generator per thread, seeded from the OS: ids need to be unique, not secret.
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = generator();
    for (int i = 0; i < 16; ++i) {
      id.push_back(kHex[bits & 0xF]);
      bits >>= 4;
    }
  }
  return id;
}

}  // namespace tocflow::engine::internal
